package dev.lector.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.extract.FieldExtractor;
import dev.lector.pipeline.OcrOptions;
import dev.lector.render.JsonPageReader;
import dev.lector.render.JsonRenderer;
import dev.lector.render.TextRenderer;
import dev.lector.result.Document;
import dev.lector.result.Page;
import dev.lector.server.ApiException;
import dev.lector.server.ErrorMapper;
import dev.lector.server.FileResponses;
import dev.lector.server.RequestOptions;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The job endpoints: {@code POST /v1/jobs} (202 with the id), {@code GET /v1/jobs/{id}} (status),
 * {@code GET /v1/jobs/{id}/result?format=json|text|hocr|alto|pdf}, {@code DELETE /v1/jobs/{id}}
 * (cancel). A submission takes what {@code /v1/ocr} takes ({@code task=ocr}, the default) or what
 * {@code /v1/extract} takes ({@code task=extract}), checked as they check it before anything is
 * stored; results are rendered by the same renderers. A job another key made, or one that does not
 * exist or has expired, is a 404 alike.
 */
public final class JobRoutes {

    /** The server's body reader: the image or PDF of a request within its caps (raw body or multipart field {@code image}). */
    @FunctionalInterface
    public interface BodyReader {
        byte[] read(Context ctx) throws IOException;
    }

    /** The server's parameter reader: query, then multipart field, then a JSON body's {@code options}. */
    @FunctionalInterface
    public interface ParamReader {
        String param(Context ctx, String name);
    }

    /** Parameters a job keeps, as {@code /v1/ocr} and {@code /v1/extract} read them. */
    static final List<String> PARAMS = List.of("cls", "preprocess", "page_orientation", "det_limit_side", "pages", "format",
            "force_ocr", "template", "template_file", "keys");

    private final Jobs jobs;
    private final BodyReader bodies;
    private final ParamReader params;
    private final Function<Function<String, String>, FieldExtractor> extractors;
    private final OcrOptions defaults;
    private final int maxDetSide;
    private final int maxPages;
    private final int pdfDpi;
    private final boolean keys;

    /**
     * @param extractors the field extractor a request's parameters name ({@code template}, {@code template_file}
     *                   or {@code keys}), or an {@link ApiException} (422)
     * @param keys       whether the server has API keys (then each job belongs to its key)
     */
    public JobRoutes(Jobs jobs, BodyReader bodies, ParamReader params, Function<Function<String, String>, FieldExtractor> extractors,
                     OcrOptions defaults, int maxDetSide, int maxPages, int pdfDpi, boolean keys) {
        this.jobs = jobs;
        this.bodies = bodies;
        this.params = params;
        this.extractors = extractors;
        this.defaults = defaults;
        this.maxDetSide = maxDetSide;
        this.maxPages = maxPages;
        this.pdfDpi = pdfDpi;
        this.keys = keys;
    }

    /** How to read a job: its stored parameters parsed as a request's would be. */
    public static Function<Job, JobPlan> plans(OcrOptions defaults, int maxDetSide, Function<Function<String, String>, FieldExtractor> extractors) {
        return job -> {
            Function<String, String> p = job.params()::get;
            OcrOptions ocr = RequestOptions.parse(p, defaults, maxDetSide).ocr();
            return new JobPlan(ocr, job.task() == JobTask.EXTRACT ? extractors.apply(p) : null);
        };
    }

    /** {@code POST /v1/jobs}. */
    public void submit(Context ctx) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        JobTask task;
        String callback;
        try {
            String engine = param(ctx, "engine");
            if (engine != null && !engine.isBlank() && !engine.trim().equalsIgnoreCase("ppocr") && !engine.trim().equalsIgnoreCase("pp-ocr")) {
                throw bad("jobs run the PP-OCR engine; engine=" + engine + " is not available for jobs");
            }
            try {
                String t = param(ctx, "task");
                task = t == null ? JobTask.OCR : JobTask.of(t);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
            for (String name : PARAMS) {
                String v = param(ctx, name);
                if (v != null) params.put(name, v);
            }
            RequestOptions.parse(params::get, defaults, maxDetSide); // 422 now, not a failed job later
            if (task == JobTask.EXTRACT) extractors.apply(params::get);
            callback = param(ctx, "callback_url");
            if (callback != null) {
                try {
                    jobs.checkCallback(callback);
                } catch (IllegalArgumentException e) {
                    throw bad(e.getMessage());
                }
            }
            jobs.checkRoom();
        } catch (ApiException | JobRefusedException e) {
            drain(ctx);
            throw e;
        }
        byte[] body = bodies.read(ctx);
        List<Integer> pages = JobInputs.selectPages(body, RequestOptions.parse(params::get, defaults, maxDetSide).pages(), maxPages);
        Job job = jobs.submit(owner(ctx), task, params, pages, body, callback);
        ObjectNode out = JsonRenderer.mapper().createObjectNode();
        out.put("id", job.id());
        out.put("status", job.status().key());
        out.put("pages_total", job.pagesTotal());
        out.put("status_url", JobJson.statusUrl(job.id()));
        out.put("result_url", JobJson.statusUrl(job.id()) + "/result");
        ctx.status(202).header("Location", JobJson.statusUrl(job.id())).contentType("application/json").result(out.toString());
    }

