package dev.lector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.cli.InputFiles.Input;
import dev.lector.extract.Extraction;
import dev.lector.extract.FieldExtractor;
import dev.lector.image.PageRange;
import dev.lector.pipeline.OcrOptions;
import dev.lector.render.FieldsJson;
import dev.lector.render.JsonRenderer;
import dev.lector.result.Page;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lector extract}: reads inputs and prints the fields of each page, as JSON objects
 * {@code {"image","path","page","template","fields":{...},"pairs"?,"items"?}}; inputs, {@code -o},
 * progress and summary as for {@code lector ocr}.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract fields (receipts, invoices, ID cards, passports, forms, your own keys) from images and PDFs.",
        footerHeading = "%nExamples:%n",
        footer = {"  lector extract --template receipt receipt.jpg",
                "  lector extract --keys 'Invoice No,Total due' -f jsonl -r invoices/",
                "  lector extract --template-file mine.json -o out/ scans/   out/NAME.json each",
                "  lector extract --template receipt --from-jsonl pages.jsonl (no models load)"})
final class ExtractCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Image or PDF files, folders, patterns such as 'scans/*.png', or - for standard input.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    FieldOptions fieldOptions;

    @Option(names = {"-f", "--format"}, defaultValue = "json", paramLabel = "FORMAT", converter = OptionValues.JsonFormat.class,
            description = "json (one pretty object per page) or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write here instead of standard output: a file, or a folder (one file per input); as for 'lector ocr -o'.")
    Path output;

    @Option(names = {"-r", "--recursive"}, description = "Descend into sub-folders.")
    boolean recursive;

    @Option(names = "--pages", defaultValue = "all", paramLabel = "PAGES", converter = OptionValues.Pages.class,
            description = "PDF pages to read, e.g. 1-3,5 (default ${DEFAULT-VALUE}).")
    String pages;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary line (errors are still said).")
    boolean quiet;

    @Option(names = "--from-jsonl", paramLabel = "FILE", converter = OptionValues.ReadableFile.class,
            description = "Extract from pages saved by 'lector ocr --format jsonl' instead of reading images (no models load).")
    Path fromJsonl;

    @Option(names = "--engine", defaultValue = "ppocr", paramLabel = "ppocr|vlm|auto", converter = OptionValues.ExtractEngine.class,
            description = "ppocr: PP-OCR on this machine and the rule-based extractors (default); vlm: ask a vision-language model behind --vlm-url for --keys; "
                    + "auto: the rules first, the model only for fields they missed or that failed their checks (each field says which engine found it).")
    String engine;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    VlmOptions vlm;

    @Override
    public Integer call() throws Exception {
        boolean auto = engine.equals("auto");
        if (!auto && VlmOcr.selected(engine)) {
            if (fieldOptions.keys == null || fieldOptions.template != null || fieldOptions.templateFile != null) {
                throw new IllegalArgumentException("--engine vlm extracts --keys only; templates run on the PP-OCR engine");
            }
            if (fromJsonl != null) throw new IllegalArgumentException("--from-jsonl needs the PP-OCR engine");
            if (output != null) throw new IllegalArgumentException("--engine vlm prints to standard output; -o is for the PP-OCR engine for now");
            return VlmExtract.run(vlm, List.of(fieldOptions.keys), paths, recursive, pages, format, quiet);
        }
        FieldExtractor extractor = fieldOptions.extractor(null);
        if (auto && fromJsonl != null) throw new IllegalArgumentException("--engine auto reads the images: it cannot work from --from-jsonl");
        boolean jsonl = format.equals("jsonl");
        PageRange range = PageRange.parse(pages);
        if (fromJsonl == null && paths.isEmpty()) throw new IllegalArgumentException("give the files to read (or --from-jsonl FILE)");
        if (fromJsonl != null && !paths.isEmpty()) throw new IllegalArgumentException("give either files or --from-jsonl, not both");
        OutputFormat fmt = jsonl ? OutputFormat.JSONL : OutputFormat.JSON;
        if (fromJsonl != null) {
            FileOutput.Plan plan = FileOutput.plan(fmt, output, List.of(), false);
            if (plan.perInput() != null) throw new IllegalArgumentException("with --from-jsonl, -o names the one file to write, not a folder");
            Map<String, List<Page>> saved = SavedPages.read(fromJsonl);
            try (PrintStream out = open(plan)) {
                for (Map.Entry<String, List<Page>> e : saved.entrySet()) {
                    Input in = new Input(Path.of(e.getKey()), e.getKey(), e.getKey());
                    for (Page p : e.getValue()) print(out, in, p, extractor.extract(p), jsonl);
                }
            }
            return 0;
        }
        OcrOptions options = engineOptions.ocrOptions();
        var config = engineOptions.engineConfig();
        PrintStream err = System.err;
        boolean many = InputFiles.many(paths);
        List<Input> inputs = InputFiles.list(paths, recursive, err);
        FileOutput.Plan plan = FileOutput.plan(fmt, output, inputs, many);
        int[] vlmFailures = {0};
        try (AutoExtract fallback = auto ? new AutoExtract(vlm, extractor) : null;
             PrintStream out = open(plan);
             Progress progress = Progress.of("extract", inputs.size(), many, quiet, err)) {
            // a page's fields: by the rules, or with --engine auto also asked of the model (its failures said and counted)
            java.util.function.BiConsumer<PrintStream, EngineRun.Result<Read>> printAll = (target, r) -> {
                for (Page page : r.value().pages()) {
                    if (fallback == null) {
                        print(target, r.input(), page, extractor.extract(page), jsonl);
                        continue;
                    }
                    ObjectNode n = JsonRenderer.fileEntry(r.input().fileName(), r.input().name(), page.number());
                    String error = fallback.addTo(n, r.value().bytes(), page);
                    if (error != null) {
                        vlmFailures[0]++;
                        progress.say("lector: " + r.input().name() + ": page " + page.number() + ": " + ErrorReport.clean(error));
                    }
                    target.println(jsonl ? n.toString() : n.toPrettyString());
                }
            };
            int exit = EngineRun.<Read>run(config, inputs, System.in, progress, (eng, in, bytes, t0) -> {
                List<Page> ps = new ArrayList<>();
                eng.read(bytes, range, options, ps::add);
                return new EngineRun.Result<>(in, new Read(fallback == null ? null : bytes, ps), ps.size(), (System.nanoTime() - t0) / 1e6, null);
            }, r -> {
                if (plan.perInput() != null) {
                    var bytes = new java.io.ByteArrayOutputStream();
                    try (PrintStream one = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
                        printAll.accept(one, r);
                    }
                    FileOutput.write(plan.perInput().get(r.input()), bytes.toByteArray());
                } else {
                    printAll.accept(out, r);
                    out.flush();
                }
            });
            return vlmFailures[0] > 0 ? Math.max(exit, ErrorReport.ExitCode.INPUT) : exit;
        }
    }

    /** A file's bytes (kept only for --engine auto, which sends pages of them to the model) and its pages. */
    private record Read(byte[] bytes, List<Page> pages) {}

    /** Standard output (not closed with the stream) or the plan's one file. */
    private static PrintStream open(FileOutput.Plan plan) throws java.io.IOException {
        java.io.OutputStream target = plan.stream() != null ? FileOutput.openWhole(plan.stream()) : new java.io.FilterOutputStream(System.out) {
            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws java.io.IOException {
                flush();
            }
        };
        return new PrintStream(new java.io.BufferedOutputStream(target, 1 << 16), false, StandardCharsets.UTF_8);
    }

    private static void print(PrintStream out, Input in, Page page, Extraction e, boolean jsonl) {
        ObjectNode n = JsonRenderer.fileEntry(in.fileName(), in.name(), page.number());
        FieldsJson.addTo(n, e);
        out.println(jsonl ? n.toString() : n.toPrettyString());
    }
}
