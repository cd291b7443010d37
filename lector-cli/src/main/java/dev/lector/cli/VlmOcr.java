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
