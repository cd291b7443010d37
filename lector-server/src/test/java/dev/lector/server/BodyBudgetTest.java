package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.batch.OverloadedException;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    @Test
    void bodiesShareTheBudgetAndTheOneTooManyIsRefused() {
        BodyBudget budget = new BodyBudget(10 * 1024);
        BodyBudget.Claim a = budget.claim(6 * 1024);
        assertThatThrownBy(() -> budget.claim(5 * 1024)).isInstanceOf(OverloadedException.class)
                .hasMessageContaining("10 KiB");
        BodyBudget.Claim b = budget.claim(4 * 1024);
        assertThat(budget.availableKib()).isZero();
        a.close();
        a.close(); // gives back once
        assertThat(budget.availableKib()).isEqualTo(6);
        b.close();
        assertThat(budget.availableKib()).isEqualTo(10);
    }

    @Test
    void aBodyLargerThanTheBudgetRunsAlone() {
        BodyBudget budget = new BodyBudget(10 * 1024);
        try (BodyBudget.Claim big = budget.claim(50L * 1024 * 1024)) {
            assertThat(budget.availableKib()).isZero();
            assertThatThrownBy(() -> budget.claim(1)).isInstanceOf(OverloadedException.class);
        }
        assertThat(budget.availableKib()).isEqualTo(10);
    }
}
