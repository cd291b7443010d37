package dev.lector.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Groups each command's options in {@code --help}: the everyday options first (in the order the
 * command declares them), then serve's async jobs, models and threads, the tuning knobs, and the
 * VLM back end's settings; and adds the exit codes. Which group an option is in follows from where
 * it is declared ({@link JobOptions}, {@link EngineOptions}, {@link VlmOptions}), so a new option
 * lands in the right place.
 */
final class HelpSections {

    /** The engine options a user picks every day; the rest of {@link EngineOptions} are tuning knobs. */
    static final Set<String> MODEL_OPTIONS = Set.of("--threads", "--device", "--det-model", "--rec-model", "--cls-model", "--dict", "--calibration");

    static final String EVERYDAY = "Options:";
    static final String MODELS = "Models and threads:";
    static final String TUNING = "Tuning (the defaults are measured; see docs/performance.md):";
    static final String VLM = "VLM back end (--engine vlm, parse, translate; see docs/vlm.md):";
    static final String JOBS = "Async jobs (see docs/jobs.md):";

    private static final Set<String> ENGINE = names(new EngineOptions());
    private static final Set<String> VLM_OPTIONS = names(new VlmOptions());
    private static final Set<String> JOB_OPTIONS = names(new JobOptions());

    private HelpSections() {}

    private static Set<String> names(Object mixin) {
        return CommandSpec.forAnnotatedObject(mixin).options().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
    }

    /** Installs the grouped option list and the exit codes on every subcommand of {@code root}. */
    static void install(CommandLine root) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String[] c : ErrorReport.ExitCode.LIST) codes.put(c[0], c[1]);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) continue;
            sub.getCommandSpec().usageMessage().sortOptions(false).abbreviateSynopsis(true).exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
            sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
            sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpSections::optionList);
        }
    }

    /** The heading each option of a command is listed under. */
    static String group(OptionSpec o) {
        String name = o.longestName();
        if (VLM_OPTIONS.contains(name)) return VLM;
        if (JOB_OPTIONS.contains(name)) return JOBS;
        if (ENGINE.contains(name)) return MODEL_OPTIONS.contains(name) ? MODELS : TUNING;
        return EVERYDAY;
    }

    private static String optionList(Help help) {
        Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
        for (String g : List.of(EVERYDAY, JOBS, MODELS, TUNING, VLM)) groups.put(g, new ArrayList<>());
        for (OptionSpec o : help.commandSpec().options()) {
            if (!o.hidden()) groups.get(group(o)).add(o);
        }
        // -h and -V last among the everyday options: what the command does comes first
        List<OptionSpec> everyday = groups.get(EVERYDAY);
        List<OptionSpec> standard = everyday.stream().filter(o -> o.usageHelp() || o.versionHelp()).toList();
        everyday.removeAll(standard);
        everyday.addAll(standard);
        CommandSpec spec = help.commandSpec();
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<OptionSpec>> g : groups.entrySet()) {
            if (g.getValue().isEmpty()) continue;
            sb.append(sb.isEmpty() ? "" : "\n").append(g.getKey()).append('\n');
            // a fresh layout per group (a layout keeps its rows), sized over all options so the columns line up
            Help.Layout layout = help.createDefaultLayout(spec.options(), spec.positionalParameters(), help.colorScheme());
            sb.append(help.optionListExcludingGroups(g.getValue(), layout, null, help.parameterLabelRenderer()));
        }
        return sb.toString();
    }
}
