package dev.lector.batch;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where a caller hands items to a stage; results come back as futures in the same order. */
public interface BatchQueue<I, O> {
    List<CompletableFuture<O>> submitAll(List<I> items);
}
