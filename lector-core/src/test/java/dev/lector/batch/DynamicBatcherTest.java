package dev.lector.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

    /** Doubles its inputs and records the batches it was given. */
    static final class RecordingStage implements BatchStage<Integer, Integer> {
        final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch gate;

        RecordingStage(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public int batchKey(Integer item) {
            return item;
        }

        @Override
        public List<Integer> runBatch(List<Integer> items) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(List.copyOf(items));
            return items.stream().map(i -> {
                if (i < 0) throw new IllegalArgumentException("negative " + i);
                return i * 2;
            }).toList();
        }
    }

    @Test
    void everyItemGetsItsOwnResultAndBatchesRespectTheLimit() throws Exception {
        RecordingStage stage = new RecordingStage(new CountDownLatch(0));
        try (DynamicBatcher b = new DynamicBatcher(2, "t")) {
            var lane = b.lane("x", BatchPolicy.of(4, 1, 2), stage);
            b.start();
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 23; i++) items.add(i);
            List<CompletableFuture<Integer>> f = lane.submitAll(items);
            for (int i = 0; i < 23; i++) assertThat(f.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(2 * i);
            assertThat(stage.batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 4));
            assertThat(stage.batches.stream().mapToInt(List::size).sum()).isEqualTo(23);
        }
    }

    @Test
    void batchesGroupItemsOfNearbyKeys() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        RecordingStage stage = new RecordingStage(gate);
        try (DynamicBatcher b = new DynamicBatcher(1, "t")) {
            var lane = b.lane("x", BatchPolicy.of(3, 0, 1), stage);
            b.start();
            CompletableFuture<Integer> blocker = lane.submit(1000); // holds the only worker
            Thread.sleep(50);
            var f = lane.submitAll(List.of(1, 500, 2, 501, 3, 502));
            gate.countDown();
            blocker.get(10, TimeUnit.SECONDS);
            for (var x : f) x.get(10, TimeUnit.SECONDS);
            assertThat(stage.batches.subList(1, stage.batches.size()))
                    .containsExactly(List.of(1, 2, 3), List.of(500, 501, 502));
        }
    }

    @Test
    void requestsFromConcurrentCallersShareABatch() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        RecordingStage stage = new RecordingStage(gate);
        try (DynamicBatcher b = new DynamicBatcher(1, "t")) {
            var lane = b.lane("x", BatchPolicy.of(8, 0, 1), stage);
            b.start();
            CompletableFuture<Integer> blocker = lane.submit(0);
            Thread.sleep(50);
            List<CompletableFuture<Integer>> fs = new ArrayList<>();
            for (int caller = 0; caller < 4; caller++) {
                int c = caller;
                fs.add(CompletableFuture.supplyAsync(() -> lane.submit(10 + c).join()));
            }
            while (b.queuedItems() < 4) Thread.sleep(5);
            gate.countDown();
            for (var f : fs) f.get(10, TimeUnit.SECONDS);
            blocker.get();
            assertThat(stage.batches.get(1)).containsExactlyInAnyOrder(10, 11, 12, 13);
        }
    }

    @Test
    void aFailingBatchFailsItsItemsAndTheWorkerSurvives() throws Exception {
        RecordingStage stage = new RecordingStage(new CountDownLatch(0));
        try (DynamicBatcher b = new DynamicBatcher(1, "t")) {
            var lane = b.lane("x", BatchPolicy.of(1, 0, 1), stage);
            b.start();
            CompletableFuture<Integer> bad = lane.submit(-1);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("negative -1");
            assertThat(lane.submit(21).get(10, TimeUnit.SECONDS)).isEqualTo(42);
        }
    }

    @Test
    void higherPriorityLaneIsServedFirst() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        BatchStage<Integer, Integer> urgent = new BatchStage<>() {
            public int batchKey(Integer i) { return 0; }
            public List<Integer> runBatch(List<Integer> items) { order.add("urgent"); return items; }
        };
        BatchStage<Integer, Integer> later = new BatchStage<>() {
            public int batchKey(Integer i) { return 0; }
            public List<Integer> runBatch(List<Integer> items) {
                try { gate.await(10, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                order.add("later");
                return items;
            }
        };
        try (DynamicBatcher b = new DynamicBatcher(1, "t")) {
            var u = b.lane("urgent", BatchPolicy.of(1, 0, 1), urgent);
            var l = b.lane("later", BatchPolicy.of(1, 0, 1), later);
            b.start();
            var first = l.submit(1); // occupies the worker
            Thread.sleep(50);
            var second = l.submit(2);
            var third = u.submit(3);
            gate.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            third.get(10, TimeUnit.SECONDS);
            assertThat(order).containsExactly("later", "urgent", "later");
        }
    }

    @Test
    void closeFailsQueuedWorkInsteadOfLeavingCallersWaiting() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        RecordingStage stage = new RecordingStage(gate);
        DynamicBatcher b = new DynamicBatcher(1, "t");
        var lane = b.lane("x", BatchPolicy.of(1, 0, 1), stage);
        b.start();
        var running = lane.submit(1);
        Thread.sleep(50);
        var queued = lane.submit(2);
        Thread closer = new Thread(b::close);
        closer.start();
        assertThatThrownBy(() -> queued.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("the inference workers were stopped");
        gate.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        closer.join();
        b.close(); // idempotent
    }
}
