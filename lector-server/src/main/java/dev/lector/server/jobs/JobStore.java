package dev.lector.server.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lector.render.JsonRenderer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Job state in SQLite over JDBC: one database file, write-ahead log, {@code synchronous=FULL} (a
 * commit is on disk when the call returns). One connection, used by one thread at a time (every
 * method is synchronized; each is a few small statements). State changes are guarded by the
 * state they leave, so a cancelled job's late page or finish changes nothing.
 */
public final class JobStore implements AutoCloseable {

    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {};

    private final Connection db;

    private JobStore(Connection db) {
        this.db = db;
    }

    /** Opens (creating, migrating) the database at {@code file}. */
    public static JobStore open(Path file) {
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=10000");
            }
            SchemaMigrations.migrate(db);
            return new JobStore(db);
        } catch (SQLException e) {
            throw new IllegalStateException("the jobs database " + file + " could not be opened: " + e.getMessage(), e);
        }
    }

    public synchronized void insert(Job j) {
        run("insert job " + j.id(), () -> {
            try (PreparedStatement p = db.prepareStatement("INSERT INTO jobs (id, owner, task, status, params, pages, pages_done, "
                    + "input_bytes, result_bytes, created_at, callback_url, attempts) VALUES (?,?,?,?,?,?,0,?,0,?,?,0)")) {
                p.setString(1, j.id());
                p.setString(2, j.owner());
                p.setString(3, j.task().key());
                p.setString(4, j.status().key());
                p.setString(5, JsonRenderer.mapper().writeValueAsString(new TreeMap<>(j.params())));
                p.setString(6, joinPages(j.pages()));
                p.setLong(7, j.inputBytes());
                p.setLong(8, j.createdAt().toEpochMilli());
                p.setString(9, j.callbackUrl());
                p.executeUpdate();
            }
            return null;
        });
    }

    public synchronized Optional<Job> get(String id) {
        return run("read job " + id, () -> {
            try (PreparedStatement p = db.prepareStatement("SELECT * FROM jobs WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(job(r)) : Optional.<Job>empty();
                }
            }
        });
    }

    /** Takes the oldest queued job for a worker (now running, one more attempt), or empty when none waits. */
    public synchronized Optional<Job> claimNext(Instant now) {
        return run("claim a job", () -> {
            String id;
            try (Statement s = db.createStatement();
                 ResultSet r = s.executeQuery("SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at, rowid LIMIT 1")) {
                if (!r.next()) return Optional.<Job>empty();
                id = r.getString(1);
            }
            try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET status = 'running', attempts = attempts + 1, "
                    + "started_at = COALESCE(started_at, ?) WHERE id = ? AND status = 'queued'")) {
                p.setLong(1, now.toEpochMilli());
                p.setString(2, id);
                p.executeUpdate();
            }
            return get(id);
        });
    }

    /** At start: jobs a dead process was running go back to the queue. Returns how many. */
    public synchronized int requeueRunning() {
        return run("requeue interrupted jobs", () -> {
            try (Statement s = db.createStatement()) {
                return s.executeUpdate("UPDATE jobs SET status = 'queued' WHERE status = 'running'");
            }
        });
    }

    /**
     * Stores one finished page of a running job (replacing an earlier copy of the same page) and its
     * count, in one transaction. False, and nothing stored, when the job is no longer running.
     */
    public synchronized boolean savePage(String id, int page, String result) {
        return transaction("save page " + page + " of job " + id, () -> {
            try (PreparedStatement p = db.prepareStatement("SELECT status FROM jobs WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next() || !JobStatus.RUNNING.key().equals(r.getString(1))) return false;
                }
            }
            try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO job_pages (job_id, page, result) VALUES (?,?,?)")) {
                p.setString(1, id);
                p.setInt(2, page);
                p.setString(3, result);
                p.executeUpdate();
            }
            try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET pages_done = (SELECT COUNT(*) FROM job_pages WHERE job_id = ?), "
                    + "result_bytes = (SELECT COALESCE(SUM(LENGTH(CAST(result AS BLOB))), 0) FROM job_pages WHERE job_id = ?) WHERE id = ?")) {
                p.setString(1, id);
                p.setString(2, id);
                p.setString(3, id);
                p.executeUpdate();
            }
            return true;
        });
    }

    /** The stored page results of a job, by page number. */
    public synchronized Map<Integer, String> pages(String id) {
        return run("read pages of job " + id, () -> {
            Map<Integer, String> out = new LinkedHashMap<>();
            try (PreparedStatement p = db.prepareStatement("SELECT page, result FROM job_pages WHERE job_id = ? ORDER BY page")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.put(r.getInt(1), r.getString(2));
                }
            }
            return out;
        });
    }

    /**
     * Ends a running job as {@code status} (done or failed), its webhook pending when it has one.
     * False when it was not running (cancelled meanwhile).
     */
    public synchronized boolean finish(String id, JobStatus status, JobError error, Instant now) {
        if (!status.finished()) throw new IllegalArgumentException("not a final status: " + status);
        return run("finish job " + id, () -> {
            try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET status = ?, finished_at = ?, error_code = ?, error_message = ?, "
                    + "callback_state = CASE WHEN callback_url IS NULL THEN NULL ELSE 'pending' END WHERE id = ? AND status = 'running'")) {
                p.setString(1, status.key());
                p.setLong(2, now.toEpochMilli());
                if (error == null) {
                    p.setNull(3, Types.VARCHAR);
                    p.setNull(4, Types.VARCHAR);
                } else {
                    p.setString(3, error.code());
                    p.setString(4, error.message());
                }
                p.setString(5, id);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Cancels a queued or running job; false when it had already ended. */
    public synchronized boolean cancel(String id, Instant now) {
        return run("cancel job " + id, () -> {
            try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET status = 'cancelled', finished_at = ?, "
                    + "callback_state = CASE WHEN callback_url IS NULL THEN NULL ELSE 'pending' END "
                    + "WHERE id = ? AND status IN ('queued', 'running')")) {
                p.setLong(1, now.toEpochMilli());
                p.setString(2, id);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Removes a job and its pages. */
    public synchronized void delete(String id) {
        run("delete job " + id, () -> {
            try (PreparedStatement p = db.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
                p.setString(1, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Ids of jobs that ended before {@code cutoff}. */
    public synchronized List<String> endedBefore(Instant cutoff) {
        return run("find expired jobs", () -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = db.prepareStatement("SELECT id FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?")) {
                p.setLong(1, cutoff.toEpochMilli());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add(r.getString(1));
                }
            }
            return out;
        });
    }

    /** Ended jobs whose webhook has not been delivered or given up on. */
    public synchronized List<Job> pendingCallbacks() {
        return run("find pending webhooks", () -> {
            List<Job> out = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM jobs WHERE callback_state = 'pending'")) {
                while (r.next()) out.add(job(r));
            }
            return out;
        });
    }

    /** Records the webhook's outcome ({@code sent} or {@code failed}). */
    public synchronized void callbackDone(String id, String state) {
        run("record webhook of job " + id, () -> {
            try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET callback_state = ? WHERE id = ?")) {
                p.setString(1, state);
                p.setString(2, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Jobs by status (every status present, 0 where none). */
    public synchronized Map<JobStatus, Long> counts() {
        return run("count jobs", () -> {
            Map<JobStatus, Long> out = new EnumMap<>(JobStatus.class);
            for (JobStatus s : JobStatus.values()) out.put(s, 0L);
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT status, COUNT(*) FROM jobs GROUP BY status")) {
                while (r.next()) out.put(JobStatus.of(r.getString(1)), r.getLong(2));
            }
            return out;
        });
    }

    /** Bytes of inputs and results held. */
    public synchronized long bytesUsed() {
        return run("sum job bytes", () -> {
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(SUM(input_bytes + result_bytes), 0) FROM jobs")) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    /** Every job id (for the start-up check of the inputs folder). */
    public synchronized List<String> ids() {
        return run("list jobs", () -> {
            List<String> out = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM jobs")) {
                while (r.next()) out.add(r.getString(1));
            }
            return out;
        });
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the jobs database failed: " + e.getMessage(), e);
        }
    }

    private Job job(ResultSet r) throws SQLException {
        Map<String, String> params;
        try {
            params = JsonRenderer.mapper().readValue(r.getString("params"), PARAMS);
        } catch (JsonProcessingException e) {
            throw new SQLException("job " + r.getString("id") + " has unreadable parameters", e);
        }
        String code = r.getString("error_code");
        return new Job(r.getString("id"), r.getString("owner"), JobTask.of(r.getString("task")), JobStatus.of(r.getString("status")),
                params, splitPages(r.getString("pages")), r.getInt("pages_done"), r.getLong("input_bytes"), r.getLong("result_bytes"),
                instant(r, "created_at"), instant(r, "started_at"), instant(r, "finished_at"),
                code == null ? null : new JobError(code, r.getString("error_message")), r.getString("callback_url"), r.getInt("attempts"));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static String joinPages(List<Integer> pages) {
        return String.join(",", pages.stream().map(String::valueOf).toList());
    }

    static List<Integer> splitPages(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).map(Integer::valueOf).toList();
    }

    private interface Body<T> {
        T run() throws Exception;
    }

    private <T> T run(String what, Body<T> body) {
        try {
            return body.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("jobs database: could not " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> T transaction(String what, Body<T> body) {
        return run(what, () -> {
            db.setAutoCommit(false);
            try {
                T out = body.run();
                db.commit();
                return out;
            } catch (Exception e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        });
    }
}
