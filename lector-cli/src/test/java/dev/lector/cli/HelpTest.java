package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help}: everyday options first, then models, tuning and the VLM under their own headings; exit codes; examples. */
class HelpTest {

    private static final List<String> COMMANDS = List.of("ocr", "extract", "parse", "translate", "serve", "eval", "bench", "calibrate");

    @Test
    void ocrHelpGroupsItsOptionsAndEndsWithExamples() {
        CliRun run = CliRun.lector("ocr", "--help");
        assertThat(run.exit()).isZero();
        String h = run.out();
        assertThat(h).startsWith("Usage: lector ocr [OPTIONS] PATH...");
        int everyday = h.indexOf("\nOptions:\n"), models = h.indexOf("\nModels and threads:\n"), tuning = h.indexOf("\nTuning ("),
                vlm = h.indexOf("\nVLM back end ("), codes = h.indexOf("\nExit codes:\n"), examples = h.indexOf("\nExamples:\n");
        assertThat(List.of(everyday, models, tuning, vlm, codes, examples)).doesNotContain(-1).isSorted();
        assertThat(between(h, everyday, models)).contains("--format=FORMAT", "--output=OUT", "--recursive", "--pages", "--quiet", "--help")
                .doesNotContain("--unclip-ratio");
        assertThat(between(h, models, tuning)).contains("--threads=N", "--device=DEVICE", "--det-model=FILE");
        assertThat(between(h, tuning, vlm)).contains("--unclip-ratio=R", "--rec-batch=N", "--det-limit-type=max|min").doesNotContain("--threads");
        assertThat(between(h, vlm, codes)).contains("--vlm-url=URL");
        assertThat(between(h, codes, examples)).contains("  2    nothing was read");
        assertThat(h.substring(examples)).contains("lector ocr -r -o out/ scans/", "cat scan.jpg | lector ocr -");
    }

    private static String between(String s, int from, int to) {
        return s.substring(from, to);
    }

    @Test
    void everyCommandListsEachOptionOnceUnderItsGroupWithExamplesAndExitCodes() {
        for (String c : COMMANDS) {
            CliRun run = CliRun.lector(c, "--help");
            assertThat(run.exit()).as(c).isZero();
            assertThat(run.out()).as(c).contains("\nOptions:\n", "\nExit codes:\n", "\nExamples:\n").startsWith("Usage: lector " + c + " [OPTIONS]");
            CommandLine cl = new CommandLine(new LectorCommand()).getSubcommands().get(c);
            for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                String name = o.longestName();
                var row = java.util.regex.Pattern.compile("\n  (?:-\\S, |    )" + java.util.regex.Pattern.quote(name) + "[=\\s]").matcher(run.out());
                assertThat(row.find()).as(c + " " + name).isTrue();
                int at = row.start();
                assertThat(at).as(c + " " + name).isPositive();
                String heading = HelpSections.group(o);
                int headingAt = run.out().indexOf("\n" + heading + "\n");
                assertThat(headingAt).as(c + " " + heading).isPositive().isLessThan(at);
            }
        }
    }

    @Test
    void noCommandAtAllPrintsTheUsageOnStderrWithExitTwo() {
        CliRun run = CliRun.lector();
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Usage: lector [-hV] [COMMAND]").contains("Examples:");
    }

    @Test
    void theTopLevelHelpHasExamples() {
        CliRun run = CliRun.lector("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Commands:", "ocr", "Examples:", "lector ocr -f pdf -o searchable.pdf scan.pdf");
    }
}
