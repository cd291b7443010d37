package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lector.render.JsonRenderer;
import dev.lector.server.jobs.JobStore;
import dev.lector.testing.TextRenderer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of {@code /v1/jobs}: a {@code lector serve --jobs-dir} process killed with SIGKILL
 * while a job is half read, restarted on the same folder, finishes every accepted job with the right
 * pages, each once, and keeps the pages finished before the kill rather than reading them again.
 */
class JobsCrashTest {

    static final int JOBS = 4;
    static final int PAGES = 3;
    static final Pattern LISTENING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    final List<Process> processes = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        http.close();
    }

    @Test
    void killedMidJobAndRestartedEveryAcceptedJobFinishesWithItsPages() throws Exception {
        Path jobsDir = dir.resolve("jobs");
        int port = serve(jobsDir, dir.resolve("first.log"));
        List<String> ids = new ArrayList<>();
        for (int k = 1; k <= JOBS; k++) {
            HttpResponse<String> r = post(port, "/v1/jobs?cls=false", pdf(k));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            ids.add(json(r.body()).path("id").asText());
        }
        // kill while some job has some but not all of its pages
        String interrupted = null;
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (interrupted == null) {
            assertThat(System.nanoTime()).as("a job seen half done").isLessThan(end);
            for (String id : ids) {
                JsonNode s = json(get(port, "/v1/jobs/" + id).body());
                int done = s.path("pages_done").asInt();
                // two or more pages still to go, so the job cannot finish between this poll and the kill
                if (s.path("status").asText().equals("running") && done > 0 && done < PAGES - 1) interrupted = id;
            }
        }
        Process first = processes.getFirst();
        first.destroyForcibly(); // SIGKILL on Linux
        first.waitFor();

        Map<String, Map<Integer, String>> before = new HashMap<>();
        try (JobStore store = JobStore.open(jobsDir.resolve("jobs.db"))) {
            for (String id : ids) before.put(id, store.pages(id));
        }
        // the job stored part of its pages before the kill (another may have got further meanwhile)
        for (String id : ids) {
            int stored = before.get(id).size();
            if (stored > 0 && stored < PAGES) {
                interrupted = id;
                break;
            }
        }
        assertThat(before.get(interrupted)).isNotEmpty().hasSizeLessThan(PAGES);

        int port2 = serve(jobsDir, dir.resolve("second.log"));
        for (int k = 1; k <= JOBS; k++) {
            String id = ids.get(k - 1);
            JsonNode s = awaitEnd(port2, id);
            assertThat(s.path("status").asText()).as(s.toString()).isEqualTo("done");
            assertThat(s.path("pages_done").asInt()).isEqualTo(PAGES);
            JsonNode result = json(get(port2, "/v1/jobs/" + id + "/result").body());
            JsonNode pages = result.path("pages");
            assertThat(pages).hasSize(PAGES);
            for (int n = 1; n <= PAGES; n++) {
                JsonNode page = pages.get(n - 1);
                assertThat(page.path("page").asInt()).isEqualTo(n);
                assertThat(page.path("text").asText().replaceAll("\\s+", "")).isEqualTo("Crash" + k + "page" + n);
                String kept = before.get(id).get(n);
                // a page finished before the kill is the one in the result, not read again
                if (kept != null) assertThat(page).isEqualTo(json(kept));
            }
        }
        assertThat(json(get(port2, "/v1/jobs/" + interrupted).body()).path("attempts").asInt()).isEqualTo(2);
    }

    /** Starts {@code lector serve} in its own JVM on the test class path; returns its port. */
    int serve(Path jobsDir, Path log) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // -Xss4m: on this class path (module folders, not jars) `serve` dies with SIGSEGV while opening the
        // engine on the main thread's default 1 MB stack, with or without jobs; lector.jar does not
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx1g", "-Xss4m", "-Djava.awt.headless=true",
                "-cp", cp, "dev.lector.cli.LectorCommand", "serve", "--port", "0", "--no-web", "--jobs-dir", jobsDir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < end) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) return Integer.parseInt(m.group(1));
            if (!p.isAlive()) {
                throw new AssertionError("the server process exited (" + p.waitFor() + "): " + Files.readString(log) + " class path " + cp);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start: " + Files.readString(log));
    }

    JsonNode awaitEnd(int port, String id) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode s = json(get(port, "/v1/jobs/" + id).body());
            String st = s.path("status").asText();
            if (!st.equals("queued") && !st.equals("running")) return s;
            assertThat(System.nanoTime()).as("job " + id + " ends").isLessThan(end);
            Thread.sleep(100);
        }
    }

    static byte[] pdf(int k) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int n = 1; n <= PAGES; n++) {
                BufferedImage img = TextRenderer.render(800, 200, TextRenderer.font(false, 48), new TextRenderer.Placed("Crash " + k + " page " + n, 40, 120));
                PDPage page = new PDPage(new PDRectangle(800 * 72f / 150, 200 * 72f / 150));
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(LosslessFactory.createFromImage(doc, img), 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    HttpResponse<String> post(int port, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String s) throws IOException {
        return JsonRenderer.mapper().readTree(s);
    }
}
