package dev.lector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.result.Line;
import dev.lector.result.OcrResult;
import dev.lector.result.ResultJson;
import java.io.PrintStream;

/** How {@code lector ocr} prints a page's result. */
enum OutputFormat {
    TEXT, JSON, JSONL, TSV;

    /**
     * Prints one page.
     *
     * @param name  the input file's name
     * @param page  1-based page number, or 0 for a single image
     * @param ms    wall time for the whole file (model load excluded)
     * @param multi whether several files are printed (adds a header in text form)
     */
    void print(PrintStream out, String name, int page, OcrResult r, double ms, boolean multi) {
        switch (this) {
            case TEXT -> {
                if (multi || page > 1) out.println("==> " + name + (page > 0 ? " [page " + page + "]" : "") + " <==");
                if (!r.text().isEmpty()) out.println(r.text());
            }
            case JSON, JSONL -> {
                ObjectNode node = ResultJson.mapper().createObjectNode();
                node.put("image", name);
                if (page > 0) node.put("page", page);
                node.setAll(ResultJson.toNode(r));
                node.put("ms", Math.round(ms * 10) / 10.0);
                out.println(this == JSON ? node.toPrettyString() : node.toString());
            }
            case TSV -> {
                for (Line l : r.lines()) {
                    int[][] p = l.points();
                    out.printf(java.util.Locale.ROOT, "%s\t%d\t%.4f\t%d,%d,%d,%d,%d,%d,%d,%d\t%s%n", name, Math.max(page, 1),
                            l.score(), p[0][0], p[0][1], p[1][0], p[1][1], p[2][0], p[2][1], p[3][0], p[3][1],
                            l.text().replace('\t', ' '));
                }
            }
        }
    }

    void printHeader(PrintStream out) {
        if (this == TSV) out.println("image\tpage\tscore\tpoints\ttext");
    }
}
