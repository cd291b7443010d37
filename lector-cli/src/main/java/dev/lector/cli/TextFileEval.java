package dev.lector.cli;

import dev.lector.eval.DetectionMatcher;
import dev.lector.eval.EvalAccumulator;
import dev.lector.eval.EvalReport;
import dev.lector.eval.LabelSet;
import dev.lector.eval.LabelledImage;
import dev.lector.eval.ReferenceOrder;
import dev.lector.geometry.Quad;
import dev.lector.result.Line;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code lector eval --from-text DIR}: page CER of plain-text files against a labelled set, with the
 * same normalisation and reference order as Lector's own pages, so any text can be scored beside
 * Lector's: what {@code pdftotext} reads from a searchable PDF (Lector's or OCRmyPDF's), another OCR
 * system's output. The text of image {@code images/X.jpg} is {@code DIR/X.txt} (form feeds are line
 * breaks); images without a file are counted as missing and left out. No models load; detection
 * figures are meaningless here and not printed.
 */
final class TextFileEval {

    private TextFileEval() {}

    static int run(Path labels, Path dir, boolean ignoreCase, ReferenceOrder order, Integer limit) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--from-text " + dir + ": no such folder");
        EvalAccumulator acc = new EvalAccumulator(new DetectionMatcher(), ignoreCase, order);
        int scored = 0;
        List<String> missing = new ArrayList<>();
        try (Stream<LabelledImage> set = LabelSet.read(labels)) {
            Iterator<LabelledImage> it = (limit == null ? set : set.limit(limit)).iterator();
            while (it.hasNext()) {
                LabelledImage gt = it.next();
                String name = gt.image().getFileName().toString();
                int dot = name.lastIndexOf('.');
                Path text = dir.resolve((dot > 0 ? name.substring(0, dot) : name) + ".txt");
                if (!Files.isRegularFile(text)) {
                    missing.add(name);
                    continue;
                }
                acc.add(gt, lines(Files.readString(text, StandardCharsets.UTF_8)), 0, (java.util.Map<String, Double>) null);
                scored++;
            }
        }
        if (scored == 0) throw new IllegalArgumentException("--from-text " + dir + ": no .txt file for any image of " + labels);
        EvalReport r = acc.report(0);
        System.out.printf(Locale.ROOT, "images             %d scored, %d without a text file%n", scored, missing.size());
        System.out.printf(Locale.ROOT, "page CER           %.4f  (reference order %s, whitespace removed, NFKC, %s)%n",
                r.pageCer(), order.name().toLowerCase(Locale.ROOT), ignoreCase ? "case ignored" : "case-sensitive");
        if (!missing.isEmpty()) System.err.println("lector: no text file for " + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : ""));
        return 0;
    }

    /** One line per non-blank text line, with a placeholder box no label region matches. */
    static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        for (String t : text.replace('\f', '\n').split("\n")) {
            if (t.isBlank()) continue;
            out.add(new Line(t, 1.0, Quad.ofRect(0, 0, 1, 1), 0));
        }
        return out;
    }
}
