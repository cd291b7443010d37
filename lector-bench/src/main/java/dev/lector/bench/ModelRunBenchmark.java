package dev.lector.bench;

import dev.lector.backend.BackendProvider;
import dev.lector.backend.Device;
import dev.lector.backend.InferenceBackend;
import dev.lector.backend.ModelSession;
import dev.lector.backend.ModelSource;
import dev.lector.backend.Tensor;
import dev.lector.pipeline.ModelSet;
import dev.lector.recognize.CalibrationLines;
import dev.lector.recognize.Charset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One run of an embedded PP-OCR model on ONNX Runtime, one thread: det on a 960x736 page, rec on a
 * 48x320 line, cls on a 48x192 line. {@code variant}: {@code exported} (the graph as shipped),
 * {@code rewritten} (after {@code dev.lector.onnx.graph.ModelRewriter}, what Lector runs in
 * float), {@code int8} (rec only: rewritten, then its pointwise convolutions quantised, calibrated
 * on Lector's drawn lines as the engine does), {@code int8-unfused} (the same with its
 * dequantised hard-swishes left as HardSigmoid and Mul, {@code -Dlector.int8.hardSwish=false}).
 * The input is fixed noise; the models' cost does not
 * depend on the values. {@code -p model=rec} for the three rec variants, {@code -p variant=exported,rewritten}
 * for det and cls.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    "-Djava.awt.headless=true"})
@State(Scope.Benchmark)
public class ModelRunBenchmark {

    @Param({"det", "rec", "cls"})
    public String model;

    @Param({"exported", "rewritten", "int8", "int8-unfused"})
    public String variant;

    private InferenceBackend backend;
    private ModelSession session;
    private Tensor input;

    @Setup(Level.Trial)
    public void setUp() {
        boolean int8 = variant.startsWith("int8");
        if (int8 && !model.equals("rec")) {
            throw new IllegalArgumentException("variant int8 is for rec only (run det and cls with -p variant=exported,rewritten)");
        }
        backend = BackendProvider.find(null).create(new Device.Cpu(1), false, !variant.equals("exported"));
        ModelSource source = switch (model) {
            case "det" -> ModelSet.EMBEDDED.det();
            case "rec" -> ModelSet.EMBEDDED.rec();
            case "cls" -> ModelSet.EMBEDDED.cls();
            default -> throw new IllegalArgumentException("model must be det, rec or cls: " + model);
        };
        long[] shape = switch (model) {
            case "det" -> new long[] {1, 3, 960, 736};
            case "rec" -> new long[] {1, 3, 48, 320};
            default -> new long[] {1, 3, 48, 192};
        };
        if (variant.equals("int8-unfused")) System.setProperty("lector.int8.hardSwish", "false");
        try {
            session = int8
                    ? backend.loadQuantized(source, () -> CalibrationLines.renderWithSystemFonts(dictionary(), 32, 1))
                    : backend.load(source);
        } finally {
            System.clearProperty("lector.int8.hardSwish");
        }
        if (session.precision().equals("int8") != int8) {
            throw new IllegalStateException(model + " " + variant + " loaded as " + session.precision());
        }
        float[] data = new float[(int) (shape[1] * shape[2] * shape[3])];
        Random r = new Random(3);
        for (int i = 0; i < data.length; i++) data[i] = (float) r.nextGaussian() * 0.5f;
        input = new Tensor(data, shape);
        Tensor out = session.run(input);
        if (out.data().length == 0) throw new IllegalStateException(model + " returned an empty output");
    }

    private static List<String> dictionary() {
        try {
            return Charset.readDictionary(ModelSet.EMBEDDED.dictionary().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    /** One op: one model run, input copied in and output copied out as the pipeline does. */
    @Benchmark
    public Tensor run() {
        return session.run(input);
    }
}
