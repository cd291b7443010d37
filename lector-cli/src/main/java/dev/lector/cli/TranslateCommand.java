package dev.lector.cli;

import dev.lector.image.PageRange;
import dev.lector.vlm.PageAnswer;
import dev.lector.vlm.VlmReader;
import dev.lector.vlm.VlmTask;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lector translate --to en|zh FILE...}: the text of each page translated, from the VLM back end. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Translate the text in images and PDFs into English or Chinese with a vision-language model.",
                "Needs a VLM back end: --vlm-url or LECTOR_VLM_URL (see docs/vlm.md)."},
        footerHeading = "%nExamples:%n",
        footer = {"  lector translate --to en --vlm-url http://127.0.0.1:8000/v1 menu.jpg",
                "  lector translate --to zh -f jsonl letters/"})
final class TranslateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Image or PDF files, folders, patterns such as 'scans/*.png', or - for standard input.")
    List<Path> paths;

    @Option(names = "--to", required = true, paramLabel = "en|zh", converter = OptionValues.Language.class, description = "Target language: en or zh.")
    String to;

    @Option(names = {"-r", "--recursive"}, description = "Descend into sub-folders.")
    boolean recursive;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text", converter = OptionValues.TextFormat.class, description = "text, json or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--pages", paramLabel = "PAGES", defaultValue = "all", converter = OptionValues.Pages.class, description = "PDF pages to read, e.g. 1-3,5 (default ${DEFAULT-VALUE}).")
    String pages;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary line (errors are still said).")
    boolean quiet;

    @Mixin
    VlmOptions vlm;

    @Override
    public Integer call() throws Exception {
        VlmTask task = VlmTask.translateTo(to);
        String lang = task == VlmTask.TRANSLATE_EN ? "en" : "zh";
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("text", "json", "jsonl").contains(fmt)) {
            throw new IllegalArgumentException("unknown format '" + format + "': use text, json or jsonl");
        }
        return VlmCli.run(vlm.config(System.getenv()), paths, recursive, PageRange.parse(pages), quiet, new VlmCli.Task<String>() {
            @Override
            public List<PageAnswer<String>> read(VlmReader r, byte[] bytes, PageRange range) {
                return r.translate(bytes, range, task);
            }

            @Override
            public String label() {
                return "translate";
            }

            @Override
            public void print(java.io.PrintStream out, InputFiles.Input name, boolean multiPage, boolean multiFile, PageAnswer<String> page, double ms) {
                if (fmt.startsWith("json")) {
                    var n = VlmCli.pageJson(name, page, ms);
                    n.put("to", lang);
                    n.put("text", page.value());
                    out.println(fmt.equals("json") ? n.toPrettyString() : n.toString());
                } else {
                    VlmCli.textHeader(out, name, multiPage, multiFile, page.page());
                    if (!page.value().isEmpty()) out.println(page.value());
                }
            }
        });
    }
}
