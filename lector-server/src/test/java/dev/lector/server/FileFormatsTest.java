package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.render.PdfReading;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/ocr?format=pdf|hocr|alto} on the in-process server with the embedded models. */
class FileFormatsTest {
    static OcrEngine engine;
    static LectorServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        engine = OcrEngine.open(EngineConfig.defaults());
        server = LectorServer.start(engine, ServerConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (engine != null) engine.close();
    }

    static HttpResponse<byte[]> post(String query, byte[] body, String type) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/ocr" + query))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return CLIENT.send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void imageGivesASearchablePdfHocrAndAlto() throws Exception {
        byte[] png = TestInputs.png(640, 160, "Hello Lector 2026");
        HttpResponse<byte[]> pdf = post("?format=pdf", png, "image/png");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(pdf.headers().firstValue(FileResponses.OCR_PAGES_HEADER)).hasValue("1");
        String json = new String(post("?format=json", png, "image/png").body(), StandardCharsets.UTF_8);
        String text = dev.lector.render.JsonRenderer.mapper().readTree(json).path("text").asText();
        assertThat(text).isNotBlank();
        assertThat(PdfReading.normalize(PdfReading.pdfbox(pdf.body()))).isEqualTo(PdfReading.normalize(text));

        HttpResponse<byte[]> hocr = post("?format=hocr", png, "image/png");
        assertThat(hocr.headers().firstValue("Content-Type").orElse("")).startsWith("application/xhtml+xml");
        assertThat(new String(hocr.body(), StandardCharsets.UTF_8)).contains("class=\"ocr_page\"").contains("ocrx_word");
        HttpResponse<byte[]> alto = post("?format=alto", png, "image/png");
        assertThat(alto.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        assertThat(new String(alto.body(), StandardCharsets.UTF_8)).contains("ns-v4#").contains("<String ");
    }

    @Test
    void pdfPagesWithTextAreLeftAloneUnlessForced() throws Exception {
        byte[] input = TestInputs.pdf("Already text 42");
        HttpResponse<byte[]> kept = post("?format=pdf", input, "application/pdf");
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(kept.headers().firstValue(FileResponses.SKIPPED_PAGES_HEADER)).hasValue("1");
        assertThat(kept.headers().firstValue(FileResponses.OCR_PAGES_HEADER)).hasValue("");
        assertThat(PdfReading.normalize(PdfReading.pdfbox(kept.body()))).isEqualTo("Already text 42");
        assertThat(java.util.Arrays.copyOf(kept.body(), input.length)).isEqualTo(input);

        HttpResponse<byte[]> forced = post("?format=pdf&force_ocr=true", input, "application/pdf");
        assertThat(forced.headers().firstValue(FileResponses.OCR_PAGES_HEADER)).hasValue("1");
        // the text layer lies on the printed text (PDFBox drops such overlapping duplicates when extracting): look at the page itself
        try (PDDocument d = org.apache.pdfbox.Loader.loadPDF(forced.body())) {
            PDPage page = d.getPage(0);
            assertThat(page.getResources().getFont(org.apache.pdfbox.cos.COSName.getPDFName("LectorOCR"))).isNotNull();
            int streams = 0;
            for (var it = page.getContentStreams(); it.hasNext(); it.next()) streams++;
            assertThat(streams).isEqualTo(3); // q, the original, Q + text layer
        }
    }

    @Test
    void encryptedPdfIsA400WithAJsonError() throws Exception {
        byte[] pdf;
        try (PDDocument d = new PDDocument(); ByteArrayOutputStream o = new ByteArrayOutputStream()) {
            d.addPage(new PDPage());
            d.protect(new StandardProtectionPolicy("owner", "", new AccessPermission()));
            d.save(o);
            pdf = o.toByteArray();
        }
        HttpResponse<byte[]> r = post("?format=pdf", pdf, "application/pdf");
        assertThat(r.statusCode()).isEqualTo(400);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"error\"").contains("encrypted").doesNotContain("\tat ");
    }

    @Test
    void unknownFormatIsA422() throws Exception {
        HttpResponse<byte[]> r = post("?format=docx", TestInputs.png(200, 80, "x"), "image/png");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("pdf, hocr or alto");
    }
}
