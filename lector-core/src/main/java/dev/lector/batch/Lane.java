package dev.lector.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The queue of one stage inside {@link DynamicBatcher}; every method is called with the batcher's
 * lock held, so a lane needs no synchronisation of its own.
 */
final class Lane<I, O> {

    record Pending<I, O>(I item, int key, long enqueuedNanos, CompletableFuture<O> future) {}

    final String name;
    final BatchPolicy policy;
    final BatchStage<I, O> stage;
    private final LinkedList<Pending<I, O>> queue = new LinkedList<>();
    int running;

    Lane(String name, BatchPolicy policy, BatchStage<I, O> stage) {
        this.name = name;
        this.policy = policy;
        this.stage = stage;
    }

    void add(Pending<I, O> p) {
        queue.add(p);
    }

    int size() {
        return queue.size();
    }

    /**
     * The nanoTime at which a batch is ready: now if a full batch waits or the oldest item has
     * waited maxDelay; Long.MAX_VALUE when empty or at its concurrency limit.
     */
    long readyAt() {
        dropCancelled();
        if (queue.isEmpty() || running >= policy.maxConcurrent()) return Long.MAX_VALUE;
        if (queue.size() >= policy.maxBatch()) return Long.MIN_VALUE;
        return queue.getFirst().enqueuedNanos() + policy.maxDelay().toNanos();
    }

    /**
     * Takes the oldest item and up to maxBatch-1 others whose keys are nearest to its key, so a
     * batch pads as little as possible.
     */
    List<Pending<I, O>> takeBatch() {
        Pending<I, O> anchor = queue.removeFirst();
        List<Pending<I, O>> batch = new ArrayList<>(policy.maxBatch());
        batch.add(anchor);
        if (policy.maxBatch() > 1 && !queue.isEmpty()) {
            List<Pending<I, O>> nearest = new ArrayList<>(queue);
            nearest.sort(Comparator.comparingInt(p -> Math.abs(p.key() - anchor.key())));
            for (int i = 0; i < nearest.size() && batch.size() < policy.maxBatch(); i++) {
                batch.add(nearest.get(i));
            }
            queue.removeAll(batch.subList(1, batch.size()));
        }
        running++;
        return batch;
    }

    void failAll(Throwable cause) {
        for (Pending<I, O> p : queue) p.future().completeExceptionally(cause);
        queue.clear();
    }

    private void dropCancelled() {
        for (Iterator<Pending<I, O>> it = queue.iterator(); it.hasNext(); ) {
            if (it.next().future().isDone()) it.remove();
        }
    }
}
