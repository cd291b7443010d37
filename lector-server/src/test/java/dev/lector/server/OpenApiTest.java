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

    private static Map<String, MediaType> resolve(OpenAPI api, Operation op) {
        var body = op.getRequestBody();
        if (body.get$ref() != null) {
            String name = body.get$ref().substring(body.get$ref().lastIndexOf('/') + 1);
            body = api.getComponents().getRequestBodies().get(name);
        }
        return body.getContent();
    }
}
