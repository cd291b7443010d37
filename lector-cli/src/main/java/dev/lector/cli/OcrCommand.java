package dev.lector.cli;

import dev.lector.cli.InputFiles.Input;
import dev.lector.image.PageRange;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrOptions;
import dev.lector.result.Page;
import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lector ocr PATH...}: reads every input (files, folders, patterns, {@code -} for standard
 * input) and writes the results in input order as they complete (see {@link EngineRun}), to
 * standard output, one file, or one file per input ({@link FileOutput}). Everything that can be
 * checked is checked before the models load.
 */
@Command(name = "ocr", mixinStandardHelpOptions = true, description = "Read text in images and PDFs.",
        footerHeading = "%nExamples:%n",
        footer = {"  lector ocr scan.png                          the text, on standard output",
                "  lector ocr -r -f jsonl -o pages.jsonl scans/ every page under scans/, one line each",
                "  lector ocr -r -o out/ scans/                 out/a.txt, out/sub/b.txt, ...",
                "  lector ocr -f pdf -o searchable.pdf scan.pdf a searchable PDF",
                "  lector ocr -f tsv --pages 1-3 report.pdf     words of three pages as TSV",
                "  cat scan.jpg | lector ocr -                  standard input",
                "  lector ocr -q 'scans/*.png' > all.txt        a pattern; no progress or summary"})
final class OcrCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Image or PDF files, folders (their images and PDFs), patterns such as 'scans/*.png', or - for standard input.")
    List<Path> paths;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT", converter = OptionValues.OcrFormat.class,
            description = "text, json, jsonl, tsv; or pdf (searchable), hocr, alto: one file per input, see -o (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write here instead of standard output: a file (one input, or all of them when it ends in the format's extension, e.g. all.jsonl) "
                    + "or a folder (one file per input, named after it; sub-folders kept with -r).")
    Path output;

    @Option(names = {"-r", "--recursive"}, description = "Descend into sub-folders.")
    boolean recursive;

    @Option(names = "--pages", defaultValue = "all", paramLabel = "PAGES", converter = OptionValues.Pages.class,
            description = "PDF pages to read, e.g. 1-3,5 (default ${DEFAULT-VALUE}).")
    String pages;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary line (errors are still said).")
    boolean quiet;

    @Option(names = "--force-ocr", description = "For pdf: OCR PDF pages that already have text too (by default they are left as they are).")
    boolean forceOcr;

    @Option(names = "--engine", defaultValue = "ppocr", paramLabel = "ppocr|vlm", converter = OptionValues.Engine.class,
            description = "ppocr: PP-OCR on this machine (default); vlm: a vision-language model behind --vlm-url.")
    String engine;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    VlmOptions vlm;

    @Override
    public Integer call() throws Exception {
        OutputFormat fmt = OutputFormat.parse(format);
        PageRange range = PageRange.parse(pages);
        FileOutput.Kind fileKind = FileOutput.Kind.of(fmt);
        if (VlmOcr.selected(engine)) {
            if (fileKind != null) return VlmOcr.files(vlm, paths, recursive, range, fmt, fileKind, output, forceOcr, quiet);
            if (output != null) throw new IllegalArgumentException("--engine vlm prints text, json, jsonl and tsv to standard output; -o is for pdf, hocr and alto with it");
            return VlmOcr.run(vlm, paths, recursive, range, fmt, quiet);
        }
        OcrOptions options = engineOptions.ocrOptions();
        EngineConfig config = engineOptions.engineConfig();
        PrintStream err = System.err;
        boolean many = InputFiles.many(paths);
        List<Input> inputs = InputFiles.list(paths, recursive, err);
        FileOutput.Plan plan = FileOutput.plan(fmt, output, inputs, many);
        PrintStream sink = new PrintStream(new BufferedOutputStream(plan.stream() != null ? FileOutput.openWhole(plan.stream()) : System.out, 1 << 16),
                false, StandardCharsets.UTF_8);
        try (Progress progress = Progress.of("ocr", inputs.size(), many, quiet, err)) {
            if (plan.perInput() == null) fmt.printHeader(sink);
            EngineRun.Reader<Object> reader = (eng, in, bytes, t0) -> {
                if (fileKind != null) {
                    FileOutput.Rendered r = FileOutput.render(eng, fileKind, bytes, in.fileName(), range, forceOcr, options);
                    return new EngineRun.Result<>(in, r, r.pages(), (System.nanoTime() - t0) / 1e6, null);
                }
                List<Page> ps = new ArrayList<>();
                eng.read(bytes, range, options, ps::add);
                return new EngineRun.Result<>(in, ps, ps.size(), (System.nanoTime() - t0) / 1e6, null);
            };
            return EngineRun.run(config, inputs, System.in, progress, reader, r -> {
                Input in = r.input();
                if (r.value() instanceof FileOutput.Rendered rendered) {
                    if (rendered.message() != null) progress.say("lector: " + in.name() + ": " + rendered.message());
                    if (plan.perInput() != null) {
                        FileOutput.write(plan.perInput().get(in), rendered.bytes());
                    } else {
                        sink.write(rendered.bytes());
                        sink.flush();
                    }
                    return;
                }
                @SuppressWarnings("unchecked")
                List<Page> ps = (List<Page>) r.value();
                boolean multiPage = ps.size() > 1 || in.pdfByName();
                if (plan.perInput() != null) {
                    var bytes = new java.io.ByteArrayOutputStream();
                    try (PrintStream one = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
                        fmt.printHeader(one);
                        for (Page page : ps) fmt.print(one, in, multiPage, page, r.ms(), false);
                    }
                    FileOutput.write(plan.perInput().get(in), bytes.toByteArray());
                } else {
                    for (Page page : ps) fmt.print(sink, in, multiPage, page, r.ms(), many);
                    sink.flush();
                    if (sink.checkError()) throw new java.io.IOException(plan.stream() == null ? "standard output is closed" : plan.stream() + ": write failed");
                }
            });
        } finally {
            sink.flush();
            if (plan.stream() != null) sink.close();
        }
    }
}
