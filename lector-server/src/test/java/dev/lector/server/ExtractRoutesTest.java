package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lector.extract.Templates;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/extract} on the server as {@code lector serve} wires it, with the embedded models. */
class ExtractRoutesTest {

    static final byte[] RECEIPT = TestInputs.png(900, 560, "BLUE DOOR CAFE LTD", "Date: 14/02/2019", "TOTAL 12.50", "CASH 20.00");

    @TempDir
    static Path templates;

    static OcrEngine engine;
    static LectorServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(templates.resolve("till.json"), """
                {"name": "till", "fields": {"paid": {"anchors": ["cash"], "type": "amount"}}}
                """);
        engine = OcrEngine.open(EngineConfig.defaults());
        server = LectorServer.start(engine, ServerConfig.defaults().withPort(0), OcrOptions.DEFAULT, null, Templates.readDirectory(templates));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (engine != null) engine.close();
    }

    @Test
    void receiptTemplateAnswersFieldsPerPage() {
        HttpResponse<String> r = http.post("/v1/extract?template=receipt", RECEIPT, "image/png");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = Http.json(r);
        assertThat(j.path("template").asText()).isEqualTo("receipt");
        JsonNode page = j.path("pages").get(0);
        assertThat(page.path("lines").size()).isEqualTo(4);
        JsonNode total = page.path("fields").path("total");
        assertThat(total.path("normalized").asText()).isEqualTo("12.50");
        assertThat(total.path("valid").asBoolean()).isTrue();
        assertThat(total.path("points").size()).isEqualTo(4);
        assertThat(total.path("lines").get(0).asInt()).isEqualTo(2);
        assertThat(page.path("fields").path("date").path("normalized").asText()).as(page.path("text").asText()).isEqualTo("2019-02-14");
        assertThat(j.path("request_id").asText()).isNotBlank();
    }

    @Test
    void aPdfsPagesComeWithPreviewsWhenAsked() {
        byte[] pdf = TestInputs.pdf("TOTAL 12.50", "TOTAL 9.99");
        JsonNode j = Http.json(http.post("/v1/extract?template=receipt&page_images=true", pdf, "application/pdf"));
        assertThat(j.path("pages").size()).isEqualTo(2);
        for (JsonNode page : j.path("pages")) {
            assertThat(page.path("preview").asText()).startsWith("data:image/jpeg;base64,");
            assertThat(page.path("fields").isObject()).isTrue();
        }
        JsonNode plain = Http.json(http.post("/v1/extract?template=receipt", pdf, "application/pdf"));
        assertThat(plain.path("pages").get(0).has("preview")).isFalse();
    }

    @Test
    void keysAndServerTemplatesByName() {
        HttpResponse<String> r = http.multipart("/v1/extract", RECEIPT, "image/png", Map.of("keys", "Totl,Cash"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode fields = Http.json(r).path("pages").get(0).path("fields");
        assertThat(fields.path("Totl").path("normalized").asText()).isEqualTo("12.50");
        assertThat(fields.path("Cash").path("normalized").asText()).isEqualTo("20.00");

        HttpResponse<String> t = http.post("/v1/extract?template_file=till", RECEIPT, "image/png");
        assertThat(t.statusCode()).as(t.body()).isEqualTo(200);
        assertThat(Http.json(t).path("pages").get(0).path("fields").path("paid").path("normalized").asText()).isEqualTo("20.00");
    }

    @Test
    void templatesListsTheBuiltInsThenTheServersFolder() {
        HttpResponse<String> r = http.get("/v1/templates");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode list = Http.json(r).path("templates");
        assertThat(list.size()).isEqualTo(Templates.BUILT_IN.size() + 1);
        for (int i = 0; i < Templates.BUILT_IN.size(); i++) {
            assertThat(list.get(i).path("name").asText()).isEqualTo(Templates.BUILT_IN.get(i));
            assertThat(list.get(i).path("parameter").asText()).isEqualTo("template");
        }
        assertThat(list.get(0).path("fields").toString()).contains("\"total\"", "\"date\"");
        JsonNode till = list.get(list.size() - 1);
        assertThat(till.path("name").asText()).isEqualTo("till");
        assertThat(till.path("source").asText()).isEqualTo("folder");
        assertThat(till.path("parameter").asText()).isEqualTo("template_file");
        assertThat(till.path("fields").toString()).isEqualTo("[\"paid\"]");
        assertThat(http.post("/v1/templates", new byte[0], "application/json").statusCode()).isEqualTo(405);
    }

    @Test
    void formTemplateAnswersPairs() {
        byte[] form = TestInputs.png(900, 260, "Name: John Smith", "City: Boston");
        HttpResponse<String> r = http.post("/v1/extract?template=kv", form, "image/png");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode pairs = Http.json(r).path("pages").get(0).path("pairs");
        assertThat(pairs.size()).isEqualTo(2);
        assertThat(pairs.get(1).path("key").asText()).isEqualTo("City");
        assertThat(pairs.get(1).path("value").asText()).isEqualTo("Boston");
        assertThat(pairs.get(1).path("key_points").size()).isEqualTo(4);
    }

    @Test
    void unknownTemplateEmptyKeysOrNothingAre422() {
        LectorServerTest.assertError(http.post("/v1/extract?template=passport", RECEIPT, "image/png"), 422, "bad_option");
        LectorServerTest.assertError(http.post("/v1/extract?keys=" + URLEncoder.encode(" , ", StandardCharsets.UTF_8), RECEIPT, "image/png"),
                422, "bad_option");
        LectorServerTest.assertError(http.post("/v1/extract", RECEIPT, "image/png"), 422, "bad_option");
        LectorServerTest.assertError(http.post("/v1/extract?template=receipt&keys=Total", RECEIPT, "image/png"), 422, "bad_option");
        LectorServerTest.assertError(http.post("/v1/extract?template_file=nope", RECEIPT, "image/png"), 422, "bad_option");
        // the body is still checked like /v1/ocr's
        LectorServerTest.assertError(http.post("/v1/extract?template=receipt", new byte[0], "image/png"), 400, "empty");
    }
}
