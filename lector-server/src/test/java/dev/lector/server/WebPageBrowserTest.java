package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
import dev.lector.BuildInfo;
import dev.lector.extract.Templates;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.render.JsonRenderer;
import dev.lector.vlm.FakeOpenAiServer;
import dev.lector.vlm.VlmConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page in a real browser (Debian's chromium driven by Playwright): upload an image, see
 * boxes and text, hover a line, toggle the detection input, download JSON, read an error; pick by
 * keyboard, paste, drop outside the zone, click a box, zoom, copy, dismiss, the dark theme, fields,
 * and the engine switch and translation against the fake VLM back end.
 * Skipped where /usr/bin/chromium is absent.
 */
class WebPageBrowserTest {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    static OcrEngine engine;
    static LectorServer server;
    static Playwright playwright;
    static Browser browser;

    @TempDir
    static Path templates;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium: apt-get install -y chromium");
        Files.writeString(templates.resolve("till.json"), """
                {"name": "till", "fields": {"paid": {"anchors": ["cash"], "type": "amount"}}}
                """);
        engine = OcrEngine.open(EngineConfig.defaults());
        server = LectorServer.start(engine, ServerConfig.defaults().withPort(0), OcrOptions.DEFAULT, null, Templates.readDirectory(templates));
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
            assertThat(page.locator(".card.error").count()).isEqualTo(1);
            page.click(".card.error .dismiss");
            assertThat(page.locator(".card").count()).isZero();
        }
    }

    static final String DISPATCH_FILE = """
            ([b64, name, kind, selector]) => {
              const bin = atob(b64);
              const bytes = new Uint8Array(bin.length);
              for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
              const dt = new DataTransfer();
              dt.items.add(new File([bytes], name, { type: 'image/png' }));
              const target = document.querySelector(selector);
              const e = kind === 'paste'
                ? new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })
                : new DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true });
              return !target.dispatchEvent(e); // true: the page called preventDefault
            }""";

    static Object dispatchFile(Page page, byte[] png, String name, String kind, String selector) {
        return page.evaluate(DISPATCH_FILE, List.of(Base64.getEncoder().encodeToString(png), name, kind, selector));
    }

    @Test
    void keyboardOpensTheChooserAndPastedImagesAreRead() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            // intercept choosers from the start (Page.setInterceptFileChooserDialog), before any key is pressed
            page.onFileChooser(c -> { });
            page.navigate("http://127.0.0.1:" + server.port() + "/");
            page.focus("#pick");
            FileChooser chooser = page.waitForFileChooser(() -> page.keyboard().press("Enter"));
            assertThat(chooser.isMultiple()).isTrue();
            chooser.setFiles(new com.microsoft.playwright.options.FilePayload("picked.png", "image/png",
                    TestInputs.png(700, 160, "Picked by keyboard")));
            page.waitForSelector(".card .lines li.line");
            assertThat(page.locator(".card .blocks").innerText().replaceAll("\\s+", "")).contains("Pickedbykeyboard");
            // the drop zone itself opens the chooser with Space (a second chooser opens only once the first is done)
            page.focus("#drop");
            FileChooser again = page.waitForFileChooser(() -> page.keyboard().press("Space"));
            again.setFiles(new Path[0]);

            Object prevented = dispatchFile(page, TestInputs.png(700, 160, "Pasted text here"), "image.png", "paste", "body");
            assertThat(prevented).isEqualTo(true);
            page.waitForFunction("() => document.querySelectorAll('.card .blocks li.line').length >= 2");
            assertThat(page.locator(".card").count()).isEqualTo(2);
            assertThat(page.locator(".card .name").first().innerText()).startsWith("pasted-").endsWith(".png");
            assertThat(page.locator(".card").first().locator(".blocks").innerText().replaceAll("\\s+", "")).contains("Pastedtexthere");
        }
    }

    @Test
    void aDropOutsideTheZoneIsReadAndTheResultsStay(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.png");
        Files.write(first, TestInputs.png(700, 160, "First file read"));
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            String url = "http://127.0.0.1:" + server.port() + "/";
            page.navigate(url);
            page.setInputFiles("#files", first);
            page.waitForSelector(".card .lines li.line");
            byte[] png = TestInputs.png(600, 160, "Dropped here");
            assertThat(dispatchFile(page, png, "dropped.png", "dragover", "header")).isEqualTo(true);
            assertThat(dispatchFile(page, png, "dropped.png", "drop", "header")).isEqualTo(true);
            page.waitForFunction("() => document.querySelectorAll('.card .blocks li.line').length >= 2");
            assertThat(page.url()).isEqualTo(url);
            assertThat(page.locator(".card .name").allInnerTexts()).containsExactly("dropped.png", "first.png");
            assertThat(page.locator(".card").first().locator(".blocks").innerText().replaceAll("\\s+", "")).contains("Droppedhere");
        }
    }

    @Test
    void clickingABoxSelectsItsLineAndALineItsBoxZoomAndCopy(@TempDir Path dir) throws Exception {
        byte[] png = TestInputs.png(640, 250, "Hello Lector 2026", "Second line");
        Path image = dir.resolve("click.png");
        Files.write(image, png);
        // where the server puts the second line: the page must map a click there back to it
        JsonNode line = Http.json(new Http(server.port()).post("/v1/ocr", png, "image/png")).path("pages").get(0).path("lines").get(1);
        double cx = 0, cy = 0;
        for (JsonNode p : line.path("points")) { cx += p.get(0).asDouble() / 4; cy += p.get(1).asDouble() / 4; }
        try (BrowserContext context = browser.newContext()) {
            context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + server.port() + "/");
            page.setInputFiles("#files", image);
            page.waitForFunction("() => Number((document.querySelector('canvas.page') || {dataset: {}}).dataset.boxes) >= 2");
            ElementHandle canvas = page.querySelector("canvas.page");
            BoundingBox box = canvas.boundingBox();
            double k = box.width / 640.0;
            page.mouse().click(box.x + cx * k, box.y + cy * k);
            assertThat(page.evaluate("() => document.querySelector('canvas.page').dataset.highlight")).isEqualTo("1");
            assertThat(page.locator(".card .lines li.hl").count()).isEqualTo(1);
            assertThat(page.locator(".card .lines li.hl").innerText().replaceAll("\\s+", "")).contains("Secondline");

            page.locator(".card .lines li.line").first().click();
            page.mouse().move(0, 0);
            assertThat(page.evaluate("() => document.querySelector('canvas.page').dataset.highlight")).isEqualTo("0");
            assertThat(page.locator(".card .lines li.hl").innerText().replaceAll("\\s+", "")).contains("HelloLector2026");
            page.mouse().click(box.x + 3, box.y + 3); // no box there
            assertThat(page.evaluate("() => document.querySelector('canvas.page').dataset.highlight")).isEqualTo("-1");
            assertThat(page.locator(".card .lines li.hl").count()).isZero();

            // fit to width, zoom in, actual size, fit again
            Number fit = (Number) page.evaluate("() => document.querySelector('canvas.page').getBoundingClientRect().width");
            Number view = (Number) page.evaluate("() => document.querySelector('.view').clientWidth");
            assertThat(fit.doubleValue()).isEqualTo(view.doubleValue(), org.assertj.core.data.Offset.offset(1.0));
            page.click(".card .zoom-in");
            Number zoomed = (Number) page.evaluate("() => document.querySelector('canvas.page').getBoundingClientRect().width");
            assertThat(zoomed.doubleValue()).isGreaterThan(fit.doubleValue() * 1.2);
            page.click(".card .actual");
            assertThat(page.locator(".card .zoom-label").innerText()).isEqualTo("100%");
            assertThat(((Number) page.evaluate("() => document.querySelector('canvas.page').getBoundingClientRect().width")).doubleValue()).isEqualTo(640.0);
            page.click(".card .fit");
            assertThat(page.locator(".card .zoom-label").innerText()).isEqualTo("fit");

            assertThat(page.locator(".card .translate").isVisible()).isFalse(); // no VLM on this server
            page.click(".card .copy");
            page.waitForFunction("() => document.querySelector('.card .copy').textContent === 'Copied'");
            Object copied = page.evaluate("() => navigator.clipboard.readText()");
            assertThat(copied.toString().replaceAll("\\s+", "")).contains("HelloLector2026", "Secondline");
        }
    }

    @Test
    void darkThemeFollowsTheSystemAndTheFooterShowsTheVersion() {
        String[] bg = new String[2];
        ColorScheme[] schemes = {ColorScheme.LIGHT, ColorScheme.DARK};
        for (int i = 0; i < 2; i++) {
            try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setColorScheme(schemes[i]))) {
                Page page = context.newPage();
                page.navigate("http://127.0.0.1:" + server.port() + "/");
                bg[i] = (String) page.evaluate("() => getComputedStyle(document.body).backgroundColor");
                if (i == 0) {
                    page.waitForSelector("body[data-info='loaded']", new Page.WaitForSelectorOptions().setState(
                            com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
                    assertThat(page.locator("#version").innerText()).isEqualTo("Lector " + BuildInfo.current().version()
                            + ("unknown".equals(BuildInfo.current().commit()) ? "" : " (commit " + BuildInfo.current().commit() + ")"));
                    assertThat(page.locator("footer a[href='docs']").count()).isEqualTo(1);
                    // no VLM back end: no engine switch
                    assertThat(page.locator("#engineBox").isVisible()).isFalse();
                }
            }
        }
        assertThat(luminance(bg[0])).as(bg[0]).isGreaterThan(0.8);
        assertThat(luminance(bg[1])).as(bg[1]).isLessThan(0.2);
    }

    static double luminance(String rgb) {
        String[] c = rgb.replaceAll("[^0-9,]", "").split(",");
        return (0.2126 * Integer.parseInt(c[0]) + 0.7152 * Integer.parseInt(c[1]) + 0.0722 * Integer.parseInt(c[2])) / 255;
    }

    @Test
    void pickingATemplateShowsItsFieldsAndAFieldItsBox(@TempDir Path dir) throws Exception {
        Path receipt = dir.resolve("receipt.png");
        Files.write(receipt, TestInputs.png(900, 560, "BLUE DOOR CAFE LTD", "Date: 14/02/2019", "TOTAL 12.50", "CASH 20.00"));
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + server.port() + "/");
            page.waitForSelector("#template option[value='template_file:till']", new Page.WaitForSelectorOptions().setState(
                    com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
            assertThat(page.locator("#template option").allInnerTexts()).contains("receipt", "invoice", "kv", "till (server folder)");
            page.selectOption("#template", "template:receipt");
            page.setInputFiles("#files", receipt);
            page.waitForSelector(".card table.fields tbody tr");
            var total = page.locator(".card table.fields tr[data-name='total']");
            assertThat(total.locator(".fvalue").innerText()).contains("12.50");
            assertThat(total.locator(".fconf").innerText()).endsWith("%");
            total.click();
            assertThat(page.evaluate("() => document.querySelector('canvas.page').dataset.field")).isEqualTo("total");
            assertThat(page.locator(".card .lines li.hl").innerText()).contains("12.50");

            page.selectOption("#template", "template_file:till");
            page.setInputFiles("#files", receipt);
            page.waitForFunction("() => document.querySelectorAll('.card table.fields tr[data-name=\"paid\"]').length === 1");
            assertThat(page.locator(".card table.fields tr[data-name='paid'] .fvalue").innerText()).contains("20.00");

            page.selectOption("#template", "keys");
            page.fill("#keys", "Totl, Cash");
            page.setInputFiles("#files", receipt);
            page.waitForFunction("() => document.querySelectorAll('.card table.fields tr[data-name=\"Totl\"]').length === 1");
            assertThat(page.locator(".card table.fields tr[data-name='Totl'] .fvalue").first().innerText()).contains("12.50");
            assertThat(page.locator(".card table.fields tr[data-name='Cash'] .fvalue").first().innerText()).contains("20.00");
        }
    }

    @Test
    void withAVlmTheEngineSwitchAndTranslateAppear(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("vlm.png");
        Files.write(image, TestInputs.png(400, 200, "Hello"));
        try (FakeOpenAiServer fake = new FakeOpenAiServer("tencent/HunyuanOCR")) {
            fake.otherwise(r -> new FakeOpenAiServer.Answer(r.prompt().contains("英文") ? "Good morning"
                    : r.prompt().startsWith("Extract the content of the fields")
                            ? (r.prompt().contains("'total'") ? "{\"total\": \"12.50\"}" : "{\"Total\": \"12.50\"}")
                    : r.prompt().contains("markdown") ? "# Hello" : "Hello(100,100),(500,200)"));
            VlmConfig vlm = VlmConfig.hunyuan(fake.baseUrl(), fake.model()).withRetries(0, Duration.ZERO)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
            try (LectorServer vlmServer = LectorServer.start(engine, ServerConfig.defaults().withPort(0), OcrOptions.DEFAULT, vlm);
                 BrowserContext context = browser.newContext()) {
                Page page = context.newPage();
                page.navigate("http://127.0.0.1:" + vlmServer.port() + "/");
                page.waitForSelector("#engineBox:not([hidden])");
                page.selectOption("#engine", "vlm");
                page.setInputFiles("#files", image);
                page.waitForSelector(".card .lines li.line");
                assertThat(page.locator(".card .lines li.line .text").allInnerTexts()).containsExactly("Hello");
                assertThat(page.locator(".card .status").innerText()).contains("by the VLM");
                assertThat(page.locator(".card .pdf").isVisible()).isFalse();
                assertThat(fake.chatRequests()).hasSize(1);

                page.click(".card .translate");
                page.waitForFunction("() => document.querySelector('.card .vlm-out').textContent === 'Good morning'");
                assertThat(fake.chatRequests()).hasSize(2);
                assertThat(fake.chatRequests().get(1).prompt()).contains("英文");
                page.click(".card .parse");
                page.waitForFunction("() => document.querySelector('.card .vlm-out').textContent === '# Hello'");

                // the VLM extracts caller-named keys: templates are PP-OCR's
                assertThat(page.evaluate("() => document.querySelector(\"#template option[value='template:receipt']\").disabled")).isEqualTo(true);
                page.selectOption("#template", "keys");
                page.fill("#keys", "Total");
                page.setInputFiles("#files", image);
                page.waitForSelector(".card table.fields tr[data-name='Total']");
                assertThat(page.locator(".card table.fields tr[data-name='Total'] .fvalue").innerText()).contains("12.50", "vlm");
                assertThat(fake.chatRequests().get(3).prompt()).contains("Total");

                // auto: PP-OCR reads the page and the template's rules run; the VLM is asked for what they miss
                page.selectOption("#engine", "auto");
                assertThat(page.evaluate("() => document.querySelector(\"#template option[value='template:kv']\").disabled")).isEqualTo(true);
                page.selectOption("#template", "template:receipt");
                page.setInputFiles("#files", image);
                page.waitForSelector(".card table.fields tr[data-name='total']");
                assertThat(page.locator(".card table.fields tr[data-name='total'] .fvalue").innerText()).contains("12.50", "by vlm");
                assertThat(page.locator(".card table.fields caption").first().innerText()).contains("PP-OCR, then VLM for", "total");
                assertThat(fake.chatRequests().getLast().prompt()).contains("'total'");
            }
        }
    }
}
