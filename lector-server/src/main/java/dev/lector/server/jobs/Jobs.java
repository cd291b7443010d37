package dev.lector.server.jobs;

import dev.lector.pipeline.OcrEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job service of one server: opens the jobs folder and its database, queues again the jobs a
 * dead process left running, starts the workers, sends webhooks still pending, and removes jobs
 * past their TTL (every minute, and whenever an expired job is asked for). The server owns it and
 * closes it before the engine.
 */
public final class Jobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    /** Retry-After of a 429 for a full queue. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final JobsConfig config;
    private final JobFiles files;
    private final JobStore store;
    private final JobMetrics metrics;
    private final Webhooks webhooks;
    private final JobRunner runner;
    private final ScheduledExecutorService sweeper;

    private Jobs(JobsConfig config, JobFiles files, JobStore store, JobMetrics metrics, Webhooks webhooks, JobRunner runner,
                 ScheduledExecutorService sweeper) {
        this.config = config;
        this.files = files;
        this.store = store;
        this.metrics = metrics;
        this.webhooks = webhooks;
        this.runner = runner;
        this.sweeper = sweeper;
    }

    /**
     * Opens the service on {@code config.dir()}; {@code plans} turns a job's stored parameters into
     * how to read it (a bad one fails the job).
     */
    public static Jobs open(OcrEngine engine, JobsConfig config, Function<Job, JobPlan> plans, MeterRegistry registry) {
        int slots = engine.config().maxPendingPages();
        if (config.workers() >= slots) {
            throw new IllegalArgumentException("job workers (" + config.workers() + ") must be fewer than the pages the engine admits at once ("
                    + slots + ", --queue-size): each worker holds one, and requests need the rest");
        }
        JobFiles files = JobFiles.open(config.dir());
        JobStore store;
        try {
            store = JobStore.open(files.database());
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
        int requeued = store.requeueRunning();
        int orphans = files.removeOrphans(store.ids());
        if (requeued > 0 || orphans > 0) {
            LOG.info("jobs: {} interrupted job(s) queued again, {} orphaned input(s) removed", requeued, orphans);
        }
        JobMetrics metrics = new JobMetrics(registry, store);
        Webhooks webhooks = new Webhooks(store, config, j -> JobJson.status(j, config.ttl()).put("event", "job.ended").toString());
        JobRunner runner = new JobRunner(engine, store, files, plans, config.clock(), j -> {
            metrics.ended(j);
            webhooks.send(j);
        });
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("lector-job-sweeper").daemon().unstarted(r));
        Jobs jobs = new Jobs(config, files, store, metrics, webhooks, runner, sweeper);
        runner.start(config.workers());
        for (Job j : store.pendingCallbacks()) webhooks.send(j);
        sweeper.scheduleWithFixedDelay(jobs::sweepQuietly, 1, 60, TimeUnit.SECONDS);
        return jobs;
    }

    public JobsConfig config() {
        return config;
    }

    /** Checks {@code callback_url} against the allowed hosts; an {@link IllegalArgumentException} says why not. */
    public void checkCallback(String url) {
        webhooks.targets().check(url);
    }

    /** Refuses with 429 when the queue is full (checked before the body is read, and again at {@link #submit}). */
    public void checkRoom() {
        Map<JobStatus, Long> c = store.counts();
        long active = c.get(JobStatus.QUEUED) + c.get(JobStatus.RUNNING);
        if (active >= config.maxActive()) {
            throw new JobRefusedException(429, "queue_full", "the job queue is full (" + config.maxActive()
                    + " jobs queued or running): try again later", RETRY_AFTER_SECONDS);
        }
    }

    /**
     * Accepts a job: its input is on disk and its row committed when this returns.
     *
     * @throws JobRefusedException 429 when the queue is full, 507 when the disk budget would be passed
     */
    public synchronized Job submit(String owner, JobTask task, Map<String, String> params, List<Integer> pages, byte[] input,
                                   String callbackUrl) {
        checkRoom();
        long used = store.bytesUsed();
        if (used + input.length > config.maxBytes()) {
            throw new JobRefusedException(507, "insufficient_storage", "the jobs folder is full (" + used + " of "
                    + config.maxBytes() + " bytes held, --jobs-max-gb): try again once older results expire", 0);
        }
        Job job = new Job(JobIds.next(), owner, task, JobStatus.QUEUED, params, pages, 0, input.length, 0,
                config.clock().instant(), null, null, null, callbackUrl, 0);
        files.writeInput(job.id(), input);
        try {
            store.insert(job);
        } catch (RuntimeException e) {
            files.deleteInput(job.id());
            throw e;
        }
        runner.wake();
        return job;
    }

    /** The job, when it exists, belongs to {@code owner} and has not expired (an expired one is removed now). */
    public Optional<Job> find(String id, String owner) {
        if (!JobIds.wellFormed(id)) return Optional.empty();
        Optional<Job> j = store.get(id).filter(x -> x.owner().equals(owner));
        if (j.isPresent() && expired(j.get())) {
            remove(id);
            return Optional.empty();
        }
        return j;
    }

    /** Cancels the job (when queued or running); the job as it is then, or empty when it is not {@code owner}'s. */
    public Optional<Job> cancel(String id, String owner) {
        Optional<Job> j = find(id, owner);
        if (j.isEmpty()) return j;
        if (store.cancel(id, config.clock().instant())) {
            Optional<Job> after = store.get(id);
            after.ifPresent(x -> {
                metrics.ended(x);
                webhooks.send(x);
            });
            return after;
        }
        return j;
    }

    /** The stored page results of a job, by page number. */
    public Map<Integer, String> pages(String id) {
        return store.pages(id);
    }

    /** The job's stored input. */
    public byte[] input(String id) {
        return files.readInput(id);
    }

    /** Removes every job whose TTL has passed; returns how many. */
    public int sweep() {
        Instant cutoff = config.clock().instant().minus(config.ttl());
        List<String> ids = store.endedBefore(cutoff);
        for (String id : ids) remove(id);
        return ids.size();
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("jobs: removing expired jobs failed: {}", e.getMessage());
        }
    }

    private boolean expired(Job j) {
        Instant exp = j.expiresAt(config.ttl());
        return exp != null && !config.clock().instant().isBefore(exp);
    }

    private void remove(String id) {
        store.delete(id);
        files.deleteInput(id);
    }

    /** Stops the workers after their current page (up to {@code timeout}), then closes the database. */
    public void close(Duration timeout) {
        sweeper.shutdownNow();
        runner.close(timeout);
        webhooks.close();
        store.close();
        files.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
