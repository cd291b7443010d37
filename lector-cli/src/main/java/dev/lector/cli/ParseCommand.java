package dev.lector.cli;

import dev.lector.image.PageRange;
import dev.lector.vlm.PageAnswer;
import dev.lector.vlm.VlmReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lector parse FILE...}: each page as Markdown, from the VLM back end (document parsing). */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parse documents to Markdown with a vision-language model (tables as HTML, formulas as LaTeX).",
                "Needs a VLM back end: --vlm-url or LECTOR_VLM_URL (see docs/vlm.md)."},
        footerHeading = "%nExamples:%n",
        footer = {"  lector parse --vlm-url http://127.0.0.1:8000/v1 report.pdf > report.md",
                "  LECTOR_VLM_URL=http://gpu:8000/v1 lector parse -f jsonl -r scans/"})
final class ParseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Image or PDF files, folders, patterns such as 'scans/*.png', or - for standard input.")
    List<Path> paths;

    @Option(names = {"-r", "--recursive"}, description = "Descend into sub-folders.")
    boolean recursive;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "markdown", converter = OptionValues.ParseFormat.class, description = "markdown, json or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--pages", paramLabel = "PAGES", defaultValue = "all", converter = OptionValues.Pages.class, description = "PDF pages to read, e.g. 1-3,5 (default ${DEFAULT-VALUE}).")
    String pages;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary line (errors are still said).")
    boolean quiet;

    @Mixin
    VlmOptions vlm;

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("markdown", "md", "json", "jsonl").contains(fmt)) {
            throw new IllegalArgumentException("unknown format '" + format + "': use markdown, json or jsonl");
        }
        return VlmCli.run(vlm.config(System.getenv()), paths, recursive, PageRange.parse(pages), quiet, new VlmCli.Task<String>() {
            @Override
            public List<PageAnswer<String>> read(VlmReader r, byte[] bytes, PageRange range) {
                return r.parse(bytes, range);
            }

            @Override
            public String label() {
                return "parse";
            }

            @Override
            public void print(java.io.PrintStream out, InputFiles.Input name, boolean multiPage, boolean multiFile, PageAnswer<String> page, double ms) {
                if (fmt.startsWith("json")) {
                    var n = VlmCli.pageJson(name, page, ms);
                    n.put("markdown", page.value());
                    out.println(fmt.equals("json") ? n.toPrettyString() : n.toString());
                } else {
                    VlmCli.textHeader(out, name, multiPage, multiFile, page.page());
                    if (!page.value().isEmpty()) out.println(page.value());
                }
            }
        });
    }
}
