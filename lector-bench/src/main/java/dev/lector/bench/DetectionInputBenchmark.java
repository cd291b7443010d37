package dev.lector.bench;

import dev.lector.detect.LimitType;
import dev.lector.image.ImageOps;
import dev.lector.image.PageImage;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The detector's input: a 460x1030 receipt page resized (bilinear, OpenCV) to limit side 960 as
 * multiples of 32 (416x960) and normalised into the float {@code [1, 3, 960, 416]} tensor, as
 * {@code DbTextDetector} does before running the det model. {@link #resize} measures the resize
 * alone, so {@code detectionInput - resize} is the normalisation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    "-Djava.awt.headless=true"})
@State(Scope.Benchmark)
public class DetectionInputBenchmark {

    @Param("960")
    public int limitSidePx;

    private PageImage page;
    private int resizedWidth;
    private int resizedHeight;

    @Setup(Level.Trial)
    public void setUp() {
        page = ReceiptPage.render(42).image();
        ImageOps.DetInput input = ImageOps.detectionInput(page, limitSidePx, LimitType.MAX); // loads OpenCV
        resizedWidth = input.resizedWidth();
        resizedHeight = input.resizedHeight();
        if (resizedWidth == page.width() && resizedHeight == page.height()) {
            throw new IllegalStateException("page " + page + " is not resized at limit side " + limitSidePx);
        }
    }

    /** One op: resize plus normalisation of the page into the detector tensor. */
    @Benchmark
    public ImageOps.DetInput detectionInput() {
        return ImageOps.detectionInput(page, limitSidePx, LimitType.MAX);
    }

    /** One op: the bilinear resize alone, to the size {@link #detectionInput} uses. */
    @Benchmark
    public PageImage resize() {
        return ImageOps.resize(page, resizedWidth, resizedHeight);
    }
}
