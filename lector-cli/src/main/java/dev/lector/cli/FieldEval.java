package dev.lector.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.eval.FieldLabels;
import dev.lector.eval.FieldScore;
import dev.lector.extract.Extraction;
import dev.lector.extract.FieldExtractor;
import dev.lector.image.PageRange;
import dev.lector.pipeline.OcrEngine;
import dev.lector.render.JsonRenderer;
import dev.lector.result.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@code lector eval --fields}: field and pair scores on a labelled set, and the extraction time per page. */
final class FieldEval {

    private FieldEval() {}

    static int run(Path labels, FieldOptions what, Path fromJsonl, Integer limit, Path out, EngineOptions engineOptions) throws Exception {
        List<FieldLabels.Image> gold = FieldLabels.read(labels);
        if (limit != null) gold = gold.subList(0, Math.min(limit, gold.size()));
        boolean pairs = gold.stream().anyMatch(g -> !g.pairs().isEmpty());
        FieldExtractor extractor = what.extractor(pairs ? "kv" : "receipt");
        Map<String, Page> pages = new LinkedHashMap<>();
        int failures = 0;
        if (fromJsonl != null) {
            Map<String, List<Page>> saved = SavedPages.read(fromJsonl);
            for (FieldLabels.Image g : gold) {
                List<Page> ps = saved.get(g.fileName());
                if (ps == null || ps.isEmpty()) {
                    failures++;
                    System.err.println("lector: " + g.fileName() + ": not in " + fromJsonl);
                } else {
                    pages.put(g.fileName(), ps.getFirst());
                }
            }
        } else {
            try (OcrEngine engine = OcrEngine.open(engineOptions.engineConfig());
                 ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Page>> fs = new ArrayList<>();
                for (FieldLabels.Image g : gold) {
                    fs.add(pool.submit(() -> engine.read(Files.readAllBytes(g.path()), PageRange.ALL, engineOptions.ocrOptions()).pages().getFirst()));
                }
                for (int i = 0; i < gold.size(); i++) {
                    try {
                        pages.put(gold.get(i).fileName(), fs.get(i).get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures++;
                        System.err.println("lector: " + gold.get(i).fileName() + ": " + ErrorReport.oneLine(e));
                    }
                }
            }
        }
        FieldScore score = new FieldScore();
        for (FieldLabels.Image g : gold) {
            Page p = pages.get(g.fileName());
            if (p != null) score.add(g, extractor.extract(p));
        }
        double[] ms = time(extractor, new ArrayList<>(pages.values()));
        System.out.println(text(extractor.name(), score, ms));
        if (out != null) Files.writeString(out, json(extractor.name(), score, ms).toPrettyString());
        return failures == 0 ? 0 : 1;
    }

    /** Extraction time per page in ms: median and max over pages, of the best of 5 rounds after warm-up. */
    private static double[] time(FieldExtractor x, List<Page> pages) {
        if (pages.isEmpty()) return new double[] {0, 0, 0};
        for (int w = 0; w < 20; w++) for (Page p : pages) x.extract(p);
        double[] best = new double[pages.size()];
        Arrays.fill(best, Double.MAX_VALUE);
        for (int r = 0; r < 5; r++) {
            for (int i = 0; i < pages.size(); i++) {
                long t0 = System.nanoTime();
                x.extract(pages.get(i));
                best[i] = Math.min(best[i], (System.nanoTime() - t0) / 1e6);
            }
        }
        double[] s = best.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        return new double[] {s[s.length / 2], s[s.length - 1], mean};
    }

    private static String text(String template, FieldScore s, double[] ms) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "template %s, %d images%n", template, s.images()));
        if (!s.fields().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%-12s %5s %5s %5s %7s %7s %7s%n", "field", "tp", "fp", "fn", "P", "R", "F1"));
            for (Map.Entry<String, FieldScore.Counts> e : s.fields().entrySet()) row(sb, e.getKey(), e.getValue());
            row(sb, "micro", s.micro());
            sb.append("punctuation ignored as well:\n");
            for (Map.Entry<String, FieldScore.Counts> e : s.looseFields().entrySet()) row(sb, e.getKey() + "~", e.getValue());
            row(sb, "micro~", s.looseMicro());
        }
        if (s.pairImages() > 0) {
            row(sb, "pairs", s.pairs());
            row(sb, "pairs~", s.fuzzyPairs());
        }
        sb.append(String.format(Locale.ROOT, "extraction ms/page: median %.3f, mean %.3f, max %.3f%n", ms[0], ms[2], ms[1]));
        if (!s.misses().isEmpty()) {
            sb.append("missed:\n");
            for (FieldScore.Miss m : s.misses()) {
                sb.append(String.format(Locale.ROOT, "  %s %s: expected '%s', got %s%n", m.image(), m.field(), m.expected(),
                        m.got() == null ? "nothing" : "'" + m.got() + "'"));
            }
        }
        return sb.toString().stripTrailing();
    }

    private static void row(StringBuilder sb, String name, FieldScore.Counts c) {
        sb.append(String.format(Locale.ROOT, "%-12s %5d %5d %5d %7.4f %7.4f %7.4f%n", name, c.tp(), c.fp(), c.fn(), c.precision(), c.recall(), c.f1()));
    }

    private static ObjectNode json(String template, FieldScore s, double[] ms) {
        ObjectNode n = JsonRenderer.mapper().createObjectNode();
        n.put("template", template);
        n.put("images", s.images());
        ObjectNode f = n.putObject("fields");
        for (Map.Entry<String, FieldScore.Counts> e : s.fields().entrySet()) f.set(e.getKey(), counts(e.getValue()));
        if (!s.fields().isEmpty()) {
            n.set("micro", counts(s.micro()));
            ObjectNode lf = n.putObject("fields_punctuation_ignored");
            for (Map.Entry<String, FieldScore.Counts> e : s.looseFields().entrySet()) lf.set(e.getKey(), counts(e.getValue()));
            n.set("micro_punctuation_ignored", counts(s.looseMicro()));
        }
        if (s.pairImages() > 0) {
            n.set("pairs", counts(s.pairs()));
            n.set("pairs_fuzzy", counts(s.fuzzyPairs()));
        }
        n.putObject("extract_ms").put("median", ms[0]).put("mean", ms[2]).put("max", ms[1]);
        ArrayNode miss = n.putArray("missed");
        for (FieldScore.Miss m : s.misses()) {
            ObjectNode o = miss.addObject().put("image", m.image()).put("field", m.field()).put("expected", m.expected());
            if (m.got() == null) o.putNull("got");
            else o.put("got", m.got());
        }
        return n;
    }

    private static ObjectNode counts(FieldScore.Counts c) {
        ObjectNode n = JsonRenderer.mapper().createObjectNode();
        n.put("tp", c.tp()).put("fp", c.fp()).put("fn", c.fn());
        n.put("precision", Math.round(c.precision() * 10000) / 10000.0).put("recall", Math.round(c.recall() * 10000) / 10000.0)
                .put("f1", Math.round(c.f1() * 10000) / 10000.0);
        return n;
    }
}
