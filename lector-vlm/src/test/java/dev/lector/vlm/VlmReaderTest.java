package dev.lector.vlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.geometry.Quad;
import dev.lector.image.ImageLimits;
import dev.lector.image.PageRange;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client and reader against {@link FakeOpenAiServer}: each answer and failure mode of the protocol. */
class VlmReaderTest {

    private static final byte[] PNG = VlmTestImages.image(800, 600, "png");
    private FakeOpenAiServer fake;
    private final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        fake = new FakeOpenAiServer("tencent/HunyuanOCR");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private VlmConfig config() {
        return VlmConfig.hunyuan(fake.baseUrl(), fake.model()).withRetries(3, Duration.ofMillis(20))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    private VlmReader reader(VlmConfig c) {
        return new VlmReader(c, ImageLimits.DEFAULT, (task, status, ms, in, out) -> events.add(task.key() + ":" + status + ":" + in + ":" + out));
    }

    @Test
    void spottingSendsTheOfficialRequestAndMapsTheGridToPixels() {
        String answer = "Hello World(100,200),(500,250)Total 12.00(600,800),(900,850)";
        fake.then(new FakeOpenAiServer.Answer(answer));
        try (VlmReader r = reader(config())) {
            List<PageAnswer<Page>> pages = r.ocr(PNG, PageRange.ALL);
            Page p = pages.getFirst().value();
            assertThat(p.width()).isEqualTo(800);
            assertThat(p.height()).isEqualTo(600);
            assertThat(p.lines()).extracting(Line::text).containsExactly("Hello World", "Total 12.00");
            Quad b = p.lines().getFirst().box();
            assertThat(new double[] {b.minX(), b.minY(), b.maxX(), b.maxY()}).containsExactly(80, 120, 400, 150);
            assertThat(p.lines().getFirst().words()).isEmpty();
            assertThat(p.text()).contains("Hello World").contains("Total 12.00");
            assertThat(p.model().det()).isEqualTo("vlm:tencent/HunyuanOCR");
            assertThat(pages.getFirst().completion().finish()).isEqualTo("stop");
        }
        FakeOpenAiServer.Request req = fake.chatRequests().getFirst();
        assertThat(req.problem()).isNull();
        assertThat(req.path()).isEqualTo("/v1/chat/completions");
        assertThat(req.model()).isEqualTo("tencent/HunyuanOCR");
        assertThat(req.mediaType()).isEqualTo("image/png");
        assertThat(req.image()).isEqualTo(PNG);
        assertThat(req.prompt()).isEqualTo("检测并识别图片中的文字，将文本坐标格式化输出。");
        assertThat(req.system()).isEmpty();
        assertThat(req.temperature()).isEqualTo(0.0);
        assertThat(req.stream()).isTrue();
        assertThat(req.body().path("top_k").asInt()).isEqualTo(-1);
        assertThat(req.body().path("repetition_penalty").asDouble()).isEqualTo(1.08);
        assertThat(req.body().path("max_tokens").asInt()).isEqualTo(4096);
        assertThat(req.authorization()).isNull();
        // tokens as the fake's usage reports them: one per 7-character chunk
        assertThat(events).containsExactly("spot:ok:1000:" + (answer.length() + 6) / 7);
    }

    @Test
    void spottingAsFencedJsonAfterALeadingWordAndWithoutStreaming() {
        fake.then(new FakeOpenAiServer.Answer("Here you are:\n```json\n[{\"box\":[0,0,500,100],\"text\":\"A\"},{\"box\":[500,500,1000,1000],\"text\":\"B\",},]\n```"));
        try (VlmReader r = reader(config().withStream(false).withPrompts(PromptSet.GENERIC).withSampling(SamplingParams.GENERIC))) {
            Page p = r.ocr(PNG, PageRange.ALL).getFirst().value();
            assertThat(p.lines()).extracting(Line::text).containsExactly("A", "B");
            Quad b = p.lines().get(1).box();
            assertThat(new double[] {b.minX(), b.minY(), b.maxX(), b.maxY()}).containsExactly(400, 300, 800, 600);
        }
        FakeOpenAiServer.Request req = fake.chatRequests().getFirst();
        assertThat(req.stream()).isFalse();
        assertThat(req.prompt()).isEqualTo(PromptSet.GENERIC.spot());
        assertThat(req.system()).isNull();
        assertThat(req.body().has("top_k")).isFalse();
        assertThat(req.body().has("repetition_penalty")).isFalse();
    }

    @Test
    void coordinatesOutsideTheGridAreClampedToTheImage() {
        fake.then(new FakeOpenAiServer.Answer("Edge(-20,950),(1200,1010)"));
        try (VlmReader r = reader(config())) {
            Quad b = r.ocr(PNG, PageRange.ALL).getFirst().value().lines().getFirst().box();
            assertThat(new double[] {b.minX(), b.minY(), b.maxX(), b.maxY()}).containsExactly(0, 570, 800, 600);
        }
    }

    @Test
    void jpegIsSentAsJpegAndBmpAsPng() {
        byte[] jpg = VlmTestImages.image(320, 200, "jpg");
        byte[] bmp = VlmTestImages.image(320, 200, "bmp");
        fake.otherwise(req -> new FakeOpenAiServer.Answer("x(0,0),(10,10)"));
        try (VlmReader r = reader(config())) {
            r.ocr(jpg, PageRange.ALL);
            r.ocr(bmp, PageRange.ALL);
        }
        assertThat(fake.chatRequests()).extracting(FakeOpenAiServer.Request::mediaType).containsExactly("image/jpeg", "image/png");
        assertThat(fake.chatRequests().getFirst().image()).isEqualTo(jpg);
    }

    @Test
    void parseStreamsMarkdownInChunksEndingWithDone() {
        fake.then(new FakeOpenAiServer.Chunks(List.of("# Ti", "tle\n\n", "Some **bold** text."), true));
        try (VlmReader r = reader(config())) {
            assertThat(r.parse(PNG, PageRange.ALL).getFirst().value()).isEqualTo("# Title\n\nSome **bold** text.");
        }
        assertThat(fake.chatRequests().getFirst().prompt()).isEqualTo(
                "提取文档图片中正文的所有信息用markdown格式表示，其中页眉、页脚部分忽略，表格用html格式表达，文档中公式用latex格式表示，按照阅读顺序组织进行解析。");
    }

    @Test
    void translateUsesTheOfficialPromptPerLanguage() {
        fake.then(new FakeOpenAiServer.Answer("Hello world"), new FakeOpenAiServer.Answer("你好世界"));
        try (VlmReader r = reader(config())) {
            assertThat(r.translate(PNG, PageRange.ALL, VlmTask.TRANSLATE_EN).getFirst().value()).isEqualTo("Hello world");
            assertThat(r.translate(PNG, PageRange.ALL, VlmTask.TRANSLATE_ZH).getFirst().value()).isEqualTo("你好世界");
        }
        assertThat(fake.chatRequests()).extracting(FakeOpenAiServer.Request::prompt).containsExactly(
                "按照阅读顺序，提取图中文字，公式用latex格式表示，表格用markdown格式表示，再将文字内容翻译为英文。",
                "按照阅读顺序，提取图中文字，公式用latex格式表示，表格用markdown格式表示，再将文字内容翻译为中文。");
    }

    @Test
    void extractReadsFencedJsonAndLeavesMissingKeysAbsent() {
        fake.then(new FakeOpenAiServer.Answer("```json\n{\"total\": \"12.00\", \"发票号码\": \"42609332\", \"Date\": null, \"other\": \"x\"}\n```"));
        try (VlmReader r = reader(config())) {
            VlmFields f = r.extract(PNG, PageRange.ALL, List.of("Total", "发票号码", "Date", "Seller")).getFirst().value();
            assertThat(f.values()).containsExactly(java.util.Map.entry("Total", "12.00"), java.util.Map.entry("发票号码", "42609332"));
            assertThat(f.toJson().toString()).isEqualTo("{\"Total\":{\"value\":\"12.00\",\"engine\":\"vlm\"},\"发票号码\":{\"value\":\"42609332\",\"engine\":\"vlm\"}}");
        }
        assertThat(fake.chatRequests().getFirst().prompt()).isEqualTo(
                "Extract the content of the fields: ['Total', '发票号码', 'Date', 'Seller'] from the image and return it in JSON format.");
    }

    @Test
    void brokenJsonIsAnErrorQuotingTheAnswer() {
        String fields = "{\"Total\": \"12.00\", \"Date\": ", spots = "[{\"box\":[1,2,3,4],\"text\":\"a\"},{\"box\":[1,2";
        fake.then(new FakeOpenAiServer.Answer(fields), new FakeOpenAiServer.Answer(spots));
        try (VlmReader r = reader(config())) {
            assertThatThrownBy(() -> r.extract(PNG, PageRange.ALL, List.of("Total")))
                    .isInstanceOfSatisfying(VlmException.class, e -> {
                        assertThat(e.kind()).isEqualTo(VlmException.Kind.UNPARSEABLE);
                        assertThat(e.rawStart()).contains("{\"Total\": \"12.00\"");
                        assertThat(e.getMessage()).contains("not valid JSON").contains("the answer starts: \"{\"Total\"");
                    });
            assertThatThrownBy(() -> r.ocr(PNG, PageRange.ALL))
                    .isInstanceOfSatisfying(VlmException.class, e -> assertThat(e.kind()).isEqualTo(VlmException.Kind.UNPARSEABLE));
        }
        assertThat(events).containsExactly("extract:unparseable:1000:" + (fields.length() + 6) / 7,
                "spot:unparseable:1000:" + (spots.length() + 6) / 7);
    }

    @Test
    void plainTextWithoutCoordinatesIsNotASilentEmptyPage() {
        fake.then(new FakeOpenAiServer.Answer("The image shows a receipt from a shop."));
        try (VlmReader r = reader(config())) {
            assertThatThrownBy(() -> r.ocr(PNG, PageRange.ALL)).isInstanceOfSatisfying(VlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(VlmException.Kind.UNPARSEABLE);
                assertThat(e.getMessage()).contains("no text lines with coordinates").contains("The image shows a receipt");
            });
        }
    }

