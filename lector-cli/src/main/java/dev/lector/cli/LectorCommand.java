package dev.lector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lector} command. */
@Command(name = "lector", mixinStandardHelpOptions = true, versionProvider = LectorCommand.Version.class,
        description = "Fast OCR with PP-OCR models: read text in images and PDFs.",
        subcommands = {OcrCommand.class, ExtractCommand.class, ParseCommand.class, TranslateCommand.class, ServeCommand.class, EvalCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class LectorCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cl = new CommandLine(new LectorCommand());
        // bench --compare '--no-cls' '': an option string that is one option name is still a value
        cl.getSubcommands().get("bench").setAllowOptionsAsOptionParameters(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("lector: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("LECTOR_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return 2;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lector " + dev.lector.BuildInfo.current().text()};
        }
    }
}
