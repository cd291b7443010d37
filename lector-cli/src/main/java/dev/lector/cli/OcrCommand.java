package dev.lector.cli;

import dev.lector.image.PageRange;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.result.Page;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lector ocr PATH...}: reads every file, several at a time so the inference workers stay
 * busy, and prints results in input order as they complete, holding only a small window in memory.
 */
@Command(name = "ocr", mixinStandardHelpOptions = true, description = "Read text in images and PDFs.")
final class OcrCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Image/PDF files or directories.")
    List<Path> paths;

    @Option(names = {"-r", "--recursive"}, description = "Descend into sub-directories.")
    boolean recursive;

    @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text, json, jsonl, tsv, or pdf (searchable), hocr, alto: one file per input, see -o (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--pages", defaultValue = "all", description = "PDF pages to read, e.g. 1-3,5 (default ${DEFAULT-VALUE}).")
    String pages;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "For pdf, hocr, alto: the file to write (one input) or the folder to write one file per input into.")
    Path output;

    @Option(names = "--force-ocr", description = "For pdf: OCR PDF pages that already have text too (by default they are left as they are).")
    boolean forceOcr;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--engine", defaultValue = "ppocr", paramLabel = "ppocr|vlm",
            description = "ppocr: PP-OCR on this machine (default); vlm: a vision-language model behind --vlm-url.")
    String engine;

    @Mixin
    VlmOptions vlm;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private record FileResult(Path path, List<Page> pages, double ms, String error) {}

    @Override
    public Integer call() throws Exception {
        OutputFormat fmt = OutputFormat.parse(format);
        PageRange range = PageRange.parse(pages);
        FileOutput.Kind fileKind = FileOutput.Kind.of(fmt);
        if (VlmOcr.selected(engine)) {
            if (fileKind != null) {
                throw new IllegalArgumentException("--engine vlm writes text, json, jsonl or tsv; pdf, hocr and alto come from the PP-OCR engine for now");
            }
            return VlmOcr.run(vlm, paths, recursive, range, fmt);
        }
        if (fileKind != null) {
            return FileOutput.run(fileKind, output, paths, recursive, range, forceOcr, engineOptions, System.out, System.err);
        }
        if (output != null) throw new IllegalArgumentException("-o is for --format pdf, hocr or alto");
        OcrOptions options = engineOptions.ocrOptions();
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 16), false,
                java.nio.charset.StandardCharsets.UTF_8);
        PrintStream err = System.err;
        boolean multi = paths.size() > 1 || paths.stream().anyMatch(Files::isDirectory);
        int failures = 0;
        try (OcrEngine engine = OcrEngine.open(engineOptions.engineConfig());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            fmt.printHeader(out);
            int window = Math.max(2, engine.config().workers() * 2);
            Deque<Future<FileResult>> inFlight = new ArrayDeque<>();
            Iterator<Path> files = InputFiles.expand(paths, recursive).iterator();
            while (files.hasNext() || !inFlight.isEmpty()) {
                while (files.hasNext() && inFlight.size() < window) {
                    Path p = files.next();
                    inFlight.add(pool.submit(() -> readFile(engine, p, range, options)));
                }
                FileResult r = inFlight.removeFirst().get();
                if (r.error() != null) {
                    failures++;
                    err.println("lector: " + r.path() + ": " + r.error());
                    continue;
                }
                String name = r.path().getFileName().toString();
                boolean multiPage = r.pages().size() > 1 || isPdf(r.path());
                for (Page page : r.pages()) fmt.print(out, name, multiPage, page, r.ms(), multi);
                out.flush();
            }
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private static boolean isPdf(Path p) {
        return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf");
    }

    private static FileResult readFile(OcrEngine engine, Path p, PageRange range, OcrOptions options) {
        long t0 = System.nanoTime();
        try {
            if (!Files.isRegularFile(p)) {
                return new FileResult(p, List.of(), 0, Files.exists(p) ? "not a regular file" : "no such file");
            }
            byte[] bytes = Files.readAllBytes(p);
            List<Page> results = new ArrayList<>();
            engine.read(bytes, range, options, results::add);
            return new FileResult(p, results, (System.nanoTime() - t0) / 1e6, null);
        } catch (java.io.IOException e) {
            return new FileResult(p, List.of(), 0, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            return new FileResult(p, List.of(), 0, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
