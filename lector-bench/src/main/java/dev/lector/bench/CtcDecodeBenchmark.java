package dev.lector.bench;

import dev.lector.recognize.Charset;
import dev.lector.recognize.CtcDecoder;
import dev.lector.recognize.Recognized;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Greedy CTC decoding of PP-OCRv4-shaped recogniser output: {@value #STEPS} time steps (a 320 px
 * wide crop) of {@value #CLASSES} classes (blank + 6623 characters + space). Each step is shaped like
 * a softmax: one dominant class (p 0.6 to 0.999; the blank about half the time, runs of a repeated
 * character) and the rest of the mass spread at random over the other classes.
 * {@link #decodeLine} decodes {@code [1, 40, 6625]}; {@link #decodeBatch} decodes a
 * {@code [8, 40, 6625]} batch line by line from offsets, as {@code CtcTextRecognizer} does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    "-Djava.awt.headless=true"})
@State(Scope.Benchmark)
public class CtcDecodeBenchmark {

    static final int STEPS = 40;
    static final int CLASSES = 6625;
    static final int BATCH = 8;

    private CtcDecoder decoder;
    private float[] line;
    private float[] batch;

    @Setup(Level.Trial)
    public void setUp() {
        List<String> dictionary = new ArrayList<>(CLASSES - 2);
        for (char c = '!'; c <= '~'; c++) dictionary.add(String.valueOf(c));
        for (int cp = 0x4E00; dictionary.size() < CLASSES - 2; cp++) dictionary.add(Character.toString(cp));
        decoder = new CtcDecoder(Charset.of(dictionary, CLASSES, "synthetic PP-OCRv4-sized dictionary"));
        Random random = new Random(11);
        line = softmaxLike(random, 1);
        batch = softmaxLike(random, BATCH);
        for (int i = 0; i < BATCH; i++) {
            Recognized r = decoder.decode(batch, i * STEPS * CLASSES, STEPS, CLASSES);
            if (r.text().length() < 5 || r.score() < 0.5) {
                throw new IllegalStateException("line " + i + " decoded to " + r + ": not a text line");
            }
        }
    }

    /** One op: one [1, 40, 6625] line. */
    @Benchmark
    public Recognized decodeLine() {
        return decoder.decode(line, 0, STEPS, CLASSES);
    }

    /** One op: all 8 lines of a [8, 40, 6625] batch. */
    @Benchmark
    public Recognized[] decodeBatch() {
        Recognized[] out = new Recognized[BATCH];
        for (int i = 0; i < BATCH; i++) {
            out[i] = decoder.decode(batch, i * STEPS * CLASSES, STEPS, CLASSES);
        }
        return out;
    }

    /** {@code [n, STEPS, CLASSES]} probabilities, each step summing to 1 with one dominant class. */
    static float[] softmaxLike(Random random, int n) {
        float[] out = new float[n * STEPS * CLASSES];
        float[] rest = new float[CLASSES];
        for (int i = 0; i < n; i++) {
            int previous = 0;
            for (int t = 0; t < STEPS; t++) {
                int best;
                double roll = random.nextDouble();
                if (roll < 0.5) best = 0;
                else if (roll < 0.6 && previous != 0) best = previous;
                else best = 1 + random.nextInt(CLASSES - 1);
                float p = 0.6f + random.nextFloat() * 0.399f;
                double sum = 0;
                for (int c = 0; c < CLASSES; c++) {
                    float r = random.nextFloat();
                    rest[c] = c == best ? 0 : r * r * r; // skewed, like a real softmax tail
                    sum += rest[c];
                }
                int base = (i * STEPS + t) * CLASSES;
                float scale = (float) ((1 - p) / sum);
                for (int c = 0; c < CLASSES; c++) out[base + c] = rest[c] * scale;
                out[base + best] = p;
                previous = best;
            }
        }
        return out;
    }
}
