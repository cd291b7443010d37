package dev.lector.server.jobs;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The job database's schema, as numbered steps applied in order at start: {@code schema_version}
 * records each step applied, so a newer server upgrades an older folder and an older server refuses
 * a newer one. Add a step at the end; never edit one that has shipped.
 */
final class SchemaMigrations {

    /** Step {@code i} brings the schema to version {@code i + 1}. */
    static final List<List<String>> STEPS = List.of(
            List.of("""
                    CREATE TABLE jobs (
                      id TEXT PRIMARY KEY,
                      owner TEXT NOT NULL,
                      task TEXT NOT NULL,
                      status TEXT NOT NULL,
                      params TEXT NOT NULL,
                      pages TEXT NOT NULL,
                      pages_done INTEGER NOT NULL DEFAULT 0,
                      input_bytes INTEGER NOT NULL,
                      result_bytes INTEGER NOT NULL DEFAULT 0,
                      created_at INTEGER NOT NULL,
                      started_at INTEGER,
                      finished_at INTEGER,
                      error_code TEXT,
                      error_message TEXT,
                      callback_url TEXT,
                      callback_state TEXT,
                      attempts INTEGER NOT NULL DEFAULT 0)""",
                    "CREATE INDEX jobs_by_status ON jobs (status, created_at)",
                    """
                    CREATE TABLE job_pages (
                      job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
                      page INTEGER NOT NULL,
                      result TEXT NOT NULL,
                      PRIMARY KEY (job_id, page))"""));

    private SchemaMigrations() {}

    /** Applies the steps the database lacks, each in its own transaction; returns the version now. */
    static int migrate(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        }
        int current;
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            current = r.next() ? r.getInt(1) : 0;
        }
        if (current > STEPS.size()) {
            throw new IllegalStateException("the jobs database is at schema version " + current
                    + ", newer than this server knows (" + STEPS.size() + "): use a newer Lector or another --jobs-dir");
        }
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            for (int v = current + 1; v <= STEPS.size(); v++) {
                try (Statement s = db.createStatement()) {
                    for (String sql : STEPS.get(v - 1)) s.execute(sql);
                    s.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + v + ", " + System.currentTimeMillis() + ")");
                }
                db.commit();
            }
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
        return STEPS.size();
    }
}
