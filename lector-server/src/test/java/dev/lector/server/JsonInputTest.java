package dev.lector.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The JSON form of an image request, parsed from hand-made bodies. */
class JsonInputTest {

    static final byte[] BYTES = {(byte) 0x89, 'P', 'N', 'G', (byte) 0xfb, (byte) 0xff, 0x00, 0x3e};

    static JsonInput parse(String json, long max) {
        return JsonInput.parse(json.getBytes(StandardCharsets.UTF_8), max);
    }

    static ApiException.Kind kindOf(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.kind();
        }
        throw new AssertionError("no ApiException");
    }

    @Test
    void base64DataUriAndUrlSafeAllDecodeToTheSameBytes() {
        String std = Base64.getEncoder().encodeToString(BYTES);
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(BYTES);
        assertThat(url).containsAnyOf("-", "_");
        assertThat(parse("{\"image\":\"" + std + "\"}", 100).image()).isEqualTo(BYTES);
        assertThat(parse("{\"image\":\"" + url + "\"}", 100).image()).isEqualTo(BYTES);
        assertThat(parse("{\"image\":\"data:image/png;base64," + std + "\"}", 100).image()).isEqualTo(BYTES);
        assertThat(parse("{\"image\":\"" + std.substring(0, 4) + "\\r\\n" + std.substring(4) + "\"}", 100).image()).isEqualTo(BYTES);
    }

    @Test
    void optionsBecomeParameterStrings() {
        JsonInput in = parse("{\"image\":\"" + Base64.getEncoder().encodeToString(BYTES)
                + "\",\"options\":{\"cls\":false,\"det_limit_side\":960,\"keys\":[\"Total\",\"Date\"],\"format\":\"text\",\"pages\":null}}", 100);
        assertThat(in.options()).containsEntry("cls", "false").containsEntry("det_limit_side", "960")
                .containsEntry("keys", "Total,Date").containsEntry("format", "text").doesNotContainKey("pages");
    }

    @Test
    void badBodiesAre400sNamingWhatIsWrong() {
        assertThatThrownBy(() -> parse("{\"image\":\"!!!not base64\"}", 100)).isInstanceOf(ApiException.class)
                .hasMessageContaining("not valid base64");
        assertThat(kindOf(() -> parse("{\"image\":\"!!!\"}", 100))).isEqualTo(ApiException.Kind.BAD_REQUEST);
        assertThatThrownBy(() -> parse("{\"image\":", 100)).hasMessageContaining("not valid JSON (line 1");
        assertThatThrownBy(() -> parse("[1,2]", 100)).hasMessageContaining("must be an object");
        assertThatThrownBy(() -> parse("{\"img\":\"AAAA\"}", 100)).hasMessageContaining("unknown field 'img'");
        assertThatThrownBy(() -> parse("{\"image\":42}", 100)).hasMessageContaining("'image' must be a string");
        assertThatThrownBy(() -> parse("{\"image\":\"data:image/png,AAAA\"}", 100)).hasMessageContaining("must be base64");
        assertThatThrownBy(() -> parse("{\"image\":\"AAAA\",\"options\":[1]}", 100)).hasMessageContaining("'options' must be an object");
        assertThatThrownBy(() -> parse("{\"image\":\"AAAA\",\"options\":{\"cls\":{\"x\":1}}}", 100)).hasMessageContaining("option 'cls'");
        assertThat(kindOf(() -> parse("{\"options\":{}}", 100))).isEqualTo(ApiException.Kind.EMPTY);
        assertThat(kindOf(() -> parse("{\"image\":\"\"}", 100))).isEqualTo(ApiException.Kind.EMPTY);
    }

    @Test
    void theDecodedSizeIsWhatTheCapCounts() {
        String b64 = Base64.getEncoder().encodeToString(BYTES);
        assertThat(parse("{\"image\":\"" + b64 + "\"}", BYTES.length).image()).hasSize(BYTES.length);
        assertThat(kindOf(() -> parse("{\"image\":\"" + b64 + "\"}", BYTES.length - 1))).isEqualTo(ApiException.Kind.BODY_TOO_LARGE);
        // a body that can carry the largest image: its base64 text and room for the options
        assertThat(JsonInput.maxBodyBytes(3)).isEqualTo(4 + JsonInput.OPTIONS_ALLOWANCE_BYTES);
        assertThat(JsonInput.maxBodyBytes(4)).isEqualTo(8 + JsonInput.OPTIONS_ALLOWANCE_BYTES);
    }

    @Test
    void jsonContentTypesAreRecognised() {
        assertThat(JsonInput.isJson("application/json")).isTrue();
        assertThat(JsonInput.isJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(JsonInput.isJson("application/vnd.lector+json")).isTrue();
        assertThat(JsonInput.isJson("image/png")).isFalse();
        assertThat(JsonInput.isJson("multipart/form-data; boundary=json")).isFalse();
        assertThat(JsonInput.isJson(null)).isFalse();
    }
}
