package dev.lector.batch;

import java.util.List;

/**
 * One model stage as the scheduler sees it: runs a batch of items, one output per item, in order.
 *
 * @param <I> an item of work (a page, a line crop)
 * @param <O> its result
 */
public interface BatchStage<I, O> {

    /** Items whose keys are close cost little padding together (e.g. recognition input width). */
    int batchKey(I item);

    List<O> runBatch(List<I> items);
}
