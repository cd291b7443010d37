package dev.lector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.render.JsonRenderer;
import dev.lector.render.TsvRenderer;
import dev.lector.result.Page;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@code lector ocr} prints a page's result; every form comes from a {@code dev.lector.render} renderer. */
enum OutputFormat {
    TEXT("txt"), JSON("json"), JSONL("jsonl"), TSV("tsv"),
    /** One file per input ({@link FileOutput}): searchable PDF, hOCR, ALTO. */
    PDF("pdf"), HOCR("hocr"), ALTO("xml");

    /** The file name extension of an output file in this format. */
    final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    /** Whether pages print one after another to one stream (text, json, jsonl, tsv); else one file per input. */
    boolean streams() {
        return this == TEXT || this == JSON || this == JSONL || this == TSV;
    }

    /** The format named {@code name} (any case), or an error listing the valid names. */
    static OutputFormat parse(String name) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) return f;
        }
        throw new IllegalArgumentException("unknown format '" + name + "': use one of "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /**
     * Prints one page.
     *
     * @param in        the input: its file name is JSON's {@code image}, its name (relative to the folder given) JSON's
     *                  {@code path}, the text header and TSV's first column
     * @param multiPage whether the file has (or may have) several pages: adds the page number to text headers
     * @param ms        wall time for the whole file (model load excluded)
     * @param multi     whether several files are printed (adds a header in text form)
     */
    void print(PrintStream out, InputFiles.Input in, boolean multiPage, Page page, double ms, boolean multi) {
        String name = in.name();
        switch (this) {
            case TEXT -> {
                if (multi || page.number() > 1 || multiPage) {
                    out.println("==> " + name + (multiPage ? " [page " + page.number() + "]" : "") + " <==");
                }
                String text = page.text();
                if (!text.isEmpty()) out.println(text);
            }
            case JSON, JSONL -> {
                ObjectNode node = JsonRenderer.fileEntry(in.fileName(), name, 0);
                node.setAll(JsonRenderer.page(page));
                JsonRenderer.putMs(node, ms);
                out.println(this == JSON ? node.toPrettyString() : node.toString());
            }
            case TSV -> out.print(TsvRenderer.rows(name, page));
            case PDF, HOCR, ALTO -> throw new IllegalStateException(this + " is written per file by FileOutput");
        }
    }

    void printHeader(PrintStream out) {
        if (this == TSV) out.println(TsvRenderer.HEADER);
    }
}
