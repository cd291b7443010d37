package dev.lector.cli;

import dev.lector.image.PageRange;
import dev.lector.result.Page;
import dev.lector.vlm.PageAnswer;
import dev.lector.vlm.VlmReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code lector ocr --engine vlm}: text spotting by the VLM back end, printed like PP-OCR's pages. */
final class VlmOcr {

    private VlmOcr() {}

    /** Whether {@code --engine} picks the VLM; an error for an unknown engine. */
    static boolean selected(String engine) {
        return switch (engine == null ? "ppocr" : engine.trim().toLowerCase(Locale.ROOT)) {
            case "ppocr", "pp-ocr", "onnx" -> false;
            case "vlm" -> true;
            default -> throw new IllegalArgumentException("unknown engine '" + engine + "': use ppocr or vlm");
        };
    }

    /**
     * {@code --format pdf|hocr|alto} with the VLM: each input's pages read by the model become the
     * same files PP-OCR's pages make (a searchable PDF keeps a PDF input's pages and adds the text),
     * written where {@code -o} says ({@link FileOutput#plan}).
     */
    static int files(VlmOptions vlm, List<Path> paths, boolean recursive, PageRange range, OutputFormat fmt, FileOutput.Kind kind,
                     Path output, boolean forceOcr, boolean quiet) throws Exception {
        boolean many = InputFiles.many(paths);
        List<InputFiles.Input> inputs = InputFiles.list(paths, recursive, System.err);
        FileOutput.Plan plan = FileOutput.plan(fmt, output, inputs, many);
        int dpi = VlmOptions.limits().pdfDpi();
        return VlmCli.runOver(vlm.config(System.getenv()), inputs, many, range, quiet, new VlmCli.Task<FileOutput.Rendered>() {
            @Override
            public List<PageAnswer<FileOutput.Rendered>> read(VlmReader r, byte[] bytes, PageRange pages) {
                List<PageAnswer<Page>> answers = new java.util.ArrayList<>();
                FileOutput.Rendered file = FileOutput.render(p -> {
                    answers.addAll(r.ocr(bytes, p));
                    return new dev.lector.result.Document(answers.stream().map(PageAnswer::value).toList());
                }, dpi, kind, bytes, "input", pages, forceOcr);
                if (answers.isEmpty()) return List.of(new PageAnswer<>(0, 0, 0, file, new dev.lector.vlm.Completion("", dev.lector.vlm.Completion.STOP, -1, -1, 0, 1)));
                PageAnswer<Page> first = answers.getFirst();
                return List.of(new PageAnswer<>(first.page(), first.width(), first.height(), file, first.completion()));
            }

            @Override
            public String label() {
                return "ocr";
            }

            @Override
            public void print(PrintStream out, InputFiles.Input in, boolean multiPage, boolean multiFile, PageAnswer<FileOutput.Rendered> page, double ms) {
                try {
                    if (page.value().message() != null) System.err.println("lector: " + in.name() + ": " + page.value().message());
                    if (plan.perInput() != null) {
                        FileOutput.write(plan.perInput().get(in), page.value().bytes());
                    } else {
                        out.write(page.value().bytes());
                        out.flush();
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
    }

    static int run(VlmOptions vlm, List<Path> paths, boolean recursive, PageRange range, OutputFormat fmt, boolean quiet) throws Exception {
        PrintStream[] header = new PrintStream[1];
        return VlmCli.run(vlm.config(System.getenv()), paths, recursive, range, quiet, new VlmCli.Task<Page>() {
            @Override
            public List<PageAnswer<Page>> read(VlmReader r, byte[] bytes, PageRange pages) {
                return r.ocr(bytes, pages);
            }

            @Override
            public String label() {
                return "ocr";
            }

            @Override
            public void print(PrintStream out, InputFiles.Input name, boolean multiPage, boolean multiFile, PageAnswer<Page> page, double ms) {
                if (header[0] != out) {
                    fmt.printHeader(out);
                    header[0] = out;
                }
                fmt.print(out, name, multiPage, page.value(), ms, multiFile);
            }
        });
    }
}
