package dev.lector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PixelBudgetTest {

    @Test
    void aPageHoldsItsKilopixelsBetweenOneAndTheWholeBudget() {
        PixelBudget budget = new PixelBudget(40_000_000);
        assertThat(budget.share(0)).isEqualTo(1);
        assertThat(budget.share(1)).isEqualTo(1);
        assertThat(budget.share(473_800)).isEqualTo(474);
        assertThat(budget.share(34_806_376)).isEqualTo(34_807);
        assertThat(budget.share(50_000_000)).isEqualTo(40_000);
    }

    @Test
    void smallPagesShareWhileAHugeOneWaitsForRoom() throws Exception {
        PixelBudget budget = new PixelBudget(10_000_000);
        PixelBudget.Hold small = budget.acquire(500_000);
        PixelBudget.Hold other = budget.acquire(500_000);
        assertThat(budget.available()).isEqualTo(9_000);

        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean got = new AtomicBoolean();
        Thread big = Thread.ofPlatform().start(() -> {
            started.countDown();
            try (PixelBudget.Hold h = budget.acquire(60_000_000)) { // above the budget: takes all of it
                got.set(true);
            }
        });
        started.await();
        big.join(200);
        assertThat(got).as("a page larger than what is free waits").isFalse();
        small.close();
        small.close(); // idempotent: gives back once
        big.join(200);
        assertThat(got).isFalse();
        other.close();
        big.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(got).isTrue();
        assertThat(budget.available()).isEqualTo(10_000);
    }

    @Test
    void waitingIsInterruptible() throws Exception {
        PixelBudget budget = new PixelBudget(1_000_000);
        PixelBudget.Hold all = budget.acquire(1_000_000);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> budget.acquire(1)).isInstanceOf(CancellationException.class);
        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        all.close();
        assertThat(budget.available()).isEqualTo(1_000);
    }
}
