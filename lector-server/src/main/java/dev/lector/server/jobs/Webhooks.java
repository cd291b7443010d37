package dev.lector.server.jobs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a job's webhook when it ends: POST of the job's status JSON, signed
 * ({@link WebhookSignature}), retried on a non-2xx answer or a connection failure with doubling
 * waits, then recorded as {@code sent} or {@code failed} in the store. A webhook still pending at
 * a crash is sent after the restart (at least once: receivers dedupe by job id). Redirects are not
 * followed, so a callback cannot be bounced to a host the operator did not allow.
 */
final class Webhooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final JobStore store;
    private final WebhookTargets targets;
    private final String secret;
    private final int attempts;
    private final Duration backoff;
    private final Clock clock;
    private final Function<Job, String> body;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    Webhooks(JobStore store, JobsConfig config, Function<Job, String> body) {
        this.store = store;
        this.targets = new WebhookTargets(config.webhookAllow());
        this.secret = config.webhookSecret();
        this.attempts = config.webhookAttempts();
        this.backoff = config.webhookBackoff();
        this.clock = config.clock();
        this.body = body;
    }

    WebhookTargets targets() {
        return targets;
    }

    /** Sends the webhook of an ended job in the background (nothing when it has none). */
    void send(Job job) {
        if (job.callbackUrl() == null || senders.isShutdown()) return;
        try {
            senders.submit(() -> deliver(job));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the webhook stays pending and goes out after the restart
        }
    }

    private void deliver(Job job) {
        URI url;
        try {
            url = targets.check(job.callbackUrl());
        } catch (IllegalArgumentException e) {
            LOG.warn("job {}: webhook not sent: {}", job.id(), e.getMessage());
            store.callbackDone(job.id(), "failed");
            return;
        }
        byte[] bytes = body.apply(job).getBytes(StandardCharsets.UTF_8);
        Duration wait = backoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long ts = clock.instant().getEpochSecond();
            HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "lector-webhook")
                    .header("Lector-Job-Id", job.id())
                    .header("Lector-Webhook-Attempt", String.valueOf(attempt))
                    .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(ts))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, ts, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            String outcome;
            try {
                int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    store.callbackDone(job.id(), "sent");
                    return;
                }
                outcome = "HTTP " + status;
            } catch (java.io.IOException e) {
                outcome = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // stopping: still pending, sent after the restart
            }
            LOG.info("job {}: webhook attempt {} of {} to {} failed ({})", job.id(), attempt, attempts, url.getHost(), outcome);
            if (attempt == attempts) break;
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
        }
        LOG.warn("job {}: webhook to {} given up after {} attempts", job.id(), url.getHost(), attempts);
        store.callbackDone(job.id(), "failed");
    }

    @Override
    public void close() {
        senders.shutdownNow();
        try {
            senders.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
