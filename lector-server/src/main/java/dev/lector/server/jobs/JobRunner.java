package dev.lector.server.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.batch.OverloadedException;
import dev.lector.image.PageRange;
import dev.lector.pipeline.OcrEngine;
import dev.lector.render.FieldsJson;
import dev.lector.render.JsonRenderer;
import dev.lector.result.Page;
import dev.lector.server.ErrorMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job workers: a fixed number of threads, each taking the oldest queued job and reading the
 * pages it still lacks one at a time through the engine (the same admission as synchronous
 * requests: when the engine is full a worker waits and tries the page again, rather than failing
 * the job or crowding out requests). Each finished page is stored before the next is read; a
 * cancelled job stops after its current page. On close the workers stop after their current page
 * and their jobs stay {@code running} in the store, to be queued again at the next start.
 */
final class JobRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final OcrEngine engine;
    private final JobStore store;
    private final JobFiles files;
    private final Function<Job, JobPlan> plans;
    private final Clock clock;
    private final Consumer<Job> ended;
    private final List<Thread> threads = new ArrayList<>();
    private final Object signal = new Object();
    private volatile boolean stopping;

    /** Thrown inside the page sink to stop reading a job (cancelled, or the server stopping). */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    JobRunner(OcrEngine engine, JobStore store, JobFiles files, Function<Job, JobPlan> plans, Clock clock, Consumer<Job> ended) {
        this.engine = engine;
        this.store = store;
        this.files = files;
        this.plans = plans;
        this.clock = clock;
        this.ended = ended;
    }

    void start(int workers) {
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform().name("lector-job-" + (i + 1)).daemon().start(this::work));
        }
    }

    /** A job was queued: a waiting worker takes it now rather than at its next look. */
    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void work() {
        while (!stopping) {
            Optional<Job> next;
            try {
                next = store.claimNext(clock.instant());
            } catch (RuntimeException e) {
                if (stopping) return;
                LOG.error("job worker: the store failed; trying again in 1 s", e);
                pause(Duration.ofSeconds(1));
                continue;
            }
            if (next.isEmpty()) {
                synchronized (signal) {
                    try {
                        if (!stopping) signal.wait(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            try {
                run(next.get());
            } catch (RuntimeException e) {
                if (stopping) return;
                LOG.error("job {}: worker failed", next.get().id(), e);
            }
        }
    }

    private void run(Job job) {
        String id = job.id();
        JobPlan plan;
        byte[] input;
        try {
            plan = plans.apply(job);
            input = files.readInput(id);
        } catch (RuntimeException e) {
            fail(job, e);
            return;
        }
        Duration wait = Duration.ofMillis(50);
        while (!stopping) {
            Set<Integer> done = store.pages(id).keySet();
            List<Integer> left = job.pages().stream().filter(p -> !done.contains(p)).toList();
            if (left.isEmpty()) {
                if (store.finish(id, JobStatus.DONE, null, clock.instant())) end(id);
                return;
            }
            try {
                engine.read(input, range(left), plan.ocr(), page -> save(id, plan, page));
                if (store.pages(id).size() == done.size()) {
                    throw new IllegalStateException("the engine answered none of pages " + left + " of job " + id);
                }
            } catch (Stop s) {
                return;
            } catch (OverloadedException e) {
                // the engine is full of other work: wait, then read the pages still missing
                pause(wait);
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : wait.multipliedBy(2);
            } catch (RuntimeException e) {
                if (stopping) return;
                fail(job, e);
                return;
            }
        }
    }

    private void save(String id, JobPlan plan, Page page) {
        ObjectNode n = JsonRenderer.page(page);
        if (plan.extractor() != null) FieldsJson.addTo(n, plan.extractor().extract(page));
        if (!store.savePage(id, page.number(), n.toString())) throw new Stop(); // cancelled
        if (stopping) throw new Stop();
    }

    private void fail(Job job, RuntimeException e) {
        ErrorMapper.ApiError err = ErrorMapper.map(e, "job-" + job.id());
        if (store.finish(job.id(), JobStatus.FAILED, new JobError(err.code(), err.message()), clock.instant())) end(job.id());
    }

    private void end(String id) {
        store.get(id).ifPresent(ended);
    }

    private static PageRange range(List<Integer> pages) {
        return new PageRange(pages.stream().map(p -> new PageRange.Span(p, p)).toList());
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the workers after their current page, waiting up to {@code timeout}. */
    void close(Duration timeout) {
        stopping = true;
        wake();
        long end = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            try {
                long left = end - System.nanoTime();
                if (left > 0) t.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