    @Test
    void anAnswerRepeatingOneLineIsCutAndTheClientHangsUp() {
        int bound = 200_000;
        fake.then(new FakeOpenAiServer.Repeat("Intro(10,10),(200,40)\n", "same line(10,50),(200,80)\n", bound));
        try (VlmReader r = reader(config())) {
            PageAnswer<Page> a = r.ocr(PNG, PageRange.ALL).getFirst();
            assertThat(a.completion().finish()).isEqualTo(Completion.REPETITION);
            assertThat(a.completion().truncated()).isTrue();
            assertThat(a.value().lines()).extracting(Line::text).containsExactly("Intro", "same line");
        }
        assertThat(fake.repeatPiecesSent()).isLessThan(bound);
    }

    @Test
    void theTokenCapStopsAnAnswerThatWillNotEnd() {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < 500; i++) pieces.add("w" + i + " ");
        fake.then(new FakeOpenAiServer.Chunks(pieces, true));
        try (VlmReader r = reader(config().withSampling(SamplingParams.HUNYUAN.withMaxTokens(50)))) {
            PageAnswer<String> a = r.parse(PNG, PageRange.ALL).getFirst();
            assertThat(a.completion().finish()).isEqualTo(Completion.LENGTH);
            assertThat(a.completion().completionTokens()).isEqualTo(50);
            assertThat(a.value()).startsWith("w0 w1").endsWith("w49");
        }
        assertThat(fake.chatRequests().getFirst().body().path("max_tokens").asInt()).isEqualTo(50);
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        fake.then(new FakeOpenAiServer.Status(429, "1", "slow down"), new FakeOpenAiServer.Answer("ok(0,0),(10,10)"));
        try (VlmReader r = reader(config())) {
            PageAnswer<Page> a = r.ocr(PNG, PageRange.ALL).getFirst();
            assertThat(a.completion().attempts()).isEqualTo(2);
            assertThat(a.value().lines()).extracting(Line::text).containsExactly("ok");
            assertThat(a.completion().millis()).isGreaterThanOrEqualTo(1000); // it waited as told
        }
        assertThat(fake.chatRequests()).hasSize(2);
    }

    @Test
    void aRetryAfterPastTheTimeoutFailsAtOnce() {
        fake.then(new FakeOpenAiServer.Status(429, "600", "come back later"));
        try (VlmReader r = reader(config())) {
            assertThatThrownBy(() -> r.ocr(PNG, PageRange.ALL)).isInstanceOfSatisfying(VlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(VlmException.Kind.UNAVAILABLE);
                assertThat(e.getMessage()).contains("HTTP 429").contains("come back later").contains("would pass the timeout");
            });
        }
        assertThat(fake.chatRequests()).hasSize(1);
    }

    @Test
    void serviceUnavailableThroughEveryRetryIsUnavailable() {
        fake.otherwise(req -> new FakeOpenAiServer.Status(503, null, "loading model"));
        try (VlmReader r = reader(config().withRetries(2, Duration.ofMillis(10)))) {
            assertThatThrownBy(() -> r.parse(PNG, PageRange.ALL)).isInstanceOfSatisfying(VlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(VlmException.Kind.UNAVAILABLE);
                assertThat(e.getMessage()).contains("HTTP 503").contains("loading model").contains("after 3 attempts");
            });
        }
        assertThat(fake.chatRequests()).hasSize(3);
        assertThat(events).containsExactly("parse:unavailable:-1:-1");
    }

    @Test
    void aStallBeforeTheHeadersTimesOut() {
        fake.then(new FakeOpenAiServer.Stall(Duration.ofSeconds(30), false));
        try (VlmReader r = reader(config().withTimeout(Duration.ofMillis(400)))) {
            assertThatThrownBy(() -> r.ocr(PNG, PageRange.ALL)).isInstanceOfSatisfying(VlmException.class,
                    e -> assertThat(e.kind()).isEqualTo(VlmException.Kind.TIMEOUT));
        }
    }

    @Test
    void aStallAfterTheHeadersHitsTheFirstTokenTimeout() {
        fake.then(new FakeOpenAiServer.Stall(Duration.ofSeconds(30), true));
        try (VlmReader r = reader(config().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(20)))) {
            assertThatThrownBy(() -> r.ocr(PNG, PageRange.ALL)).isInstanceOfSatisfying(VlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(VlmException.Kind.TIMEOUT);
                assertThat(e.getMessage()).contains("no token within the first-token timeout of 0.3 s");
            });
        }
    }

    @Test
    void anUnreachableBackEndIsUnreachable() {
        FakeOpenAiServer gone = new FakeOpenAiServer("m");
        java.net.URI url = gone.baseUrl();
        gone.close();
        try (VlmReader r = reader(VlmConfig.hunyuan(url, "m").withRetries(1, Duration.ofMillis(10)))) {
            assertThatThrownBy(() -> r.ocr(PNG, PageRange.ALL)).isInstanceOfSatisfying(VlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(VlmException.Kind.UNREACHABLE);
                assertThat(e.getMessage()).contains(url.toString()).contains("refused the connection");
            });
            BackendStatus s = r.client().probe();
            assertThat(s.reachable()).isFalse();
            assertThat(s.message()).contains("refused");
        }
    }

    @Test
    void aRefusedKeyIsReportedWithoutTheKey() {
        fake.then(new FakeOpenAiServer.Status(401, null, "invalid api key sk-secret-123"));
        try (VlmReader r = reader(config().withApiKey("sk-secret-123"))) {
            assertThatThrownBy(() -> r.ocr(PNG, PageRange.ALL)).isInstanceOfSatisfying(VlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(VlmException.Kind.REFUSED);
                assertThat(e.getMessage()).contains("HTTP 401").contains(VlmConfig.ENV_API_KEY).doesNotContain("sk-secret-123");
            });
            assertThat(r.config().toString()).doesNotContain("sk-secret-123");
        }
        assertThat(fake.chatRequests().getFirst().authorization()).isEqualTo("Bearer sk-secret-123");
    }

    @Test
    void aWrongModelNameIsRefused() {
        try (VlmReader r = reader(config().withModel("no-such-model"))) {
            assertThatThrownBy(() -> r.ocr(PNG, PageRange.ALL)).isInstanceOfSatisfying(VlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(VlmException.Kind.REFUSED);
                assertThat(e.getMessage()).contains("HTTP 404").contains("no-such-model");
            });
            BackendStatus s = r.client().probe();
            assertThat(s.reachable()).isFalse();
            assertThat(s.message()).contains("does not serve model 'no-such-model'");
        }
    }

    @Test
    void withoutAModelNameTheFirstListedIsUsed() {
        fake.then(new FakeOpenAiServer.Answer("x(0,0),(5,5)"));
        try (VlmReader r = reader(config().withModel(null))) {
            assertThat(r.client().probe()).satisfies(s -> {
                assertThat(s.reachable()).isTrue();
                assertThat(s.model()).isEqualTo("tencent/HunyuanOCR");
            });
            r.ocr(PNG, PageRange.ALL);
        }
        assertThat(fake.chatRequests().getFirst().model()).isEqualTo("tencent/HunyuanOCR");
    }

    @Test
    void noMoreThanTheConcurrencyLimitReachesTheBackEnd() throws Exception {
        fake.otherwise(req -> new FakeOpenAiServer.Slow(Duration.ofMillis(200), "x(0,0),(5,5)"));
        try (VlmReader r = reader(config().withMaxConcurrent(2)); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 6; i++) fs.add(pool.submit(() -> r.ocr(PNG, PageRange.ALL)));
            for (Future<?> f : fs) f.get();
        }
        assertThat(fake.chatRequests()).hasSize(6);
        assertThat(fake.maxActive()).isEqualTo(2);
    }
}
