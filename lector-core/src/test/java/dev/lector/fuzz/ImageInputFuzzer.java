package dev.lector.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lector.image.ImageDecoder;
import dev.lector.image.ImageHeader;
import dev.lector.image.ImageLimits;
import dev.lector.image.InputException;
import dev.lector.image.PageImage;
import java.util.List;

/**
 * Fuzzes the image header reader and the raster decoder (issue 13, item 7): for any bytes, the
 * header either names a format and a positive size or refuses with an {@link InputException};
 * the decoder gives an image of the header's size (or turned by EXIF) or an InputException,
 * never another exception. Seeds: {@code src/test/resources/dev/lector/fuzz/ImageInputFuzzerInputs}
 * (made by {@link FuzzSeeds}).
 */
public class ImageInputFuzzer {

    /** A small pixel cap keeps one input cheap: the header check runs before any decoding. */
    static final ImageDecoder DECODER = new ImageDecoder(ImageLimits.DEFAULT.withMaxPixels(4_000_000));

    @FuzzTest(maxDuration = "3s")
    void headerAndDecoder(byte[] bytes) {
        fuzzerTestOneInput(bytes);
    }

    /** The target, also for Jazzer's command line ({@code --target_class}). */
    public static void fuzzerTestOneInput(byte[] bytes) {
        ImageHeader header;
        try {
            header = ImageHeader.read(bytes);
        } catch (InputException e) {
            return;
        }
        check(header.width() > 0 && header.height() > 0, "header size must be positive: " + header);
        if (!header.format().isRaster()) return;
        List<ImageHeader> pages;
        try {
            pages = ImageHeader.pages(bytes);
        } catch (InputException e) {
            return;
        }
        check(!pages.isEmpty(), "a raster image has at least one page");
        try {
            PageImage image = DECODER.decode(bytes);
            boolean asDeclared = image.width() == header.width() && image.height() == header.height();
            boolean turned = image.width() == header.height() && image.height() == header.width();
            check(asDeclared || turned, "decoded " + image.width() + "x" + image.height() + " but the header says " + header);
            check(image.bgr().length == 3 * image.width() * image.height(), "BGR buffer of the wrong length");
        } catch (InputException e) {
            // refused with a reason: what the service turns into a 4xx
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
