package dev.lector.cli;

import dev.lector.server.jobs.JobsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code lector serve}'s job flags (docs/jobs.md): jobs are on when {@code --jobs-dir} (or
 * {@code LECTOR_JOBS_DIR}) names a folder; flags win over the {@code LECTOR_*} variables.
 */
final class JobOptions {

    @Option(names = "--jobs-dir", paramLabel = "DIR",
            description = "Turns on durable async jobs (/v1/jobs), kept in DIR: database, inputs (env LECTOR_JOBS_DIR).")
    Path dir;

    @Option(names = "--job-ttl", paramLabel = "DURATION",
            description = "How long a finished job's result is kept, e.g. 90m, 24h, 7d (default 24h, env LECTOR_JOB_TTL).")
    String ttl;

    @Option(names = "--jobs-max-gb", paramLabel = "GB",
            description = "Most GB of job inputs and results held; more get 507 (default 10, env LECTOR_JOBS_MAX_GB).")
    String maxGb;

    @Option(names = "--jobs-queue", paramLabel = "N", converter = OptionValues.AtLeastOne.class,
            description = "Most jobs queued or running; more get 429 (default 1000, env LECTOR_JOBS_MAX_ACTIVE).")
    Integer queue;

    @Option(names = "--job-workers", paramLabel = "N", converter = OptionValues.JobWorkers.class,
            description = "Jobs read at once, one page each, beside synchronous requests (default 1, env LECTOR_JOB_WORKERS).")
    Integer workers;

    @Option(names = "--webhook-allow", paramLabel = "HOST", split = ",",
            description = "Hosts a job's callback_url may name (host, host:port or *.domain); repeatable (env LECTOR_WEBHOOK_ALLOW).")
    List<String> webhookAllow;

    @Option(names = "--webhook-secret", paramLabel = "SECRET",
            description = "HMAC-SHA256 key for webhook signatures (prefer env LECTOR_WEBHOOK_SECRET: flags show in ps).")
    String webhookSecret;

    /** The job settings, or null when no jobs folder is given (jobs off). */
    JobsConfig config(Map<String, String> env) {
        Map<String, String> e = new java.util.HashMap<>(env);
        if (dir != null) e.put("LECTOR_JOBS_DIR", dir.toString());
        if (webhookSecret != null) e.put("LECTOR_WEBHOOK_SECRET", webhookSecret); // before the env's allow list is checked
        JobsConfig c = JobsConfig.fromEnvironment(e);
        if (c == null) {
            if (ttl != null || maxGb != null || queue != null || workers != null || webhookAllow != null || webhookSecret != null) {
                throw new IllegalArgumentException("job options need --jobs-dir DIR (or LECTOR_JOBS_DIR)");
            }
            return null;
        }
        if (ttl != null) c = c.withTtl(JobsConfig.parseDuration("--job-ttl", ttl));
        if (maxGb != null) c = c.withMaxBytes(JobsConfig.gigabytes("--jobs-max-gb", maxGb));
        if (queue != null) c = c.withMaxActive(queue);
        if (workers != null) c = c.withWorkers(workers);
        if (webhookAllow != null || webhookSecret != null) {
            c = c.withWebhooks(webhookAllow != null ? webhookAllow : c.webhookAllow(), webhookSecret != null ? webhookSecret : c.webhookSecret());
        }
        return c;
    }
}