    /** {@code GET /v1/jobs/{id}}. */
    public void status(Context ctx) {
        Job j = job(ctx);
        ctx.contentType("application/json").result(JobJson.status(j, jobs.config().ttl()).toString());
    }

    /** {@code DELETE /v1/jobs/{id}}: cancels a queued or running job; one that is done or failed is a 409. */
    public void cancel(Context ctx) {
        Job before = job(ctx);
        Job j = jobs.cancel(before.id(), before.owner()).orElseThrow(() -> notFound(before.id()));
        if (j.status() != JobStatus.CANCELLED) {
            ErrorMapper.write(new ErrorMapper.ApiError(409, "job_finished", "job " + j.id() + " has already ended ("
                    + j.status().key() + "); it can no longer be cancelled"), ctx);
            return;
        }
        ctx.contentType("application/json").result(JobJson.status(j, jobs.config().ttl()).toString());
    }

    /** {@code GET /v1/jobs/{id}/result}: the result in {@code format} (else the submission's, else JSON); 409 until done. */
    public void result(Context ctx) throws Exception {
        Job j = job(ctx);
        if (j.status() != JobStatus.DONE) {
            String why = switch (j.status()) {
                case FAILED -> "job " + j.id() + " failed: " + (j.error() == null ? "unknown error" : j.error().message());
                case CANCELLED -> "job " + j.id() + " was cancelled";
                default -> "job " + j.id() + " is " + j.status().key() + " (" + j.pagesDone() + " of " + j.pagesTotal()
                        + " pages done): poll " + JobJson.statusUrl(j.id());
            };
            ErrorMapper.write(new ErrorMapper.ApiError(409, "job_not_done", why), ctx);
            return;
        }
        Function<String, String> param = name -> {
            String v = ctx.queryParam(name);
            return v != null ? v : j.params().get(name);
        };
        RequestOptions.Format format = RequestOptions.parse(name -> name.equals("format") ? param.apply(name) : null,
                defaults, maxDetSide).format();
        List<JsonNode> stored = new ArrayList<>();
        for (String s : jobs.pages(j.id()).values()) stored.add(JsonRenderer.mapper().readTree(s));
        List<Page> pages = stored.stream().map(JsonPageReader::page).toList();
        Document doc = new Document(pages);
        switch (format) {
            case JSON -> {
                ObjectNode out = JsonRenderer.mapper().createObjectNode();
                out.put("id", j.id());
                out.put("task", j.task().key());
                ArrayNode arr = out.putArray("pages");
                stored.forEach(arr::add);
                out.put("text", doc.text());
                if (j.task() == JobTask.EXTRACT) out.put("template", extractors.apply(j.params()::get).name());
                ctx.contentType("application/json").result(out.toString());
            }
            case TEXT -> ctx.contentType("text/plain; charset=utf-8").result(TextRenderer.render(doc));
            default -> FileResponses.write(ctx, format, jobs.input(j.id()), doc, pdfDpi, param);
        }
    }

    private Job job(Context ctx) {
        String id = ctx.pathParam("id");
        return jobs.find(id, owner(ctx)).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return new ApiException(ApiException.Kind.NOT_FOUND, "no job '" + (JobIds.wellFormed(id) ? id : "?") + "'");
    }

    /** The job owner: a hash of the request's API key (the server checked it), or empty without keys. */
    private String owner(Context ctx) {
        if (!keys) return "";
        String auth = ctx.header("Authorization");
        String key = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String param(Context ctx, String name) {
        return params.param(ctx, name);
    }

    private static ApiException bad(String message) {
        return new ApiException(ApiException.Kind.BAD_OPTION, message);
    }

    /** Reads and drops what is left of a refused submission's body (up to 32 MiB), keeping the connection usable. */
    private static void drain(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            long left = 32L << 20;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) left -= n;
        } catch (IOException | IllegalStateException e) {
            // already read (multipart) or the client went away
        }
    }

    /** Writes a refusal for lack of room: 429 with Retry-After, or 507. */
    public static void refused(JobRefusedException e, Context ctx) {
        ErrorMapper.write(new ErrorMapper.ApiError(e.status(), e.code(), e.getMessage()), ctx);
        if (e.retryAfterSeconds() > 0) ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
    }
}
