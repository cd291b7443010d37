package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /docs} in Debian's Chromium: Swagger UI renders the API from /openapi.json, loading nothing from elsewhere. */
class DocsPageBrowserTest {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    static OcrEngine engine;
    static LectorServer server;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium: apt-get install -y chromium");
        engine = OcrEngine.open(EngineConfig.defaults().withWorkers(1));
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
    void swaggerUiRendersEveryOperationFromTheServerAlone() {
        String base = "http://127.0.0.1:" + server.port();
        List<String> requested = new CopyOnWriteArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.onRequest(r -> requested.add(r.url()));
            page.onPageError(errors::add);
            page.navigate(base + "/docs");
            page.waitForSelector(".swagger-ui .opblock-summary");
            assertThat(page.locator(".swagger-ui .info .title").innerText()).contains("Lector OCR API");
            int operations = page.locator(".swagger-ui .opblock").count();
            assertThat(operations).isGreaterThanOrEqualTo(13);
            assertThat(page.locator(".swagger-ui .opblock-summary-path").allInnerTexts())
                    .anyMatch(t -> t.contains("/v1/ocr")).anyMatch(t -> t.contains("/v1/extract")).anyMatch(t -> t.contains("/docs"));
            // open one operation: its JSON body example is shown
            page.locator(".swagger-ui .opblock-post .opblock-summary").first().click();
            page.waitForSelector(".swagger-ui .opblock.is-open .opblock-section-request-body, .swagger-ui .opblock.is-open .body-param");
        }
        assertThat(errors).as("page errors").isEmpty();
        assertThat(requested).isNotEmpty().allMatch(u -> u.startsWith(base + "/") || u.startsWith("data:"), "served by Lector");
        assertThat(requested).anyMatch(u -> u.endsWith("/openapi.json")).anyMatch(u -> u.endsWith("/docs/swagger-ui-bundle.js"));
    }
}
