package dev.lector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.extract.Extraction;
import dev.lector.extract.FieldExtractor;
import dev.lector.image.PageRange;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.render.FieldsJson;
import dev.lector.render.JsonRenderer;
import dev.lector.result.Page;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lector extract}: reads files and prints the fields of each page, as JSON objects
 * {@code {"image","page","template","fields":{...},"pairs"?,"items"?}}.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract fields (receipts, invoices, ID cards, passports, forms, your own keys) from images and PDFs.")
final class ExtractCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Image/PDF files or directories.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    FieldOptions fieldOptions;

    @Option(names = {"-f", "--format"}, defaultValue = "json", description = "json (one pretty object per page) or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-r", "--recursive"}, description = "Descend into sub-directories.")
    boolean recursive;

    @Option(names = "--pages", defaultValue = "all", description = "PDF pages to read, e.g. 1-3,5 (default ${DEFAULT-VALUE}).")
    String pages;

    @Option(names = "--from-jsonl", paramLabel = "FILE",
            description = "Extract from pages saved by 'lector ocr --format jsonl' instead of reading images (no models load).")
    Path fromJsonl;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--engine", defaultValue = "ppocr", paramLabel = "ppocr|vlm|auto",
            description = "ppocr: PP-OCR on this machine and the rule-based extractors (default); vlm: ask a vision-language model behind --vlm-url for --keys; "
                    + "auto: the rules first, the model only for fields they missed or that failed their checks (each field says which engine found it).")
    String engine;

    @Mixin
    VlmOptions vlm;

    @Override
    public Integer call() throws Exception {
        boolean auto = engine != null && engine.trim().equalsIgnoreCase("auto");
        if (!auto && VlmOcr.selected(engine)) {
            if (fieldOptions.keys == null || fieldOptions.template != null || fieldOptions.templateFile != null) {
                throw new IllegalArgumentException("--engine vlm extracts --keys only; templates run on the PP-OCR engine");
            }
            if (fromJsonl != null) throw new IllegalArgumentException("--from-jsonl needs the PP-OCR engine");
            return VlmExtract.run(vlm, List.of(fieldOptions.keys), paths, recursive, pages, format);
        }
        FieldExtractor extractor = fieldOptions.extractor(null);
        if (auto && fromJsonl != null) throw new IllegalArgumentException("--engine auto reads the images: it cannot work from --from-jsonl");
        AutoExtract fallback = auto ? new AutoExtract(vlm, extractor) : null;
        boolean jsonl = switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> false;
            case "jsonl" -> true;
            default -> throw new IllegalArgumentException("unknown format '" + format + "': use json or jsonl");
        };
        PageRange range = PageRange.parse(pages);
        if (fromJsonl == null && paths.isEmpty()) throw new IllegalArgumentException("give the files to read (or --from-jsonl FILE)");
        if (fromJsonl != null && !paths.isEmpty()) throw new IllegalArgumentException("give either files or --from-jsonl, not both");
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
        int failures = 0;
        if (fromJsonl != null) {
            for (Map.Entry<String, List<Page>> e : SavedPages.read(fromJsonl).entrySet()) {
                for (Page p : e.getValue()) print(out, e.getKey(), p, extractor.extract(p), jsonl);
            }
            out.flush();
            return 0;
        }
        OcrOptions options = engineOptions.ocrOptions();
        try (AutoExtract closeFallback = fallback;
             OcrEngine engine = OcrEngine.open(engineOptions.engineConfig());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            int window = Math.max(2, engine.config().workers() * 2);
            Deque<Future<Object>> inFlight = new ArrayDeque<>();
            Deque<Path> names = new ArrayDeque<>();
            Iterator<Path> files = InputFiles.expand(paths, recursive).iterator();
            while (files.hasNext() || !inFlight.isEmpty()) {
                while (files.hasNext() && inFlight.size() < window) {
                    Path p = files.next();
                    names.add(p);
                    inFlight.add(pool.submit(() -> read(engine, p, range, options)));
                }
                Path p = names.removeFirst();
                Object r = inFlight.removeFirst().get();
                if (r instanceof String error) {
                    failures++;
                    System.err.println("lector: " + p + ": " + error);
                    continue;
                }
                Read read = (Read) r;
                for (Page page : read.pages()) {
                    if (fallback == null) {
                        print(out, p.getFileName().toString(), page, extractor.extract(page), jsonl);
                        continue;
                    }
                    ObjectNode n = JsonRenderer.mapper().createObjectNode().put("image", p.getFileName().toString()).put("page", page.number());
                    String error = fallback.addTo(n, read.bytes(), page);
                    if (error != null) {
                        failures++;
                        System.err.println("lector: " + p + ": page " + page.number() + ": " + error);
                    }
                    out.println(jsonl ? n.toString() : n.toPrettyString());
                }
                out.flush();
            }
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private static Object read(OcrEngine engine, Path p, PageRange range, OcrOptions options) {
        try {
            if (!Files.isRegularFile(p)) return Files.exists(p) ? "not a regular file" : "no such file";
            List<Page> pages = new ArrayList<>();
            byte[] bytes = Files.readAllBytes(p);
            engine.read(bytes, range, options, pages::add);
            return new Read(bytes, pages);
        } catch (java.io.IOException e) {
            return "cannot read: " + e.getMessage();
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    /** A file's bytes (the auto engine sends pages of them to the model) and its read pages. */
    private record Read(byte[] bytes, List<Page> pages) {}

    private static void print(PrintStream out, String image, Page page, Extraction e, boolean jsonl) {
        ObjectNode n = JsonRenderer.mapper().createObjectNode();
        n.put("image", image);
        n.put("page", page.number());
        FieldsJson.addTo(n, e);
        out.println(jsonl ? n.toString() : n.toPrettyString());
    }
}
