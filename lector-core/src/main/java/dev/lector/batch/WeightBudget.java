package dev.lector.batch;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;

/**
 * A bound on some quantity held by the work in flight (the pixels of pages being read, the bytes
 * of request bodies), so that memory follows the budget and not the number of requests. It is
 * counted in whole units (e.g. 1000 pixels, 1024 bytes); a piece of work holds its size in units,
 * at least one and at most the whole budget, so that work larger than the budget still runs when
 * alone. Waiting is fair (first come, first served) and interruptible; trying never waits.
 */
public final class WeightBudget {

    private final String what;
    private final String unitName;
    private final long unit;
    private final int totalUnits;
    private final Semaphore permits;

    /**
     * @param total    the budget, in the quantity's own measure (pixels, bytes)
     * @param unit     how much of it one permit stands for
     * @param unitName the unit's name in messages ({@code "kilopixels"}, {@code "KiB"})
     * @param what     the quantity's name in messages ({@code "pixels"}, {@code "request bytes"})
     */
    public WeightBudget(long total, long unit, String unitName, String what) {
        if (total < 1) throw new IllegalArgumentException(what + " budget must be >= 1: " + total);
        if (unit < 1) throw new IllegalArgumentException("unit must be >= 1: " + unit);
        this.what = what;
        this.unitName = unitName;
        this.unit = unit;
        this.totalUnits = (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(total, unit));
        this.permits = new Semaphore(totalUnits, true);
    }

    /** What work of {@code amount} holds: its size in units, at least 1, at most the whole budget. */
    public int share(long amount) {
        return (int) Math.max(1, Math.min(totalUnits, Math.ceilDiv(Math.max(0, amount), unit)));
    }

    /** Waits until {@code amount} fits; close the returned hold to give it back (once). */
    public Hold acquire(long amount) {
        int n = share(amount);
        try {
            permits.acquire(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for room for " + amount + " " + what);
        }
        return new Hold(n);
    }

    /** Takes room for {@code amount} now, or throws {@link OverloadedException} when there is none. */
    public Hold tryAcquire(long amount) {
        int n = share(amount);
        if (!permits.tryAcquire(n)) {
            throw new OverloadedException("too many " + what + " in flight (limit " + totalUnits + " " + unitName
                    + "): retry later");
        }
        return new Hold(n);
    }

    /** Units free now. */
    public int available() {
        return permits.availablePermits();
    }

    /** Room held by one piece of work. */
    public final class Hold implements AutoCloseable {
        private int held;

        private Hold(int held) {
            this.held = held;
        }

        /**
         * Grows this hold to {@code amount} (for work whose size is learnt as it goes, such as a
         * body counted as its bytes arrive), taking the difference now or throwing
         * {@link OverloadedException} when there is no room; a hold never shrinks here.
         */
        public void tryGrowTo(long amount) {
            int n = share(amount);
            if (n <= held) return;
            if (!permits.tryAcquire(n - held)) {
                throw new OverloadedException("too many " + what + " in flight (limit " + totalUnits + " " + unitName
                        + "): retry later");
            }
            held = n;
        }

        /** Units this hold has now. */
        public int units() {
            return held;
        }

        @Override
        public void close() {
            if (held > 0) {
                permits.release(held);
                held = 0;
            }
        }
    }
}
