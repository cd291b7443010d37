package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.render.JsonRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page in a real browser (Debian's chromium driven by Playwright): upload an image, see
 * boxes and text, hover a line, toggle the detection input, download JSON, read an error.
 * Skipped where /usr/bin/chromium is absent.
 */
class WebPageBrowserTest {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    static OcrEngine engine;
    static LectorServer server;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium: apt-get install -y chromium");
        engine = OcrEngine.open(EngineConfig.defaults());
        server = LectorServer.start(engine, ServerConfig.defaults().withPort(0));
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (server != null) server.close();
        if (engine != null) engine.close();
    }

    @Test
    void uploadShowsBoxesTextAndDownloadsJson(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("hello.png");
        Files.write(image, TestInputs.png(640, 250, "Hello Lector 2026", "Second line"));
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true))) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + server.port() + "/");
            page.setInputFiles("#files", image);
            page.waitForSelector(".card .lines li.line");
            String listed = page.locator(".card .blocks").innerText();
            assertThat(listed.replaceAll("\\s+", "")).contains("HelloLector2026", "Secondline", "%");
            page.waitForFunction("() => Number(document.querySelector('canvas.page').dataset.boxes) >= 2");
            assertThat(page.locator(".card .status").innerText()).contains("lines in");

            page.locator(".card .lines li.line").first().hover();
            assertThat(page.locator(".card .lines li.hl").count()).isEqualTo(1);

            page.check("#detInput");
            assertThat(page.evaluate("() => document.querySelector('canvas.page').dataset.mode")).isEqualTo("det");
            Object detWidth = page.evaluate("() => document.querySelector('canvas.page').width");
            assertThat(((Number) detWidth).intValue() % 32).isZero();

            Download download = page.waitForDownload(() -> page.click(".card .json"));
            assertThat(download.suggestedFilename()).isEqualTo("hello.json");
            JsonNode json = JsonRenderer.mapper().readTree(Files.readString(download.path()));
            assertThat(json.path("text").asText().replaceAll("\\s+", "")).contains("HelloLector2026");
            assertThat(json.path("pages").get(0).path("lines")).hasSize(2);
        }
    }

    @Test
    void pdfPagesShowTheirImageBoxesAndASwitcher(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("two.pdf");
        Files.write(pdf, TestInputs.pdf("Invoice 4711 paid", "Second page here"));
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + server.port() + "/");
            page.setInputFiles("#files", pdf);
            page.waitForFunction("() => Number((document.querySelector('canvas.page') || {dataset: {}}).dataset.boxes) >= 1");
            assertThat(page.evaluate("() => document.querySelector('canvas.page').hidden")).isEqualTo(false);
            assertThat(page.evaluate("() => document.querySelector('canvas.page').dataset.page")).isEqualTo("1");
            assertThat(page.locator(".card .page-label").innerText()).contains("Page 1 (1 of 2)");
            // lines only: no "Page 1" heading counted among them
            assertThat(page.locator(".card .blocks li.line").count()).isEqualTo(1);
            assertThat(page.locator(".card .blocks").innerText().replaceAll("\\s+", "")).contains("Invoice4711");
            page.click(".card .next");
            page.waitForFunction("() => document.querySelector('canvas.page').dataset.page === '2'");
            assertThat(page.locator(".card .blocks").innerText().replaceAll("\\s+", "")).contains("Secondpage");
        }
    }

    @Test
    void blocksAndPageTurnAreShown(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("turned.png");
        Files.write(image, TestInputs.upsideDownPng(TestInputs.render(700, 400, "Upside down text", "Another line", "Third line")));
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + server.port() + "/");
            page.setInputFiles("#files", image);
            page.waitForSelector(".card .blocks li.block");
            assertThat(page.locator(".card .page-facts").innerText()).contains("turned 180");
            assertThat(page.locator(".card .blocks li.block .kind").first().textContent()).isEqualTo("paragraph");
            assertThat(page.locator(".card .blocks").innerText().replaceAll("\\s+", "")).contains("Upsidedowntext");
        }
    }

    @Test
    void theDetectorsViewShowsThePageAsTheCleanUpLeftIt(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("clean.png");
        Files.write(image, TestInputs.png(640, 200, "Clean me up", "Second line"));
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + server.port() + "/");
            page.selectOption("#preprocess", "sauvola");
            page.check("#detInput");
            page.setInputFiles("#files", image);
            page.waitForFunction("() => (document.querySelector('canvas.page') || {dataset: {}}).dataset.cleaned === 'true'");
            assertThat(page.evaluate("() => document.querySelector('canvas.page').dataset.mode")).isEqualTo("det");
        }
    }

    @Test
    void wrongTypeShowsAClearError(@TempDir Path dir) throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "just text, not an image");
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + server.port() + "/");
            page.setInputFiles("#files", notes);
            page.waitForSelector(".card .status.error");
            assertThat(page.locator(".card .status.error").innerText()).contains("not supported");
        }
    }
}
