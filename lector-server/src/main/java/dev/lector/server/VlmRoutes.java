package dev.lector.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.image.InputException;
import dev.lector.image.PageRange;
import dev.lector.render.JsonRenderer;
import dev.lector.render.TextRenderer;
import dev.lector.result.Document;
import dev.lector.result.Page;
import dev.lector.vlm.BackendStatus;
import dev.lector.vlm.Completion;
import dev.lector.vlm.PageAnswer;
import dev.lector.vlm.VlmConfig;
import dev.lector.vlm.VlmFields;
import dev.lector.vlm.VlmReader;
import dev.lector.vlm.VlmTask;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The VLM endpoints: {@code POST /v1/ocr?engine=vlm}, {@code POST /v1/parse},
 * {@code POST /v1/translate?to=en|zh}, and {@link #extract} for {@code POST /v1/extract?engine=vlm}.
 * They have their own admission, apart from PP-OCR's page and body budgets: at most
 * {@value #WAITING_PER_SLOT} requests per back-end slot are held at once (429 above), and each
 * waits only for the VLM client's own slots, so a slow or hanging model never holds what PP-OCR
 * requests need. Each page is bounded by the VLM timeouts rather than the server's request
 * deadline. Without a configured back end they answer 503.
 */
final class VlmRoutes {

    /** Requests admitted per concurrent back-end slot (the rest wait for a slot inside the client). */
    static final int WAITING_PER_SLOT = 4;

    static final String NOT_CONFIGURED = "no VLM back end is configured: start lector serve with --vlm-url URL (or LECTOR_VLM_URL)";

    private final VlmReader reader;
    private final OcrRoutes ocr;
    private final AtomicInteger inFlight;
    private final Semaphore admitted;

    /** {@code reader} null: no VLM back end. */
    VlmRoutes(VlmReader reader, OcrRoutes ocr, AtomicInteger inFlight) {
        this.reader = reader;
        this.ocr = ocr;
        this.inFlight = inFlight;
        this.admitted = new Semaphore(reader == null ? 1 : reader.config().maxConcurrent() * WAITING_PER_SLOT);
    }

    boolean configured() {
        return reader != null;
    }

    /** Which engine a request asks for with {@code engine=}. */
    enum Engine { PPOCR, VLM, AUTO }

    /** {@code engine=}: {@code ppocr} (the default), {@code vlm}, or {@code auto} where {@code autoAllowed}; else 422. */
    static Engine engine(Context ctx, boolean autoAllowed) {
        String e = OcrRoutes.param(ctx, "engine");
        if (e == null) return Engine.PPOCR;
        return switch (e.trim().toLowerCase(Locale.ROOT)) {
            case "", "ppocr", "pp-ocr" -> Engine.PPOCR;
            case "vlm" -> Engine.VLM;
            case "auto" -> {
                if (!autoAllowed) throw new ApiException(ApiException.Kind.BAD_OPTION, "engine=auto is for /v1/extract: use ppocr or vlm here");
                yield Engine.AUTO;
            }
            default -> throw new ApiException(ApiException.Kind.BAD_OPTION,
                    "engine must be ppocr, vlm" + (autoAllowed ? " or auto" : "") + ", not '" + e + "'");
        };
    }

    /** Whether {@code engine=} asks for the VLM ({@code ppocr}, the default, or {@code vlm}; else 422). */
    static boolean wantsVlm(Context ctx) {
        return engine(ctx, false) == Engine.VLM;
    }

    /**
     * The model's values for {@code keys} on page {@code page} of {@code body}, for {@code engine=auto}
     * on the extract route, under this back end's admission (busy: {@link dev.lector.batch.OverloadedException}).
     */
    VlmFields fields(byte[] body, int page, List<String> keys) {
        if (reader == null) throw new ApiException(ApiException.Kind.NOT_READY, NOT_CONFIGURED);
        if (!admitted.tryAcquire()) {
            throw new dev.lector.batch.OverloadedException("the VLM back end is busy (" + reader.config().maxConcurrent() * WAITING_PER_SLOT
                    + " requests admitted)");
        }
        try {
            List<PageAnswer<VlmFields>> a = reader.extract(body, PageRange.single(page), keys);
            return a.isEmpty() ? null : a.getFirst().value();
        } finally {
            admitted.release();
        }
    }

    /** {@code POST /v1/ocr?engine=vlm}: the same envelope as PP-OCR's, plus {@code engine} and {@code vlm}. */
    void ocr(Context ctx) throws Exception {
        run(ctx, (body, pages, id) -> {
            List<PageAnswer<Page>> answers = reader.ocr(body, pages);
            Document doc = new Document(answers.stream().map(PageAnswer::value).toList());
            if (isText(ctx)) {
                ctx.contentType("text/plain; charset=utf-8").result(TextRenderer.render(doc));
                return;
            }
            ObjectNode out = JsonRenderer.document(doc);
            out.put("request_id", id);
            out.put("cached", false);
            out.put("engine", "vlm");
            out.set("vlm", usage(answers));
            ctx.contentType("application/json").result(out.toString());
        });
    }

    /** {@code POST /v1/parse}: Markdown per page ({@code format=markdown} answers the Markdown alone). */
    void parse(Context ctx) throws Exception {
        run(ctx, (body, pages, id) -> {
            List<PageAnswer<String>> answers = reader.parse(body, pages);
            String all = join(answers);
            String f = format(ctx, "markdown", "md", "text");
            if (f != null) {
                ctx.contentType("text/markdown; charset=utf-8").result(all);
                return;
            }
            ctx.contentType("application/json").result(textEnvelope(answers, "markdown", all, id).toString());
        });
    }

    /** {@code POST /v1/translate?to=en|zh}: the translated text per page. */
    void translate(Context ctx) throws Exception {
        String to = OcrRoutes.param(ctx, "to");
        if (to == null) throw new ApiException(ApiException.Kind.BAD_OPTION, "translate needs to=en or to=zh");
        VlmTask task;
        try {
            task = VlmTask.translateTo(to);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiException.Kind.BAD_OPTION, e.getMessage());
        }
        run(ctx, (body, pages, id) -> {
            List<PageAnswer<String>> answers = reader.translate(body, pages, task);
            String all = join(answers);
            if (format(ctx, "text") != null) {
                ctx.contentType("text/plain; charset=utf-8").result(all);
                return;
            }
            ObjectNode out = textEnvelope(answers, "text", all, id);
            out.put("to", task == VlmTask.TRANSLATE_EN ? "en" : "zh");
            ctx.contentType("application/json").result(out.toString());
        });
    }

    /**
     * {@code POST /v1/extract?engine=vlm&keys=K1,K2}: {@code {"pages":[{"page","fields":{KEY:{"value","engine"}}}]}}.
     * For the extract route to call when {@link #wantsVlm} (not installed by itself).
     */
    void extract(Context ctx) throws Exception {
        String raw = OcrRoutes.param(ctx, "keys");
        List<String> keys = raw == null ? List.of()
                : Arrays.stream(raw.split(",")).map(String::strip).filter(k -> !k.isEmpty()).distinct().toList();
        if (keys.isEmpty()) throw new ApiException(ApiException.Kind.BAD_OPTION, "keys must name at least one field, e.g. keys=Invoice No,Total");
        run(ctx, (body, pages, id) -> {
            List<PageAnswer<VlmFields>> answers = reader.extract(body, pages, keys);
            ObjectNode out = JsonRenderer.mapper().createObjectNode();
            ArrayNode ps = out.putArray("pages");
            for (PageAnswer<VlmFields> a : answers) {
                ObjectNode p = ps.addObject().put("page", a.page()).put("width", a.width()).put("height", a.height());
                p.set("fields", a.value().toJson());
                completion(p, a.completion());
            }
            out.put("engine", "vlm");
            out.put("model", reader.client().modelName());
            out.put("request_id", id);
            ctx.contentType("application/json").result(out.toString());
        });
    }

    /** {@code {"url","model","reachable",...}} for /health/ready and /v1/models (the API key never appears). */
    ObjectNode describe(boolean settings) {
        ObjectNode n = JsonRenderer.mapper().createObjectNode();
        VlmConfig c = reader.config();
        BackendStatus s = reader.status();
        n.put("url", c.baseUrl().toString());
        n.put("model", s.model() != null ? s.model() : reader.client().modelName());
        n.put("reachable", s.reachable());
        if (s.message() != null) n.put("message", s.message());
        if (s.checkedAtMillis() > 0) n.put("checked_at_ms", s.checkedAtMillis());
        n.put("in_flight", reader.client().inFlight());
        if (settings) {
            ArrayNode ids = n.putArray("models");
            s.models().forEach(ids::add);
            ObjectNode st = n.putObject("settings");
            st.put("prompts", c.prompts().name());
            st.put("stream", c.stream());
            st.put("max_concurrent", c.maxConcurrent());
            st.put("max_admitted", c.maxConcurrent() * WAITING_PER_SLOT);
            st.put("connect_timeout_ms", c.connectTimeout().toMillis());
            st.put("first_token_timeout_ms", c.firstTokenTimeout().toMillis());
            st.put("timeout_ms", c.totalTimeout().toMillis());
            st.put("retries", c.retries());
            st.put("max_tokens", c.sampling().maxTokens());
            st.put("temperature", c.sampling().temperature());
            st.put("coordinates", c.coordinates().name().toLowerCase(Locale.ROOT));
            st.put("api_key", c.apiKey() != null);
        }
        return n;
    }

    @FunctionalInterface
    private interface Handler {
        void handle(byte[] body, PageRange pages, String requestId) throws Exception;
    }

    private void run(Context ctx, Handler h) throws Exception {
        if (reader == null) {
            throw new ApiException(ApiException.Kind.NOT_READY, NOT_CONFIGURED);
        }
        String id = RequestIds.of(ctx);
        PageRange pages = pages(ctx);
        if (!admitted.tryAcquire()) {
            throw new dev.lector.batch.OverloadedException(reader.config().maxConcurrent() * WAITING_PER_SLOT
                    + " VLM requests are already admitted (" + reader.config().maxConcurrent() + " at the back end, the rest waiting): retry later");
        }
        inFlight.incrementAndGet();
        try {
            h.handle(ocr.readBody(ctx), pages, id);
        } finally {
            inFlight.decrementAndGet();
            admitted.release();
        }
    }

    private static PageRange pages(Context ctx) {
        String p = OcrRoutes.param(ctx, "pages");
        if (p == null) return PageRange.ALL;
        try {
            return PageRange.parse(p);
        } catch (InputException e) {
            throw new ApiException(ApiException.Kind.BAD_OPTION, e.getMessage());
        }
    }

    private static boolean isText(Context ctx) {
        return format(ctx, "text", "txt") != null;
    }

    /** The {@code format} parameter when it is one of {@code alternatives}; null for json or none; 422 otherwise. */
    private static String format(Context ctx, String... alternatives) {
        String f = OcrRoutes.param(ctx, "format");
        if (f == null || f.trim().equalsIgnoreCase("json")) return null;
        String v = f.trim().toLowerCase(Locale.ROOT);
        for (String a : alternatives) if (a.equals(v)) return v;
        throw new ApiException(ApiException.Kind.BAD_OPTION, "format must be json or " + String.join(" or ", alternatives) + ", not '" + f + "'");
    }

    private static String join(List<PageAnswer<String>> answers) {
        List<String> parts = new ArrayList<>();
        for (PageAnswer<String> a : answers) parts.add(a.value());
        return String.join(Document.PAGE_SEPARATOR, parts);
    }

    private ObjectNode textEnvelope(List<PageAnswer<String>> answers, String field, String all, String id) {
        ObjectNode out = JsonRenderer.mapper().createObjectNode();
        ArrayNode ps = out.putArray("pages");
        for (PageAnswer<String> a : answers) {
            ObjectNode p = ps.addObject().put("page", a.page()).put("width", a.width()).put("height", a.height()).put(field, a.value());
            completion(p, a.completion());
        }
        out.put(field, all);
        out.put("engine", "vlm");
        out.put("model", reader.client().modelName());
        out.put("request_id", id);
        return out;
    }

    private ObjectNode usage(List<? extends PageAnswer<?>> answers) {
        ObjectNode n = JsonRenderer.mapper().createObjectNode();
        n.put("model", reader.client().modelName());
        ArrayNode ps = n.putArray("pages");
        for (PageAnswer<?> a : answers) completion(ps.addObject().put("page", a.page()), a.completion());
        return n;
    }

    private static void completion(ObjectNode n, Completion c) {
        n.put("finish", c.finish());
        if (c.promptTokens() >= 0) n.put("tokens_in", c.promptTokens());
        if (c.completionTokens() >= 0) n.put("tokens_out", c.completionTokens());
        n.put("ms", Math.round(c.millis() * 10) / 10.0);
    }
}
