package dev.lector.bench;

import dev.lector.detect.DbParams;
import dev.lector.detect.DbPostProcessor;
import dev.lector.detect.DetectedBox;
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
 * DB post-processing with PaddleOCR's defaults ({@link DbParams#DEFAULT}) of a hand-built 960x960
 * probability map holding {@value #BLOBS} text-line kernels (two columns of 25 rows, 60 to 420 px
 * long, 8 to 12 px high, every fifth one turned by up to two degrees; values 0.8 to 0.99 inside with a
 * 0.45 rim, background noise below 0.08), mapped back to a 460x1030 page.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    "-Djava.awt.headless=true"})
@State(Scope.Benchmark)
public class DbPostProcessBenchmark {

    static final int SIDE = 960;
    static final int BLOBS = 50;

    private final DbPostProcessor post = new DbPostProcessor(DbParams.DEFAULT);
    private float[] map;

    @Setup(Level.Trial)
    public void setUp() {
        map = probabilityMap(new Random(7));
        int found = post.process(map, SIDE, SIDE, ReceiptPage.WIDTH, ReceiptPage.HEIGHT).size();
        if (found != BLOBS) {
            throw new IllegalStateException("the map should give " + BLOBS + " boxes, it gave " + found);
        }
    }

    /** One op: the whole map to boxes (binarise, contours, score, unclip, scale). */
    @Benchmark
    public List<DetectedBox> process() {
        return post.process(map, SIDE, SIDE, ReceiptPage.WIDTH, ReceiptPage.HEIGHT);
    }

    static float[] probabilityMap(Random random) {
        float[] map = new float[SIDE * SIDE];
        for (int i = 0; i < map.length; i++) map[i] = random.nextFloat() * 0.08f;
        int rows = BLOBS / 2;
        double pitch = (SIDE - 40) / (double) rows;
        for (int b = 0; b < BLOBS; b++) {
            int row = b / 2, column = b % 2;
            double w = 60 + random.nextInt(361);
            double h = 8 + random.nextInt(5);
            double left = column == 0 ? 20 + random.nextInt(20) : 480 + random.nextInt(20);
            double cx = left + w / 2;
            double cy = 20 + pitch * (row + 0.5);
            double angle = b % 5 == 4 ? (random.nextDouble() * 2 - 1) * 2 : 0;
            fillKernel(map, cx, cy, w, h, angle, 0.8f + random.nextFloat() * 0.19f, random);
        }
        return map;
    }

    /** A rotated rectangle (angle in degrees, clockwise on screen): a 0.45 rim one pixel wide around a noisy core. */
    private static void fillKernel(float[] map, double cx, double cy, double w, double h, double angleDeg, float core,
                                   Random random) {
        double a = Math.toRadians(angleDeg), cos = Math.cos(a), sin = Math.sin(a);
        double reach = (Math.abs(w * cos) + Math.abs(h * sin)) / 2 + 2;
        double reachY = (Math.abs(w * sin) + Math.abs(h * cos)) / 2 + 2;
        int x0 = Math.max(0, (int) (cx - reach)), x1 = Math.min(SIDE - 1, (int) Math.ceil(cx + reach));
        int y0 = Math.max(0, (int) (cy - reachY)), y1 = Math.min(SIDE - 1, (int) Math.ceil(cy + reachY));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = x - cx, dy = y - cy;
                double u = Math.abs(dx * cos + dy * sin), t = Math.abs(-dx * sin + dy * cos);
                if (u <= w / 2 - 1 && t <= h / 2 - 1) {
                    map[y * SIDE + x] = Math.min(1f, core + (random.nextFloat() - 0.5f) * 0.04f);
                } else if (u <= w / 2 && t <= h / 2) {
                    map[y * SIDE + x] = 0.45f;
                }
            }
        }
    }
}
