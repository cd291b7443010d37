package dev.lector.pipeline;

import dev.lector.BuildInfo;
import dev.lector.backend.BackendProvider;
import dev.lector.backend.InferenceBackend;
import dev.lector.backend.Int8Observer;
import dev.lector.backend.ModelSession;
import dev.lector.backend.StoredCalibration;
import dev.lector.classify.CnnOrientationClassifier;
import dev.lector.detect.DbTextDetector;
import dev.lector.eval.DetectionMatch;
import dev.lector.eval.DetectionMatcher;
import dev.lector.eval.GroundTruthLine;
import dev.lector.eval.MatchedPair;
import dev.lector.eval.TextMetrics;
import dev.lector.image.PageRange;
import dev.lector.recognize.Charset;
import dev.lector.recognize.CtcTextRecognizer;
import dev.lector.result.Line;
import dev.lector.result.ModelInfo;
import dev.lector.result.Page;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * INT8 calibration on a user's own pages ({@code lector calibrate}). The pages are sorted by name;
 * every fourth is held back for the check, the others calibrate. Calibrating is reading them with
 * the float models while the backend records the activation ranges ({@link Int8Observer}); the
 * check reads the held-back pages three times: all float, with the INT8 detector, with the INT8
 * recogniser, and compares each INT8 reading with the float one: lines matched one to one at IoU
 * 0.5 give the detection Hmean, matched lines with the same text the line agreement. A model passes
 * when every figure reaches its minimum; an engine runs only passed models in INT8.
 */
public final class Int8Calibrator {

    /**
     * Least detection Hmean of the INT8 detector's lines against the float detector's. Two
     * readings that are equally right still differ a little: the INT8 detector calibrated on 23
     * SROIE receipts scored 0.972 on the 7 held back, and read the other 30 receipts of the set at
     * page CER 0.0283 against float's 0.0275.
     */
    public static final double MIN_DET_HMEAN = 0.95;
    /**
     * Least share of the float reading's characters the INT8 reading has too (one minus their
     * CER). The INT8 recogniser Lector runs by default scores 0.992 on those 7 receipts, the INT8
     * detector above 0.985.
     */
    public static final double MIN_TEXT_AGREEMENT = 0.98;
    /** Every how many pages one is held back for the check. */
    static final int CHECK_EVERY = 4;

    /**
     * One input file: a name to record and how to read its bytes (an image or a PDF), read each
     * time it is read, so that a folder of pages is never held in memory at once.
     */
    public record Input(String name, Bytes bytes) {
        /** Bytes already in memory. */
        public Input(String name, byte[] bytes) {
            this(name, () -> bytes);
        }
    }

    /** Where an input's bytes come from. */
    @FunctionalInterface
    public interface Bytes {
        byte[] read() throws IOException;
    }

    private Int8Calibrator() {
    }

    /**
     * Calibrates the detector and the recogniser of {@code config}'s models on {@code inputs} and
     * checks them.
     *
     * @param source   the folder the inputs came from, recorded in the file
     * @param progress told what is being done, in a few words
     * @throws IllegalArgumentException with fewer than two inputs
     */
    public static CalibrationFile calibrate(EngineConfig config, OcrOptions options, String source, List<Input> inputs,
                                            Consumer<String> progress) {
        return calibrate(config, options, source, inputs, CalibrationFile.ROLES, progress);
    }

    /**
     * As {@link #calibrate(EngineConfig, OcrOptions, String, List, Consumer)} for the models of
     * {@code roles} only ({@code det}, {@code rec}).
     */
    public static CalibrationFile calibrate(EngineConfig config, OcrOptions options, String source, List<Input> inputs,
                                            java.util.Set<String> roles, Consumer<String> progress) {
        if (roles.isEmpty() || !CalibrationFile.ROLES.containsAll(roles)) {
            throw new IllegalArgumentException("the models to calibrate are det and/or rec, not " + roles);
        }
        if (inputs.size() < 2) throw new IllegalArgumentException("calibration needs at least 2 pages, one to calibrate on and one to check on; found " + inputs.size());
        List<Input> sorted = new ArrayList<>(inputs);
        sorted.sort(Comparator.comparing(Input::name));
        List<Input> calibrate = new ArrayList<>();
        List<Input> check = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) (i % CHECK_EVERY == CHECK_EVERY - 1 ? check : calibrate).add(sorted.get(i));
        if (check.isEmpty()) check.add(calibrate.removeLast());

