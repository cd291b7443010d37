package dev.lector.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One job as stored.
 *
 * @param id          128 random bits, base64url ({@link JobIds})
 * @param owner       SHA-256 (hex) of the API key that created it, or empty on a server without keys
 * @param task        ocr or extract
 * @param status      where it is
 * @param params      the request's parameters as given (cls, pages, template, ...), re-parsed when it runs
 * @param pages       the page numbers to read, ascending (one image: {@code [1]})
 * @param pagesDone   pages whose result is stored
 * @param inputBytes  size of the stored input
 * @param resultBytes size of the stored page results
 * @param createdAt   when it was accepted
 * @param startedAt   when a worker first took it (null before)
 * @param finishedAt  when it ended (null before)
 * @param error       why it failed (null unless failed)
 * @param callbackUrl where to POST when it ends (null: no webhook)
 * @param attempts    how many times a worker has taken it (more than 1 after a restart)
 */
public record Job(String id, String owner, JobTask task, JobStatus status, Map<String, String> params, List<Integer> pages,
                  int pagesDone, long inputBytes, long resultBytes, Instant createdAt, Instant startedAt, Instant finishedAt,
                  JobError error, String callbackUrl, int attempts) {

    public Job {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("job id must not be empty");
        owner = owner == null ? "" : owner;
        params = Map.copyOf(params);
        pages = List.copyOf(pages);
        if (pages.isEmpty()) throw new IllegalArgumentException("a job reads at least one page");
        if (pagesDone < 0 || pagesDone > pages.size()) throw new IllegalArgumentException("pages done out of range: " + pagesDone);
    }

    public int pagesTotal() {
        return pages.size();
    }

    /** When the job's result goes away: {@code ttl} after it ended (null while it has not). */
    public Instant expiresAt(Duration ttl) {
        return finishedAt == null ? null : finishedAt.plus(ttl);
    }
}
