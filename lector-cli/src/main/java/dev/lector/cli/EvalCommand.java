package dev.lector.cli;

import dev.lector.eval.DetectionMatcher;
import dev.lector.eval.EvalAccumulator;
import dev.lector.eval.EvalReport;
import dev.lector.eval.LabelSet;
import dev.lector.eval.LabelledImage;
import dev.lector.eval.ReferenceOrder;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.image.PageRange;
import dev.lector.result.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lector eval}: accuracy and speed on a labelled set in the shared labels.jsonl format. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure detection P/R/Hmean, line and page CER, and speed on a labelled set; with --fields, field extraction.",
        footerHeading = "%nExamples:%n",
        footer = {"  lector eval --labels sroie/labels.jsonl --ignore-case",
                "  lector eval --fields --template receipt --labels sroie/labels.jsonl"})
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--labels", required = true, paramLabel = "FILE", converter = OptionValues.ReadableFile.class, description = "labels.jsonl of the set.")
    Path labels;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the report as JSON here.")
    Path out;

    @Option(names = "--ignore-case", description = "Compare text case-insensitively (SROIE transcripts are upper case).")
    boolean ignoreCase;

    @Option(names = "--reference-order", paramLabel = "file|layout", defaultValue = "file",
            converter = OptionValues.ReferenceOrder.class, description = "Order of ground-truth lines for page CER: file (as listed) or layout (ordered by Lector's reading order). Default ${DEFAULT-VALUE}.")
    String referenceOrder;

    @Option(names = "--limit", paramLabel = "N", converter = OptionValues.AtLeastOne.class, description = "Only the first N images.")
    Integer limit;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", converter = OptionValues.AtLeastOne.class, description = "Images in flight at once (default: 2 x threads).")
    Integer concurrency;

    @Option(names = "--per-image", description = "Also print each image's page CER and detection counts, worst page CER first.")
    boolean perImage;

    @Option(names = "--fields",
            description = "Score field extraction instead of OCR: per-field exact match, P/R/F1, micro-F1 (labels with fields), pair F1 (labels with kv_pairs).")
    boolean fields;

    @Mixin
    FieldOptions fieldOptions;

    @Option(names = "--from-jsonl", paramLabel = "FILE",
            converter = OptionValues.ReadableFile.class, description = "With --fields: take the pages from 'lector ocr --format jsonl' output instead of reading the images.")
    Path fromJsonl;

    @Option(names = "--from-text", paramLabel = "DIR",
            description = "Score text files instead of reading the images: DIR/<image name without extension>.txt (e.g. pdftotext's output of a searchable PDF, or another OCR system's); page CER only, no models load.")
    Path fromText;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        if (fields) return FieldEval.run(labels, fieldOptions, fromJsonl, limit, out, engineOptions);
        if (fromJsonl != null) throw new IllegalArgumentException("--from-jsonl needs --fields");
        ReferenceOrder order = ReferenceOrder.valueOf(referenceOrder.toUpperCase(java.util.Locale.ROOT));
        if (fromText != null) return TextFileEval.run(labels, fromText, ignoreCase, order, limit);
        OcrOptions options = engineOptions.ocrOptions();
        EvalAccumulator acc = new EvalAccumulator(new DetectionMatcher(), ignoreCase, order);
        int failures = 0;
        List<dev.lector.eval.ImageScore> scores = java.util.Collections.synchronizedList(new ArrayList<>());
        try (OcrEngine engine = OcrEngine.open(engineOptions.engineConfig());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
             Stream<LabelledImage> set = LabelSet.read(labels)) {
            int window = concurrency != null ? concurrency : engine.config().workers() * 2;
            Semaphore slots = new Semaphore(window);
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            Iterator<LabelledImage> it = (limit == null ? set : set.limit(limit)).iterator();
            while (it.hasNext()) {
                LabelledImage gt = it.next();
                slots.acquire();
                futures.add(pool.submit(() -> {
                    try {
                        long t0 = System.nanoTime();
                        Page r = engine.read(Files.readAllBytes(gt.image()), PageRange.ALL, options).pages().getFirst();
                        scores.add(acc.add(gt, r.lines(), (System.nanoTime() - t0) / 1e6, r.timings()));
                        return null;
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures++;
                    System.err.println("lector: " + ErrorReport.oneLine(e));
                }
            }
            EvalReport report = acc.report((System.nanoTime() - start) / 1e9);
            System.out.println(report.toText());
            if (perImage) printPerImage(scores);
            if (out != null) Files.writeString(out, report.toJson());
        }
        return failures == 0 ? 0 : 1;
    }

    private static void printPerImage(List<dev.lector.eval.ImageScore> scores) {
        List<dev.lector.eval.ImageScore> sorted = new ArrayList<>(scores);
        sorted.sort(java.util.Comparator.comparingDouble((dev.lector.eval.ImageScore s) -> s.pageCer() == null ? -1 : s.pageCer())
                .reversed().thenComparing(s -> s.image().toString()));
        System.out.println("per image          page CER  det TP / GT / predicted");
        for (dev.lector.eval.ImageScore s : sorted) {
            System.out.printf(java.util.Locale.ROOT, "  %-28s %s  %d / %d / %d%n", s.image().getFileName(),
                    s.pageCer() == null ? "   n/a" : String.format(java.util.Locale.ROOT, "%.4f", s.pageCer()),
                    s.truePositives(), s.gtCare(), s.predCare());
        }
    }
}