        EngineConfig base = config.withCalibration(null).withWarmUp(false);
        try (InferenceBackend backend = BackendProvider.find(base.backend()).create(base.device(), true, base.rewriteGraphs())) {
            ModelSet models = base.models();
            ModelSession recFloat = backend.load(models.rec());
            Charset charset = Charset.of(EngineFactory.dictionary(EngineFactory.read(models.dictionary(), "dictionary"), models.dictionary()),
                    recFloat.outputWidth(), models.dictionary().name());
            ModelSession detFloat = backend.load(models.det());
            ModelSession cls = models.cls() == null ? null : backend.load(models.cls());
            ModelInfo info = new ModelInfo(detFloat.name(), recFloat.name(), cls == null ? null : cls.name());
            Stages stages = new Stages(base, options, cls, charset, info);

            Int8Observer detObserver = roles.contains("det") ? backend.observeForInt8(models.det()) : null;
            Int8Observer recObserver = roles.contains("rec") ? backend.observeForInt8(models.rec()) : null;
            if (detObserver == null && recObserver == null) {
                throw new IllegalArgumentException("backend " + backend.name() + " on " + backend.device() + " cannot run models in INT8");
            }
            progress.accept("calibrating on " + calibrate.size() + " inputs");
            stages.read(detObserver != null ? detObserver : detFloat, recObserver != null ? recObserver : recFloat, calibrate);
            progress.accept("checking on " + check.size() + " held-back inputs");
            List<Page> reference = stages.read(detFloat, recFloat, check);

            List<CalibrationFile.ModelCalibration> entries = new ArrayList<>();
            List<String> calibratedOn = calibrate.stream().map(Input::name).toList();
            List<String> checkedOn = check.stream().map(Input::name).toList();
            if (detObserver != null) {
                StoredCalibration cal = detObserver.calibration();
                ModelSession int8 = backend.loadCalibrated(models.det(), cal);
                if (int8 != null) {
                    Agreement a = Agreement.of(reference, stages.read(int8, recFloat, check));
                    entries.add(new CalibrationFile.ModelCalibration("det", detFloat.name(), detFloat.sha256(), calibratedOn, checkedOn,
                            List.of(new CalibrationFile.Measure("det_hmean", a.hmean(), MIN_DET_HMEAN),
                                    new CalibrationFile.Measure("text_agreement", a.textAgreement(), MIN_TEXT_AGREEMENT),
                                    new CalibrationFile.Measure("line_agreement", a.lineAgreement(), 0)), cal));
                }
            }
            if (recObserver != null) {
                StoredCalibration cal = recObserver.calibration();
                ModelSession int8 = backend.loadCalibrated(models.rec(), cal);
                if (int8 != null) {
                    Agreement a = Agreement.of(reference, stages.read(detFloat, int8, check));
                    entries.add(new CalibrationFile.ModelCalibration("rec", recFloat.name(), recFloat.sha256(), calibratedOn, checkedOn,
                            List.of(new CalibrationFile.Measure("text_agreement", a.textAgreement(), MIN_TEXT_AGREEMENT),
                                    new CalibrationFile.Measure("line_agreement", a.lineAgreement(), 0)), cal));
                }
            }
            if (entries.isEmpty()) throw new IllegalArgumentException("no model could be quantised on " + backend.device());
            return new CalibrationFile(BuildInfo.current().version(), backend.name(), source, entries);
        }
    }

    /** Engines around given detector and recogniser sessions, reading inputs one after another. */
    private record Stages(EngineConfig config, OcrOptions options, ModelSession cls, Charset charset, ModelInfo info) {
        List<Page> read(ModelSession det, ModelSession rec, List<Input> inputs) {
            List<Page> pages = new ArrayList<>();
            try (OcrEngine engine = EngineFactory.fromStages(config, new DbTextDetector(det),
                    cls == null ? null : new CnnOrientationClassifier(cls), new CtcTextRecognizer(rec, charset), info)) {
                for (Input in : inputs) {
                    byte[] bytes;
                    try {
                        bytes = in.bytes().read();
                    } catch (IOException e) {
                        throw new IllegalArgumentException(in.name() + ": cannot read (" + e.getMessage() + ")", e);
                    }
                    try {
                        pages.addAll(engine.read(bytes, PageRange.ALL, options).pages());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(in.name() + ": " + e.getMessage(), e);
                    }
                }
            }
            return pages;
        }
    }

    /**
     * How an INT8 reading agrees with the float one, page by page. {@code hmean}: lines matched one
     * to one at IoU 0.5, over both readings' lines; {@code textAgreement}: one minus the character
     * error rate of the INT8 reading's page text against the float one's (whitespace removed, as
     * {@code lector eval} compares pages); {@code lineAgreement}: the share of the float reading's
     * lines matched by a line with the same text (a stricter figure, for people).
     */
    record Agreement(double hmean, double textAgreement, double lineAgreement) {
        static Agreement of(List<Page> reference, List<Page> other) {
            if (reference.size() != other.size()) throw new IllegalStateException("the readings have different page counts");
            DetectionMatcher matcher = new DetectionMatcher();
            long matched = 0, same = 0, refLines = 0, otherLines = 0, edits = 0, chars = 0;
            for (int p = 0; p < reference.size(); p++) {
                List<Line> a = reference.get(p).lines();
                List<Line> b = other.get(p).lines();
                List<GroundTruthLine> gt = a.stream().map(l -> new GroundTruthLine(l.text(), l.box().corners(), false)).toList();
                DetectionMatch m = matcher.match(gt, b.stream().map(Line::box).toList());
                for (MatchedPair pair : m.pairs()) {
                    matched++;
                    if (a.get(pair.gtIndex()).text().equals(b.get(pair.predIndex()).text())) same++;
                }
                refLines += a.size();
                otherLines += b.size();
                String ra = TextMetrics.normalizeForPage(reference.get(p).text(), false);
                String rb = TextMetrics.normalizeForPage(other.get(p).text(), false);
                edits += TextMetrics.editDistance(ra, rb);
                chars += TextMetrics.length(ra);
            }
            if (refLines == 0 || chars == 0) return new Agreement(0, 0, 0);
            return new Agreement(2.0 * matched / (refLines + otherLines), Math.max(0, 1 - (double) edits / chars), (double) same / refLines);
        }
    }
}
