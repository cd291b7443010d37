package dev.lector.server;

import dev.lector.image.ImageHeader;
import dev.lector.render.AltoRenderer;
import dev.lector.render.HocrRenderer;
import dev.lector.render.SearchablePdf;
import dev.lector.result.Document;
import dev.lector.result.Page;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Answers {@code POST /v1/ocr?format=pdf|hocr|alto} with a file: a searchable PDF
 * ({@code application/pdf}), hOCR ({@code application/xhtml+xml}) or ALTO ({@code application/xml}),
 * named after the upload in {@code Content-Disposition}. For a PDF input, pages that already have
 * text keep it and get no text layer unless {@code force_ocr=true}; the headers
 * {@code X-Lector-Ocr-Pages} and {@code X-Lector-Skipped-Pages} list the pages that got one and the
 * pages left alone. The Document is the request's cached one, so a PDF asked for after its JSON
 * costs no second OCR.
 */
public final class FileResponses {
    static final String OCR_PAGES_HEADER = "X-Lector-Ocr-Pages";
    static final String SKIPPED_PAGES_HEADER = "X-Lector-Skipped-Pages";

    private FileResponses() {}

    /** Answers with {@code doc} rendered as {@code format} (a file format), {@code body} being the input it was read from. */
    public static void write(Context ctx, RequestOptions.Format format, byte[] body, Document doc, int pdfDpi,
                      Function<String, String> param) {
        String name = uploadName(ctx);
        String stem = name == null ? "lector" : stem(name);
        switch (format) {
            case PDF -> {
                boolean force = bool("force_ocr", param.apply("force_ocr"));
                SearchablePdf.Result r;
                if (ImageHeader.isPdf(body)) {
                    SearchablePdf.Plan plan = SearchablePdf.plan(body, allPages(doc), force);
                    Set<Integer> ocr = new HashSet<>(plan.ocr());
                    List<Page> pages = doc.pages().stream().filter(p -> ocr.contains(p.number())).toList();
                    r = SearchablePdf.addTextLayer(body, new Document(pages), pdfDpi, plan.withText(), name);
                } else {
                    r = SearchablePdf.render(body, doc, pdfDpi, List.of(), name);
                }
                ctx.header(OCR_PAGES_HEADER, join(r.ocrPages()));
                ctx.header(SKIPPED_PAGES_HEADER, join(r.skippedPages()));
                attachment(ctx, stem + ".pdf");
                ctx.contentType(SearchablePdf.MEDIA_TYPE).result(r.pdf());
            }
            case HOCR -> {
                attachment(ctx, stem + ".hocr");
                ctx.contentType(HocrRenderer.MEDIA_TYPE + "; charset=utf-8")
                        .result(HocrRenderer.render(doc, name).getBytes(StandardCharsets.UTF_8));
            }
            case ALTO -> {
                attachment(ctx, stem + ".xml");
                ctx.contentType(AltoRenderer.MEDIA_TYPE + "; charset=utf-8")
                        .result(AltoRenderer.render(doc, name).getBytes(StandardCharsets.UTF_8));
            }
            default -> throw new IllegalArgumentException("not a file format: " + format);
        }
    }

    /** The pages the Document holds, as the range the plan is made for. */
    private static dev.lector.image.PageRange allPages(Document doc) {
        return new dev.lector.image.PageRange(doc.pages().stream()
                .map(p -> new dev.lector.image.PageRange.Span(p.number(), p.number())).toList());
    }

    private static String uploadName(Context ctx) {
        if (!ctx.isMultipartFormData()) return null;
        UploadedFile f = ctx.uploadedFile("image");
        String n = f == null ? null : f.filename();
        return n == null || n.isBlank() ? null : n;
    }

    private static void attachment(Context ctx, String filename) {
        String safe = filename.replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.header("Content-Disposition", "attachment; filename=\"" + safe + "\"");
    }

    private static String join(List<Integer> pages) {
        return pages.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static boolean bool(String name, String v) {
        if (v == null) return false;
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new ApiException(ApiException.Kind.BAD_OPTION, name + " must be true or false, not '" + v + "'");
        };
    }

    /** The file name without folder and extension. */
    static String stem(String name) {
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
