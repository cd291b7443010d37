package dev.lector.image;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_photo;
import org.bytedeco.opencv.global.opencv_ximgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.CLAHE;

/**
 * Named clean-ups for poor scans, applied to the whole page before detection and recognition.
 * Each keeps the page's size, so boxes need no mapping back. Measured with {@code lector eval} on
 * FUNSD (fax scans) and SROIE (see the README): none pays on those sets, so the default is
 * {@link #NONE}. Pure; thread-safe.
 */
public enum Preprocess {
    /** The page as decoded. */
    NONE,
    /** Gray levels only (colour dropped, three equal channels). */
    GRAY,
    /** Gray, then contrast-limited adaptive histogram equalisation (8x8 tiles, clip 2): evens out uneven light. */
    CLAHE,
    /** Gray, then Sauvola binarisation (window 31 px, k 0.2): black text on white, for faded or stained scans. */
    SAUVOLA,
    /** Gray, then non-local-means denoising (h 10): removes speckle from faxes and photos. */
    DENOISE;

    /** The preset named {@code name} (any case), or an error listing the valid names. */
    public static Preprocess parse(String name) {
        for (Preprocess p : values()) {
            if (p.name().equalsIgnoreCase(name.trim())) return p;
        }
        throw new IllegalArgumentException("unknown preprocess '" + name + "': use one of "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    public PageImage apply(PageImage page) {
        if (this == NONE) return page;
        try (Mat bgr = ImageOps.toMat(page, 0, 0, page.width(), page.height());
             Mat gray = new Mat();
             Mat out = new Mat();
             Mat back = new Mat()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            switch (this) {
                case GRAY -> gray.copyTo(out);
                case CLAHE -> {
                    try (Size tiles = new Size(8, 8); CLAHE clahe = opencv_imgproc.createCLAHE(2.0, tiles)) {
                        clahe.apply(gray, out);
                    }
                }
                case SAUVOLA -> opencv_ximgproc.niBlackThreshold(gray, out, 255, opencv_imgproc.THRESH_BINARY, 31, 0.2,
                        opencv_ximgproc.BINARIZATION_SAUVOLA, 128);
                case DENOISE -> opencv_photo.fastNlMeansDenoising(gray, out, 10, 7, 21);
                default -> throw new IllegalStateException(name());
            }
            cvtColor(out, back, COLOR_GRAY2BGR);
            return ImageOps.toPageImage(back);
        }
    }
}
