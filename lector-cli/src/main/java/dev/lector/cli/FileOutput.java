package dev.lector.cli;

import dev.lector.image.ImageHeader;
import dev.lector.image.PageRange;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.render.AltoRenderer;
import dev.lector.render.HocrRenderer;
import dev.lector.render.SearchablePdf;
import dev.lector.result.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.lector.cli.InputFiles.Input;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where {@code lector ocr} (and {@code extract}) put their results, decided and checked before any
 * model loads; and the one-file-per-input formats (searchable PDF, hOCR, ALTO).
 * <ul>
 * <li>No {@code -o}: standard output (text, json, jsonl, tsv; hOCR and ALTO of one input). A PDF
 * always needs {@code -o}; hOCR and ALTO of several inputs need a folder.</li>
 * <li>{@code -o FILE}, one input: that file.</li>
 * <li>{@code -o FOLDER} (an existing folder, or for several inputs any name not ending in the
 * format's extension): one file per input, named after it with the format's extension
 * ({@code scan.jpg} -> {@code scan.txt}, {@code .json}, {@code .jsonl}, {@code .tsv}, {@code .pdf},
 * {@code .hocr}, {@code .xml}); inputs from a folder read with -r keep their sub-folders
 * ({@code in/a/b.png} -> {@code OUT/a/b.txt}); standard input is {@code stdin.EXT}.</li>
 * <li>{@code -o all.jsonl}, several inputs, a streamed format (text, json, jsonl, tsv) and a name
 * ending in its extension: everything in that one file, as it would print.</li>
 * </ul>
 * A PDF keeps its pages that already have text as they are unless {@code forceOcr}; which pages
 * were OCRed is said on standard error.
 */
final class FileOutput {

    /** The file formats: PDF, hOCR, ALTO. */
    enum Kind {
        PDF, HOCR, ALTO;

        static Kind of(OutputFormat f) {
            return switch (f) {
                case PDF -> PDF;
                case HOCR -> HOCR;
                case ALTO -> ALTO;
                default -> null;
            };
        }
    }

    /**
     * Where a run's results go.
     *
     * @param stream   the one file all results go to, in input order (null: standard output), when {@code perInput} is null
     * @param perInput the file each input's result goes to (by identity), or null
     */
    record Plan(Path stream, Map<Input, Path> perInput) {
        boolean toStdout() {
            return stream == null && perInput == null;
        }
    }

    /** A file-format result: its bytes, the pages OCRed, and what to tell the user (or null). */
    record Rendered(byte[] bytes, int pages, String message) {}

    private FileOutput() {}

    /**
     * Decides where results go and checks that they can be written there: one line (exit 2) when not.
     *
     * @param many whether the arguments name several inputs (several paths, a folder or a pattern)
     */
    static Plan plan(OutputFormat fmt, Path out, List<Input> inputs, boolean many) {
        String f = fmt.name().toLowerCase(Locale.ROOT);
        if (out == null) {
            if (fmt == OutputFormat.PDF || (!fmt.streams() && many)) {
                throw new IllegalArgumentException("--format " + f + (many ? " with several inputs" : "")
                        + " needs -o " + (many ? "FOLDER" : "FILE") + ": where to write the output");
            }
            return new Plan(null, null);
        }
        boolean folder = Files.isDirectory(out);
        boolean ownExtension = out.getFileName() != null && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + fmt.extension);
        if (!folder && many) {
            if (fmt.streams() && ownExtension) return new Plan(checkedFile(out), null);
            if (ownExtension) {
                throw new IllegalArgumentException("--format " + f + " writes one file per input: with several inputs -o names a folder, not "
                        + out.getFileName());
            }
            folder = true;
        }
        if (!folder) return fmt.streams() ? new Plan(checkedFile(out), null) : new Plan(null, perInput(inputs, null, checkedFile(out), fmt));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write to -o " + out + ": cannot create the folder (" + reason(e) + ")");
        }
        if (!Files.isWritable(out)) throw new IllegalArgumentException("cannot write to -o " + out + ": the folder is not writable");
        return new Plan(null, perInput(inputs, out, null, fmt));
    }

    /** {@code out} if a file can be written there (its folder exists and is writable), else a one-line error. */
    static Path checkedFile(Path out) {
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("cannot write to -o " + out + ": no such folder " + parent);
        }
        if (!Files.isWritable(parent) || (Files.exists(out) && !Files.isWritable(out))) {
            throw new IllegalArgumentException("cannot write to -o " + out + ": permission denied");
        }
        return out;
    }

    /** One target per input: {@code file} for the only input, else in {@code folder} by relative path, clashes made unique. */
    private static Map<Input, Path> perInput(List<Input> inputs, Path folder, Path file, OutputFormat fmt) {
        Map<Input, Path> targets = new IdentityHashMap<>();
        Set<String> used = new HashSet<>();
        for (Input in : inputs) {
            if (folder == null) {
                targets.put(in, file);
                continue;
            }
            String rel = in.relative();
            int slash = rel.lastIndexOf('/');
            int dot = rel.lastIndexOf('.');
            String stem = dot > slash + 1 ? rel.substring(0, dot) : rel;
            String name = stem + "." + fmt.extension;
            if (used.contains(name)) name = rel + "." + fmt.extension; // a.png and a.jpg: a.txt and a.jpg.txt
            for (int n = 2; used.contains(name); n++) name = stem + "-" + n + "." + fmt.extension;
            used.add(name);
            targets.put(in, folder.resolve(name));
        }
        return targets;
    }

    /** Writes {@code bytes} to {@code target} whole (through a .part file), making its folders. */
    static void write(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        Files.write(tmp, bytes);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The plan's one file, written as {@code FILE.part} and renamed to {@code FILE} when closed, so a
     * reader never sees it half written (and a run that fails to start leaves an older FILE as it was).
     */
    static java.io.OutputStream openWhole(Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        return new java.io.FilterOutputStream(Files.newOutputStream(tmp)) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (closed) return;
                closed = true;
                super.close();
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        };
    }

    /** Reads {@code bytes} and renders them as a searchable PDF, hOCR or ALTO. */
    static Rendered render(OcrEngine engine, Kind kind, byte[] bytes, String name, PageRange range, boolean forceOcr, OcrOptions options) {
        return render(pages -> engine.read(bytes, pages, options), engine.config().limits().pdfDpi(), kind, bytes, name, range, forceOcr);
    }

    /**
     * Renders {@code bytes} as a searchable PDF, hOCR or ALTO with the pages {@code read} gives for a
     * page range (any engine: PP-OCR or a VLM); {@code dpi} is what PDF pages are rendered at to read them.
     */
    static Rendered render(java.util.function.Function<PageRange, Document> read, int dpi, Kind kind, byte[] bytes, String name,
                           PageRange range, boolean forceOcr) {
        if (kind == Kind.PDF && ImageHeader.isPdf(bytes)) {
            SearchablePdf.Plan plan = SearchablePdf.plan(bytes, range, forceOcr);
            Document doc = plan.ocr().isEmpty() ? new Document(List.of()) : read.apply(plan.ocrRange());
            SearchablePdf.Result r = SearchablePdf.addTextLayer(bytes, doc, dpi, plan.withText(), name);
            String message = "OCRed " + pages(r.ocrPages(), "no pages")
                    + (r.skippedPages().isEmpty() ? "" : "; left " + pages(r.skippedPages(), "") + " as they were (they have text; --force-ocr to OCR them too)");
            return new Rendered(r.pdf(), doc.pages().size(), message);
        }
        Document doc = read.apply(range);
        byte[] out = switch (kind) {
            case PDF -> SearchablePdf.fromImage(bytes, doc, name);
            case HOCR -> HocrRenderer.render(doc, name).getBytes(StandardCharsets.UTF_8);
            case ALTO -> AltoRenderer.render(doc, name).getBytes(StandardCharsets.UTF_8);
        };
        return new Rendered(out, doc.pages().size(), null);
    }

    private static String pages(List<Integer> pages, String none) {
        if (pages.isEmpty()) return none;
        return (pages.size() == 1 ? "page " : "pages ") + pages.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name is in the way";
        return m == null ? "input/output error" : ErrorReport.clean(m);
    }
}
