package dev.lector.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite job store: schema steps, state changes guarded by the state they leave, pages stored once. */
class JobStoreTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    static Job queued(String id, int pages) {
        List<Integer> ps = java.util.stream.IntStream.rangeClosed(1, pages).boxed().toList();
        return new Job(id, "owner", JobTask.OCR, JobStatus.QUEUED, Map.of("cls", "false"), ps, 0, 100, 0, T0, null, null, null, null, 0);
    }

    @Test
    void reopeningKeepsJobsAndAppliesNoStepTwice() throws Exception {
        Path db = dir.resolve("jobs.db");
        try (JobStore s = JobStore.open(db)) {
            s.insert(queued("a", 2));
        }
        try (JobStore s = JobStore.open(db)) {
            Job a = s.get("a").orElseThrow();
            assertThat(a.params()).containsEntry("cls", "false");
            assertThat(a.pages()).containsExactly(1, 2);
            assertThat(a.createdAt()).isEqualTo(T0);
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); ResultSet r = c.createStatement().executeQuery(
                "SELECT COUNT(*), MAX(version) FROM schema_version")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(SchemaMigrations.STEPS.size());
            assertThat(r.getInt(2)).isEqualTo(SchemaMigrations.STEPS.size());
        }
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        Path db = dir.resolve("jobs.db");
        JobStore.open(db).close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("INSERT INTO schema_version VALUES (99, 0)");
        }
        assertThatThrownBy(() -> JobStore.open(db)).hasMessageContaining("schema version 99");
    }

    @Test
    void pagesAreStoredOnceWhileRunningAndNotAfterCancel() {
        try (JobStore s = JobStore.open(dir.resolve("jobs.db"))) {
            s.insert(queued("a", 3));
            assertThat(s.savePage("a", 1, "{}")).as("not running yet").isFalse();
            Job a = s.claimNext(T0.plusSeconds(1)).orElseThrow();
            assertThat(a.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(a.attempts()).isEqualTo(1);
            assertThat(s.savePage("a", 1, "{\"v\":1}")).isTrue();
            assertThat(s.savePage("a", 1, "{\"v\":2}")).isTrue(); // the same page again replaces it
            assertThat(s.pages("a")).containsExactly(Map.entry(1, "{\"v\":2}"));
            assertThat(s.get("a").orElseThrow().pagesDone()).isEqualTo(1);

            assertThat(s.requeueRunning()).isEqualTo(1); // what a restart does
            Job again = s.claimNext(T0.plusSeconds(5)).orElseThrow();
            assertThat(again.attempts()).isEqualTo(2);
            assertThat(again.startedAt()).isEqualTo(T0.plusSeconds(1));

            assertThat(s.cancel("a", T0.plusSeconds(6))).isTrue();
            assertThat(s.savePage("a", 2, "{}")).isFalse();
            assertThat(s.finish("a", JobStatus.DONE, null, T0.plusSeconds(7))).as("cancelled stays cancelled").isFalse();
            assertThat(s.cancel("a", T0.plusSeconds(8))).isFalse();
            Job c = s.get("a").orElseThrow();
            assertThat(c.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(c.finishedAt()).isEqualTo(T0.plusSeconds(6));
            assertThat(s.claimNext(T0)).isEmpty();
        }
    }

    @Test
    void finishedJobsCountTowardsTheDiskAndExpireByTheirEnd() {
        try (JobStore s = JobStore.open(dir.resolve("jobs.db"))) {
            s.insert(queued("a", 1));
            s.insert(queued("b", 1));
            s.claimNext(T0);
            s.savePage("a", 1, "0123456789");
            assertThat(s.bytesUsed()).isEqualTo(210);
            assertThat(s.finish("a", JobStatus.FAILED, new JobError("undecodable", "broken"), T0.plusSeconds(10))).isTrue();
            assertThat(s.get("a").orElseThrow().error()).isEqualTo(new JobError("undecodable", "broken"));
            assertThat(s.counts()).containsEntry(JobStatus.FAILED, 1L).containsEntry(JobStatus.QUEUED, 1L).containsEntry(JobStatus.DONE, 0L);
            assertThat(s.endedBefore(T0.plusSeconds(10))).isEmpty();
            assertThat(s.endedBefore(T0.plusSeconds(11))).containsExactly("a");
            s.delete("a");
            assertThat(s.get("a")).isEmpty();
            assertThat(s.pages("a")).isEmpty();
            assertThat(s.bytesUsed()).isEqualTo(100);
        }
    }
}
