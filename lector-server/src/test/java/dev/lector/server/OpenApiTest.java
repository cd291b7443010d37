package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document served at /openapi.json, read by swagger-parser as a client's tooling would. */
class OpenApiTest {

    static String document() throws IOException {
        try (InputStream in = LectorServer.class.getResourceAsStream("openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static SwaggerParseResult parsed() throws IOException {
        ParseOptions o = new ParseOptions();
        o.setResolve(true);
        o.setValidateInternalRefs(true);
        return new OpenAPIV3Parser().readContents(document(), null, o);
    }

    @Test
    void validWithoutASingleMessage() throws IOException {
        SwaggerParseResult r = parsed();
        assertThat(r.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(r.getOpenAPI()).isNotNull();
        assertThat(r.getOpenAPI().getInfo().getVersion()).isEqualTo(dev.lector.BuildInfo.current().version());
    }

    @Test
    void everyOperationHasItsOwnIdAndItsBodyAnExampleForJson() throws IOException {
        OpenAPI api = parsed().getOpenAPI();
        Set<String> ids = new HashSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            assertThat(op.getOperationId()).as(method + " " + path).isNotBlank();
            assertThat(ids.add(op.getOperationId())).as("operationId " + op.getOperationId() + " used twice").isTrue();
            assertThat(op.getSummary()).as(method + " " + path).isNotBlank();
            // a 200, or for an accepted job (POST /v1/jobs) a 202
            assertThat(op.getResponses().get("200") != null || op.getResponses().get("202") != null).as("200 of " + method + " " + path).isTrue();
            if (op.getRequestBody() != null) {
                var body = resolve(api, op);
                MediaType json = body.get("application/json");
                assertThat(json).as("JSON input of " + path).isNotNull();
                assertThat(json.getExamples()).as("JSON examples of " + path).isNotEmpty();
                assertThat(body).containsKeys("multipart/form-data", "image/*");
            }
        }));
        assertThat(ids).contains("ocr", "simpleOcr", "extractFields", "parseDocument", "translateDocument", "docsPage");
    }

    @Test
    void schemasSayWhatIsRequired() throws IOException {
        Map<String, Schema> schemas = parsed().getOpenAPI().getComponents().getSchemas();
        for (String name : new String[] {"Error", "Page", "Line", "Word", "Block", "OcrResponse", "ImageJson", "VlmTextResponse"}) {
            assertThat(schemas.get(name).getRequired()).as(name + ".required").isNotEmpty();
        }
        assertThat(schemas.get("ImageJson").getRequired()).containsExactly("image");
        assertThat(schemas.get("OcrResponse").getExample()).as("OcrResponse example").isNotNull();
        assertThat(schemas.get("Error").getExample()).as("Error example").isNotNull();
    }

    /**
     * The refusals the server can give on each route are listed there (issue 13): a 408 on every
     * operation (headers past --header-timeout-ms; for a body, past --body-timeout-ms), a 503 on
     * every operation (a connection past --max-connections and its reserve is refused whatever its
     * path; the API also answers 503 while draining), a 429 with Retry-After wherever a key may be
     * needed (failed keys throttled, key rates; OCR's queue), and a 413 wherever a body is read.
     */
    @Test
    void everyOperationListsTheRefusalsItCanGet() throws IOException {
        OpenAPI api = parsed().getOpenAPI();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String what = method + " " + path;
            var responses = op.getResponses();
            for (String status : new String[] {"408", "503"}) {
                assertThat(responses).as(what + " lists " + status).containsKey(status);
                assertThat(errorShape(api, responses.get(status))).as(what + " " + status + " has the JSON error shape").isTrue();
            }
            boolean keyed = op.getSecurity() != null && op.getSecurity().stream().anyMatch(r -> r.containsKey("bearer"));
            if (keyed || path.equals("/metrics")) {
                assertThat(responses).as(what + " lists 429").containsKey("429");
                var r = resolve(api, responses.get("429"));
                assertThat(r.getHeaders()).as(what + " 429 headers").containsKey("Retry-After");
                assertThat(errorShape(api, responses.get("429"))).as(what + " 429 has the JSON error shape").isTrue();
            }
            if (op.getRequestBody() != null) {
                assertThat(responses).as(what + " reads a body: lists 413").containsKey("413");
                assertThat(errorShape(api, responses.get("413"))).isTrue();
            }
        }));
        // the document names the body deadline's 408, so a client knows why it came
        var timeout = api.getComponents().getResponses().get("408");
        assertThat(timeout.getDescription()).contains("--body-timeout-ms").contains("--header-timeout-ms");
    }

    private static io.swagger.v3.oas.models.responses.ApiResponse resolve(OpenAPI api, io.swagger.v3.oas.models.responses.ApiResponse r) {
        if (r.get$ref() == null) return r;
        var resolved = api.getComponents().getResponses().get(r.get$ref().substring(r.get$ref().lastIndexOf('/') + 1));
        assertThat(resolved).as("response " + r.get$ref()).isNotNull();
        return resolved;
    }

    /** Whether the answer is {@code application/json} with the Error schema. */
    private static boolean errorShape(OpenAPI api, io.swagger.v3.oas.models.responses.ApiResponse r) {
        var content = resolve(api, r).getContent();
        MediaType json = content == null ? null : content.get("application/json");
        if (json == null || json.getSchema() == null) return false;
        Schema<?> schema = json.getSchema();
        return "#/components/schemas/Error".equals(schema.get$ref()) || schema == api.getComponents().getSchemas().get("Error");
    }

    private static Map<String, MediaType> resolve(OpenAPI api, Operation op) {
        var body = op.getRequestBody();
        if (body.get$ref() != null) {
            String name = body.get$ref().substring(body.get$ref().lastIndexOf('/') + 1);
            body = api.getComponents().getRequestBodies().get(name);
        }
        return body.getContent();
    }
}
