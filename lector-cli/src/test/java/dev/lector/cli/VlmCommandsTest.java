package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lector.vlm.FakeOpenAiServer;
import dev.lector.vlm.VlmTestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VLM commands, in-process, against the protocol fake: output and exit codes. */
class VlmCommandsTest {

    private FakeOpenAiServer fake;
    @TempDir
    Path dir;
    private Path image;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeOpenAiServer("tencent/HunyuanOCR");
        image = dir.resolve("receipt.png");
        Files.write(image, VlmTestImages.image(1000, 500, "png"));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private String url() {
        return fake.baseUrl().toString();
    }

    @Test
    void ocrWithTheVlmEngineGivesThePageJson() throws Exception {
        fake.then(new FakeOpenAiServer.Answer("TOTAL 12.00(100,200),(400,260)"));
        CliRun run = CliRun.lector("ocr", "--engine", "vlm", "--vlm-url", url(), "--vlm-model", fake.model(), "--format", "jsonl", image.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode page = new ObjectMapper().readTree(run.out().strip());
        assertThat(page.path("image").asText()).isEqualTo("receipt.png");
        assertThat(page.path("width").asInt()).isEqualTo(1000);
        assertThat(page.path("lines").get(0).path("text").asText()).isEqualTo("TOTAL 12.00");
        assertThat(page.path("lines").get(0).path("points").toString()).isEqualTo("[[100,100],[400,100],[400,130],[100,130]]");
        assertThat(page.path("blocks").get(0).path("lines").toString()).isEqualTo("[0]");
        assertThat(page.path("text").asText()).isEqualTo("TOTAL 12.00");
    }

    @Test
    void parsePrintsMarkdownAndTranslatePrintsText() {
        fake.then(new FakeOpenAiServer.Answer("# Receipt\n\n| a | b |"), new FakeOpenAiServer.Answer("Thank you"));
        CliRun parse = CliRun.lector("parse", "--vlm-url", url(), "--vlm-model", fake.model(), image.toString());
        assertThat(parse.exit()).as(parse.err()).isZero();
        assertThat(parse.out()).isEqualTo("# Receipt\n\n| a | b |\n");
        CliRun tr = CliRun.lector("translate", "--to", "en", "--vlm-url", url(), "--vlm-model", fake.model(), image.toString());
        assertThat(tr.exit()).as(tr.err()).isZero();
        assertThat(tr.out()).isEqualTo("Thank you\n");
        assertThat(fake.chatRequests().get(1).prompt()).endsWith("再将文字内容翻译为英文。");
    }

    @Test
    void extractWithTheVlmGivesFields() throws Exception {
        fake.then(new FakeOpenAiServer.Answer("{\"Total\": \"12.00\"}"));
        ParseCommand holder = new ParseCommand();
        new picocli.CommandLine(holder).parseArgs("--vlm-url", url(), "--vlm-model", fake.model(), "x");
        CliRun run = CliRun.capture(() -> VlmExtract.run(holder.vlm, List.of("Total,Date"), List.of(image), false, "all", "jsonl"));
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(run.out().strip());
        assertThat(n.path("fields").toString()).isEqualTo("{\"Total\":{\"value\":\"12.00\",\"engine\":\"vlm\"}}");
        assertThat(fake.chatRequests().getFirst().prompt())
                .isEqualTo("Extract the content of the fields: ['Total', 'Date'] from the image and return it in JSON format.");
    }

    @Test
    void anUnreachableBackEndExitsThree() {
        String gone = url();
        fake.close();
        CliRun run = CliRun.lector("ocr", "--engine", "vlm", "--vlm-url", gone, "--vlm-model", "m", "--vlm-retries", "0", image.toString());
        assertThat(run.exit()).isEqualTo(VlmCli.EXIT_BACKEND);
        assertThat(run.err()).contains("receipt.png").contains("refused the connection");
    }

    @Test
    void aBackEndThatStaysBusyExitsThree() {
        fake.otherwise(r -> new FakeOpenAiServer.Status(503, null, "busy"));
        CliRun run = CliRun.lector("parse", "--vlm-url", url(), "--vlm-model", fake.model(), "--vlm-retries", "1", image.toString());
        assertThat(run.exit()).isEqualTo(VlmCli.EXIT_BACKEND);
        assertThat(run.err()).contains("HTTP 503");
    }

    @Test
    void aStallExitsFour() {
        fake.then(new FakeOpenAiServer.Stall(Duration.ofSeconds(30), true));
        CliRun run = CliRun.lector("parse", "--vlm-url", url(), "--vlm-model", fake.model(), "--vlm-timeout", "0.3", image.toString());
        assertThat(run.exit()).isEqualTo(VlmCli.EXIT_TIMEOUT);
        assertThat(run.err()).contains("timeout");
    }

    @Test
    void anUnparseableAnswerExitsFiveQuotingIt() {
        fake.then(new FakeOpenAiServer.Answer("{\"Total\": \"12"));
        CliRun run = CliRun.lector("ocr", "--engine", "vlm", "--vlm-url", url(), "--vlm-model", fake.model(), image.toString());
        assertThat(run.exit()).isEqualTo(VlmCli.EXIT_UNPARSEABLE);
        assertThat(run.err()).contains("the answer starts: \"{\"Total\": \"12");
    }

    @Test
    void aMissingFileExitsOneAndNoUrlIsAUsageError() {
        CliRun missing = CliRun.lector("parse", "--vlm-url", url(), "--vlm-model", fake.model(), dir.resolve("nope.png").toString());
        assertThat(missing.exit()).isEqualTo(VlmCli.EXIT_INPUT);
        assertThat(missing.err()).contains("no such file");
        if (System.getenv("LECTOR_VLM_URL") == null) {
            CliRun none = CliRun.lector("translate", "--to", "en", image.toString());
            assertThat(none.exit()).isEqualTo(2);
            assertThat(none.err()).contains("--vlm-url");
        }
        CliRun badLang = CliRun.lector("translate", "--to", "fr", "--vlm-url", url(), image.toString());
        assertThat(badLang.exit()).isEqualTo(2);
        assertThat(badLang.err()).contains("'fr' (valid: en, zh)");
    }

    @Test
    void autoAsksTheModelOnlyForTheKeysTheRulesMissed() throws Exception {
        var img = dev.lector.testing.TextRenderer.render(800, 200, new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 40),
                new dev.lector.testing.TextRenderer.Placed("Invoice No: A-1047", 30, 70), new dev.lector.testing.TextRenderer.Placed("Thank you", 30, 150));
        Path f = dir.resolve("inv.png");
        javax.imageio.ImageIO.write(img, "png", f.toFile());
        fake.then(new FakeOpenAiServer.Answer("```json\n{\"Total\": \"45.10\", \"Invoice No\": \"WRONG\"}\n```"));
        CliRun run = CliRun.lector("extract", "--engine", "auto", "--keys", "Invoice No,Total", "--vlm-url", url(), "--vlm-model", fake.model(),
                "--format", "jsonl", "--threads", "1", f.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(run.out().strip());
        assertThat(n.at("/fields/Invoice No/engine").asText()).isEqualTo("ppocr");
        assertThat(n.at("/fields/Invoice No/value").asText().replace(" ", "")).isEqualTo("A-1047");
        assertThat(n.at("/fields/Total/engine").asText()).isEqualTo("vlm");
        assertThat(n.at("/fields/Total/normalized").asText()).isEqualTo("45.10");
        assertThat(n.path("asked_vlm").toString()).isEqualTo("[\"Total\"]");
        assertThat(fake.chatRequests()).hasSize(1);
        assertThat(fake.chatRequests().getFirst().prompt())
                .isEqualTo("Extract the content of the fields: ['Total'] from the image and return it in JSON format.");
    }

    @Test
    void autoWithTheBackEndDownKeepsTheRulesFieldsAndExitsNonZero() throws Exception {
        String gone = url();
        fake.close();
        CliRun run = CliRun.lector("extract", "--engine", "auto", "--keys", "Nothing here", "--vlm-url", gone, "--vlm-model", "m",
                "--vlm-retries", "0", "--format", "jsonl", "--threads", "1", image.toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("receipt.png").contains("refused the connection");
        JsonNode n = new ObjectMapper().readTree(run.out().strip());
        assertThat(n.path("vlm_error").asText()).contains("refused the connection");
        assertThat(n.path("fields").isObject()).isTrue();
    }

    @Test
    void ocrWithTheVlmWritesASearchablePdfAndHocr() throws Exception {
        fake.then(new FakeOpenAiServer.Answer("TOTAL 12.00(100,200),(400,260)"), new FakeOpenAiServer.Answer("TOTAL 12.00(100,200),(400,260)"));
        Path pdf = dir.resolve("out.pdf");
        CliRun run = CliRun.lector("ocr", "--engine", "vlm", "--vlm-url", url(), "--vlm-model", fake.model(), "--format", "pdf", "-o", pdf.toString(),
                image.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).strip()).isEqualTo("TOTAL 12.00");
        }
        CliRun hocr = CliRun.lector("ocr", "--engine", "vlm", "--vlm-url", url(), "--vlm-model", fake.model(), "--format", "hocr", image.toString());
        assertThat(hocr.exit()).as(hocr.err()).isZero();
        assertThat(hocr.out()).contains("ocr_line").contains("TOTAL").contains("bbox 100 100 400 130");
    }
}
