package dev.lector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lector} command. */
@Command(name = "lector", mixinStandardHelpOptions = true, versionProvider = LectorCommand.Version.class,
        description = "Fast OCR with PP-OCR models: read text in images and PDFs.",
        footerHeading = "%nExamples:%n",
        footer = {"  lector ocr scan.png                          the text of one image",
                "  lector ocr -r -f jsonl -o pages.jsonl scans/ every page under scans/",
                "  lector ocr -f pdf -o searchable.pdf scan.pdf a searchable PDF",
                "  lector extract --template receipt receipt.jpg",
                "  lector serve --port 8080                     the HTTP service and web page",
                "  lector COMMAND --help                        options (also docs/cli.md)"},
        subcommands = {OcrCommand.class, ExtractCommand.class, ParseCommand.class, TranslateCommand.class, ServeCommand.class, EvalCommand.class, BenchCommand.class, CalibrateCommand.class,
                CommandLine.HelpCommand.class})
public final class LectorCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cl = new CommandLine(new LectorCommand());
        // bench --compare '--no-cls' '': an option string that is one option name is still a value
        cl.getSubcommands().get("bench").setAllowOptionsAsOptionParameters(true);
        // every failure is one line (ErrorReport), with the exit codes of ErrorReport.ExitCode
        cl.setParameterExceptionHandler(ErrorReport.parameterHandler());
        cl.setExecutionExceptionHandler(ErrorReport.executionHandler());
        HelpSections.install(cl);
        if (args.length == 0) {
            cl.usage(cl.getErr());
            return ErrorReport.ExitCode.USAGE;
        }
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lector " + dev.lector.BuildInfo.current().text()};
        }
    }
}
