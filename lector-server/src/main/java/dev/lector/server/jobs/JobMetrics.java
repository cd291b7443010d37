package dev.lector.server.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Job metrics: {@code lector_jobs{state}} (jobs by status), {@code lector_jobs_queue_length}
 * (jobs waiting for a worker), {@code lector_jobs_stored_bytes} (inputs and results held) and
 * {@code lector_job_duration_seconds{task,status}} (from acceptance to end). The gauges read a
 * snapshot of the store at most a second old; this object is their target, held by {@link Jobs}
 * (Micrometer holds gauge targets weakly).
 */
final class JobMetrics {

    /** Histogram buckets of the job duration: jobs take seconds to hours, past a timer's default 30 s range. */
    private static final Duration[] SLO = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMinutes(1),
        Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4)};

    private final MeterRegistry registry;
    private final JobStore store;
    private volatile Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    private volatile long bytes;
    private volatile long readAt = Long.MIN_VALUE;

    JobMetrics(MeterRegistry registry, JobStore store) {
        this.registry = registry;
        this.store = store;
        for (JobStatus s : JobStatus.values()) {
            Gauge.builder("lector_jobs", this, m -> m.count(s)).tag("state", s.key())
                    .description("Jobs in the store by state").register(registry);
        }
        Gauge.builder("lector_jobs_queue_length", this, m -> m.count(JobStatus.QUEUED))
                .description("Jobs waiting for a worker").register(registry);
        Gauge.builder("lector_jobs_stored_bytes", this, JobMetrics::storedBytes)
                .description("Bytes of job inputs and results held (bounded by --jobs-max-gb)").register(registry);
    }

    void ended(Job job) {
        if (job.finishedAt() == null) return;
        Timer.builder("lector_job_duration").description("Time from a job's acceptance to its end")
                .tag("task", job.task().key()).tag("status", job.status().key())
                .serviceLevelObjectives(SLO)
                .register(registry).record(Duration.between(job.createdAt(), job.finishedAt()));
    }

    private double count(JobStatus s) {
        refresh();
        return counts.getOrDefault(s, 0L);
    }

    private double storedBytes() {
        refresh();
        return bytes;
    }

    private synchronized void refresh() {
        long now = System.nanoTime();
        if (readAt != Long.MIN_VALUE && now - readAt < 1_000_000_000L) return;
        try {
            counts = store.counts();
            bytes = store.bytesUsed();
        } catch (RuntimeException e) {
            // the store is closing: keep the last values (a gauge must not read NaN)
        }
        readAt = now;
    }
}
