package dev.lector.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A fixed set of inference workers shared by every stage and every caller. Each stage has a
 * lane; a worker always takes the ready batch of the most urgent lane (the first registered),
 * so lines of pages already detected are recognised before new pages are detected, while an
 * idle worker detects the next page: the stages of different pages overlap and every core stays busy.
 * Work from concurrent callers that lands in the same lane is merged into shared batches.
 *
 * <p>Cancelled futures are dropped from the queues before they run.
 */
public final class DynamicBatcher implements AutoCloseable {

    /** Reports every model run: lane name, batch size, nanoseconds. */
    public interface Listener {
        void batchRan(String lane, int size, long nanos);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Lane<?, ?>> lanes = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final LongSupplier clock;
    private final AtomicLong queued = new AtomicLong();
    private volatile Listener listener = (lane, size, nanos) -> {};
    private boolean closed;

    public DynamicBatcher(int workerCount, String threadPrefix) {
        this(workerCount, threadPrefix, System::nanoTime);
    }

    DynamicBatcher(int workerCount, String threadPrefix, LongSupplier clock) {
        if (workerCount < 1) throw new IllegalArgumentException("workerCount must be >= 1: " + workerCount);
        this.clock = clock;
        for (int i = 0; i < workerCount; i++) {
            Thread t = Thread.ofPlatform().daemon().name(threadPrefix + "-" + i).unstarted(this::work);
            workers.add(t);
        }
    }

    /** Registers a stage; lanes registered earlier are served first. Register all before {@link #start()}. */
    public <I, O> Handle<I, O> lane(String name, BatchPolicy policy, BatchStage<I, O> stage) {
        Lane<I, O> lane = new Lane<>(name, policy, stage);
        lock.lock();
        try {
            lanes.add(lane);
        } finally {
            lock.unlock();
        }
        return new Handle<>(lane);
    }

    public DynamicBatcher start() {
        workers.forEach(Thread::start);
        return this;
    }

    public void setListener(Listener listener) {
        this.listener = listener;
    }

    public int workerCount() {
        return workers.size();
    }

    /** Items waiting in all lanes (not yet running). */
    public long queuedItems() {
        return queued.get();
    }

    /** Submits work to one lane. */
    public final class Handle<I, O> implements BatchQueue<I, O> {
        private final Lane<I, O> lane;

        private Handle(Lane<I, O> lane) {
            this.lane = lane;
        }

        public CompletableFuture<O> submit(I item) {
            return submitAll(List.of(item)).getFirst();
        }

        /** Enqueues all items at once, so they can be batched with each other. */
        @Override
        public List<CompletableFuture<O>> submitAll(List<I> items) {
            List<CompletableFuture<O>> futures = new ArrayList<>(items.size());
            lock.lock();
            try {
                if (closed) throw new IllegalStateException("batcher is closed");
                long now = clock.getAsLong();
                for (I item : items) {
                    CompletableFuture<O> f = new CompletableFuture<>();
                    lane.add(new Lane.Pending<>(item, lane.stage.batchKey(item), now, f));
                    futures.add(f);
                }
                queued.addAndGet(items.size());
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            return futures;
        }
    }

    private void work() {
        while (true) {
            Lane<?, ?> lane;
            List<? extends Lane.Pending<?, ?>> batch;
            lock.lock();
            try {
                while (true) {
                    if (closed) return;
                    long now = clock.getAsLong();
                    long earliest = Long.MAX_VALUE;
                    Lane<?, ?> ready = null;
                    for (Lane<?, ?> l : lanes) {
                        long at = l.readyAt();
                        if (at <= now) {
                            ready = l;
                            break;
                        }
                        earliest = Math.min(earliest, at);
                    }
                    recount();
                    if (ready != null) {
                        lane = ready;
                        batch = ready.takeBatch();
                        queued.addAndGet(-batch.size());
                        break;
                    }
                    if (earliest == Long.MAX_VALUE) {
                        changed.await();
                    } else {
                        changed.awaitNanos(Math.max(1, earliest - now));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            run(lane, batch);
        }
    }

    private void recount() {
        long n = 0;
        for (Lane<?, ?> l : lanes) n += l.size();
        queued.set(n);
    }

    @SuppressWarnings("unchecked")
    private <I, O> void run(Lane<I, O> lane, List<? extends Lane.Pending<?, ?>> rawBatch) {
        List<Lane.Pending<I, O>> batch = (List<Lane.Pending<I, O>>) rawBatch;
        long start = clock.getAsLong();
        try {
            List<I> items = new ArrayList<>(batch.size());
            for (Lane.Pending<I, O> p : batch) items.add(p.item());
            List<O> outputs = lane.stage.runBatch(items);
            if (outputs.size() != items.size()) {
                throw new IllegalStateException("stage " + lane.name + " returned " + outputs.size()
                        + " results for " + items.size() + " items");
            }
            for (int i = 0; i < batch.size(); i++) batch.get(i).future().complete(outputs.get(i));
        } catch (Throwable t) {
            // the worker survives whatever a stage throws; the callers get the failure
            for (Lane.Pending<I, O> p : batch) p.future().completeExceptionally(t);
        } finally {
            listener.batchRan(lane.name, batch.size(), clock.getAsLong() - start);
            lock.lock();
            try {
                lane.running--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Stops the workers; queued work is failed, running batches finish. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            IllegalStateException stopped = new IllegalStateException("the inference workers were stopped");
            for (Lane<?, ?> l : lanes) l.failAll(stopped);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }
}
