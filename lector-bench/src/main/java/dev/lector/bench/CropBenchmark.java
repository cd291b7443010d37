package dev.lector.bench;

import dev.lector.geometry.Quad;
import dev.lector.image.ImageOps;
import dev.lector.image.PageImage;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Perspective crops ({@link ImageOps#cropQuad}, bicubic warp) of the {@value ReceiptPage#LINES} text
 * lines of a 460x1030 receipt page, every fifth quad turned by up to two degrees.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    "-Djava.awt.headless=true"})
@State(Scope.Benchmark)
public class CropBenchmark {

    private PageImage page;
    private List<Quad> quads;

    @Setup(Level.Trial)
    public void setUp() {
        ReceiptPage receipt = ReceiptPage.render(42);
        page = receipt.image();
        quads = receipt.lines();
        for (Quad q : quads) {
            PageImage crop = ImageOps.cropQuad(page, q); // loads OpenCV
            if (crop.height() < 10 || crop.width() < crop.height()) {
                throw new IllegalStateException("crop of " + q + " is " + crop + ": not a text line");
            }
        }
    }

    /** One op: all 50 lines of the page cropped (divide by 50 for one crop). */
    @Benchmark
    public void cropPage(Blackhole bh) {
        for (Quad q : quads) {
            bh.consume(ImageOps.cropQuad(page, q));
        }
    }
}
