package dev.lector.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The pixel budget of pages in flight and the byte budget of request bodies are both a WeightBudget. */
class WeightBudgetTest {

    static WeightBudget pixels(long max) {
        return new WeightBudget(max, 1000, "kilopixels", "pixels");
    }

    static WeightBudget bytes(long max) {
        return new WeightBudget(max, 1024, "KiB", "request bytes");
    }

    @Test
    void aPageHoldsItsKilopixelsBetweenOneAndTheWholeBudget() {
        WeightBudget budget = pixels(40_000_000);
        assertThat(budget.share(0)).isEqualTo(1);
        assertThat(budget.share(1)).isEqualTo(1);
        assertThat(budget.share(473_800)).isEqualTo(474);
        assertThat(budget.share(34_806_376)).isEqualTo(34_807);
        assertThat(budget.share(50_000_000)).isEqualTo(40_000);
    }

    @Test
    void smallPagesShareWhileAHugeOneWaitsForRoom() throws Exception {
        WeightBudget budget = pixels(10_000_000);
        WeightBudget.Hold small = budget.acquire(500_000);
        WeightBudget.Hold other = budget.acquire(500_000);
        assertThat(budget.available()).isEqualTo(9_000);

        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean got = new AtomicBoolean();
        Thread big = Thread.ofPlatform().start(() -> {
            started.countDown();
            try (WeightBudget.Hold h = budget.acquire(60_000_000)) { // above the budget: takes all of it
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
        WeightBudget budget = pixels(1_000_000);
        WeightBudget.Hold all = budget.acquire(1_000_000);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> budget.acquire(1)).isInstanceOf(CancellationException.class);
        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        all.close();
        assertThat(budget.available()).isEqualTo(1_000);
    }

    @Test
    void bodiesShareTheBudgetAndTheOneTooManyIsRefused() {
        WeightBudget budget = bytes(10 * 1024);
        WeightBudget.Hold a = budget.tryAcquire(6 * 1024);
        assertThatThrownBy(() -> budget.tryAcquire(5 * 1024)).isInstanceOf(OverloadedException.class)
                .hasMessageContaining("10 KiB");
        WeightBudget.Hold b = budget.tryAcquire(4 * 1024);
        assertThat(budget.available()).isZero();
        a.close();
        a.close(); // gives back once
        assertThat(budget.available()).isEqualTo(6);
        b.close();
        assertThat(budget.available()).isEqualTo(10);
    }

    @Test
    void aBodyLargerThanTheBudgetRunsAlone() {
        WeightBudget budget = bytes(10 * 1024);
        try (WeightBudget.Hold big = budget.tryAcquire(50L * 1024 * 1024)) {
            assertThat(budget.available()).isZero();
            assertThatThrownBy(() -> budget.tryAcquire(1)).isInstanceOf(OverloadedException.class);
        }
        assertThat(budget.available()).isEqualTo(10);
    }
}
