package dev.lector.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.extract.Extraction;
import dev.lector.extract.FieldExtractor;
import dev.lector.extract.KeysExtractor;
import dev.lector.extract.Template;
import dev.lector.extract.Templates;
import dev.lector.render.FieldsJson;
import dev.lector.render.JsonRenderer;
import dev.lector.result.Page;
import dev.lector.vlm.AutoFields;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /v1/extract}: the OCR result (read, cached and limited exactly as {@code /v1/ocr})
 * with {@code fields} (and {@code pairs}, {@code items}) on each page, for {@code template} (a
 * built-in), {@code template_file} (a template from the server's folder) or {@code keys}
 * (comma-separated). What to extract is checked before the body is read: an unknown template or
 * empty keys is a 422 and costs no OCR. {@code GET /v1/templates} lists what may be named.
 */
final class ExtractRoutes {

    private final OcrRoutes ocr;
    private final Map<String, Template> userTemplates;
    private final AtomicInteger inFlight;

    ExtractRoutes(OcrRoutes ocr, Map<String, Template> userTemplates, AtomicInteger inFlight) {
        this.ocr = ocr;
        this.userTemplates = Map.copyOf(userTemplates);
        this.inFlight = inFlight;
    }

    /**
     * Answers the request; with {@code auto} (for {@code engine=auto}) the fields the rules missed or
     * that failed their checks are asked of the VLM back end, one request per page, and each field
     * says which engine found it. A back end that fails or is busy leaves the rules' fields, with the
     * reason in the page's {@code vlm_error}.
     */
    void extract(Context ctx, VlmRoutes auto) throws Exception {
        String requestId = RequestIds.of(ctx);
        FieldExtractor extractor;
        try {
            extractor = extractor(name -> OcrRoutes.param(ctx, name));
            if (auto != null && !auto.configured()) throw new ApiException(ApiException.Kind.NOT_READY, VlmRoutes.NOT_CONFIGURED);
            if (auto != null && extractor.fieldNames().isEmpty()) {
                throw new ApiException(ApiException.Kind.BAD_OPTION, "engine=auto needs named fields (a template of kind fields, or keys); '"
                        + extractor.name() + "' reports whatever the page holds");
            }
        } catch (ApiException e) {
            drain(ctx);
            throw e;
        }
        inFlight.incrementAndGet();
        try {
            OcrRoutes.Answer a = ocr.answer(ctx);
            ObjectNode out = JsonRenderer.document(a.document());
            ArrayNode pages = (ArrayNode) out.get("pages");
            List<Page> ps = a.document().pages();
            for (int i = 0; i < ps.size(); i++) {
                ObjectNode page = (ObjectNode) pages.get(i);
                Extraction rules = extractor.extract(ps.get(i));
                if (auto == null) FieldsJson.addTo(page, rules);
                else {
                    int number = ps.get(i).number();
                    AutoFields.addTo(page, extractor, rules, wanted -> auto.fields(a.body(), number, wanted));
                }
            }
            out.put("template", extractor.name());
            if (auto != null) out.put("engine", "auto");
            ocr.addPreviews(ctx, out, a);
            out.put("request_id", requestId);
            out.put("cached", a.cached());
            ctx.contentType("application/json").result(out.toString());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * {@code GET /v1/templates}: {@code {"templates":[{"name","source":"built_in"|"folder","parameter":
     * "template"|"template_file","kind","fields":[...],"items"}]}}, built-ins first, then the server's
     * folder sorted by name (what the web page's picker offers; {@code keys} needs no listing).
     */
    void templates(Context ctx) {
        ObjectNode out = JsonRenderer.mapper().createObjectNode();
        ArrayNode list = out.putArray("templates");
        for (String name : Templates.BUILT_IN) describe(list.addObject(), Templates.builtIn(name), "built_in", "template");
        userTemplates.keySet().stream().sorted()
                .forEach(name -> describe(list.addObject(), userTemplates.get(name), "folder", "template_file"));
        ctx.contentType("application/json").result(out.toString());
    }

    private static ObjectNode describe(ObjectNode n, Template t, String source, String parameter) {
        n.put("name", t.name()).put("source", source).put("parameter", parameter).put("kind", t.kind());
        ArrayNode fields = n.putArray("fields");
        t.fields().forEach(f -> fields.add(f.name()));
        n.put("items", t.items());
        return n;
    }

    /**
     * Reads and drops what is left of a refused request's body (up to 32 MiB), so the connection
     * stays usable for the client's next request.
     */
    private static void drain(Context ctx) {
        try (java.io.InputStream in = ctx.req().getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            long left = 32L << 20;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) left -= n;
        } catch (java.io.IOException | IllegalStateException e) {
            // the body was already read (multipart) or the client went away: nothing to drain
        }
    }

    /** The template (built-in or from the server's folder) or keys the parameters name, or a 422 (also for jobs). */
    FieldExtractor extractor(java.util.function.Function<String, String> param) {
        String template = param.apply("template");
        String file = param.apply("template_file");
        String keys = param.apply("keys");
        int given = (template != null ? 1 : 0) + (file != null ? 1 : 0) + (keys != null ? 1 : 0);
        if (given != 1) {
            throw new ApiException(ApiException.Kind.BAD_OPTION, given == 0
                    ? "say what to extract: template (" + String.join(", ", Templates.BUILT_IN) + "), template_file or keys"
                    : "give only one of template, template_file and keys");
        }
        if (template != null) {
            if (!Templates.isBuiltIn(template)) {
                throw new ApiException(ApiException.Kind.BAD_OPTION, "unknown template '" + template + "': use one of "
                        + String.join(", ", Templates.BUILT_IN) + (userTemplates.isEmpty() ? "" : ", or template_file for your own"));
            }
            return Templates.extractor(template);
        }
        if (file != null) {
            Template t = userTemplates.get(file);
            if (t == null) {
                throw new ApiException(ApiException.Kind.BAD_OPTION, userTemplates.isEmpty()
                        ? "this server has no template folder (lector serve --templates DIR)"
                        : "no template '" + file + "' in the server's folder: " + String.join(", ", userTemplates.keySet().stream().sorted().toList()));
            }
            return Templates.extractor(t);
        }
        List<String> ks = Arrays.stream(keys.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
        if (ks.isEmpty()) throw new ApiException(ApiException.Kind.BAD_OPTION, "keys is empty: name at least one key, e.g. keys=Invoice No,Total");
        try {
            return new KeysExtractor(ks);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiException.Kind.BAD_OPTION, e.getMessage());
        }
    }
}
