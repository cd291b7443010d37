package dev.lector.cli;

import dev.lector.cli.InputFiles.Input;
import dev.lector.pipeline.CalibrationFile;
import dev.lector.pipeline.Int8Calibrator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lector calibrate DIR}: INT8 calibration of the detector and the recogniser on the user's
 * own pages, checked against float on held-back pages, written to a file that
 * {@code --calibration} loads (see docs/int8.md).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Calibrate INT8 detection (and recognition) on your own pages and check it against float.",
                "Every fourth page (sorted by name) is held back for the check; the rest calibrate. The file records both,",
                "and the check's figures; --calibration FILE then runs in INT8 each model that passed (see docs/int8.md)."},
        footerHeading = "%nExamples:%n",
        footer = {"  lector calibrate -o receipts.int8.json receipts/",
                "  lector ocr --calibration receipts.int8.json receipt.jpg",
                "  lector serve --calibration receipts.int8.json"})
final class CalibrateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Folders, image or PDF files, or patterns: pages like the ones you will read (20 or more is good).")
    List<Path> paths;

    @Option(names = {"-r", "--recursive"}, description = "Descend into sub-folders.")
    boolean recursive;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "lector-calibration.json",
            description = "Where to write the calibration (default ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--models", paramLabel = "det,rec", defaultValue = "det,rec", split = ",",
            description = "Which models to calibrate: det, rec or both (default ${DEFAULT-VALUE}). Without rec the recogniser keeps Lector's own INT8 calibration.")
    java.util.Set<String> models;

    @Option(names = {"-q", "--quiet"}, description = "Only errors.")
    boolean quiet;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        if (!CalibrationFile.ROLES.containsAll(models)) {
            throw new IllegalArgumentException("--models takes det, rec or det,rec, not " + String.join(",", models));
        }
        var options = engineOptions.ocrOptions();
        var config = engineOptions.engineConfig();
        if (config.calibration() != null) throw new IllegalArgumentException("--calibration is for reading; calibrate writes a new file with -o");
        PrintStream err = System.err;
        List<Input> inputs = InputFiles.list(paths, recursive, err);
        if (inputs.stream().anyMatch(Input::isStdin)) throw new IllegalArgumentException("calibrate reads files, not standard input");
        if (Files.isDirectory(output)) throw new IllegalArgumentException("-o " + output + " is a folder: name the calibration file");
        FileOutput.checkedFile(output);
        List<Int8Calibrator.Input> pages = new ArrayList<>();
        for (Input in : inputs) pages.add(new Int8Calibrator.Input(in.name(), () -> Files.readAllBytes(in.path())));
        String source = paths.size() == 1 ? paths.getFirst().toString() : paths.toString();
        CalibrationFile file = Int8Calibrator.calibrate(config, options, source, pages, models, what -> {
            if (!quiet) err.println("lector: " + what);
        });
        FileOutput.write(output, file.toJson());
        PrintStream out = System.out;
        for (CalibrationFile.ModelCalibration m : file.models()) {
            out.printf("%s %s: INT8 %s (%s); calibrated on %d, checked on %d%n", m.role(), m.model(), m.passed() ? "passed" : "FAILED",
                    m.checkSummary(), m.calibratedOn().size(), m.checkedOn().size());
        }
        out.println("wrote " + output);
        return ErrorReport.ExitCode.OK;
    }
}
