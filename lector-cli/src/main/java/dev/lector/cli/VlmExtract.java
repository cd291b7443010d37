package dev.lector.cli;

import dev.lector.image.PageRange;
import dev.lector.vlm.PageAnswer;
import dev.lector.vlm.VlmFields;
import dev.lector.vlm.VlmReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The VLM path of {@code lector extract --engine vlm --keys K1,K2 PATH...}: the model is asked
 * HunyuanOCR's field-extraction prompt per page and the fields print as
 * {@code {"image","page","fields":{"KEY":{"value","engine":"vlm"}},"finish",...}} (jsonl: one line
 * per page; json: pretty). {@code ExtractCommand} calls {@link #run} when {@code --engine vlm}.
 */
final class VlmExtract {

    private VlmExtract() {}

    /** Splits {@code K1,K2} (also repeated options) into keys, blanks dropped. */
    static List<String> keys(List<String> raw) {
        return raw == null ? List.of() : raw.stream().flatMap(k -> Arrays.stream(k.split(","))).map(String::strip)
                .filter(k -> !k.isEmpty()).distinct().toList();
    }

    static int run(VlmOptions vlm, List<String> rawKeys, List<Path> paths, boolean recursive, String pages, String format) throws Exception {
        return run(vlm, rawKeys, paths, recursive, pages, format, false);
    }

    static int run(VlmOptions vlm, List<String> rawKeys, List<Path> paths, boolean recursive, String pages, String format, boolean quiet) throws Exception {
        List<String> keys = keys(rawKeys);
        if (keys.isEmpty()) throw new IllegalArgumentException("--keys needs at least one key, e.g. --keys 'Invoice No,Total'");
        String fmt = format == null ? "jsonl" : format.toLowerCase(Locale.ROOT);
        if (!List.of("json", "jsonl").contains(fmt)) throw new IllegalArgumentException("unknown format '" + format + "': use json or jsonl");
        return VlmCli.run(vlm.config(System.getenv()), paths, recursive, PageRange.parse(pages), quiet, new VlmCli.Task<VlmFields>() {
            @Override
            public List<PageAnswer<VlmFields>> read(VlmReader r, byte[] bytes, PageRange range) {
                return r.extract(bytes, range, keys);
            }

            @Override
            public String label() {
                return "extract";
            }

            @Override
            public void print(PrintStream out, InputFiles.Input name, boolean multiPage, boolean multiFile, PageAnswer<VlmFields> page, double ms) {
                var n = VlmCli.pageJson(name, page, ms);
                n.set("fields", page.value().toJson());
                out.println(fmt.equals("json") ? n.toPrettyString() : n.toString());
            }
        });
    }
}
