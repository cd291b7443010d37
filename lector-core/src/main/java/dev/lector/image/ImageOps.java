package dev.lector.image;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.getPerspectiveTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.warpPerspective;

import dev.lector.backend.Tensor;
import dev.lector.detect.LimitType;
import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Pure pixel operations the pipeline needs, matching PaddleOCR's inference preprocessing:
 * the detector's input tensor, the perspective crop of a text quad, resizing, rotation and the
 * recognizer's normalisation. Inputs are never modified; every OpenCV {@link Mat} made here is
 * closed before returning.
 */
public final class ImageOps {

    /** Detector normalisation (ImageNet), applied to channels in stored BGR order as PaddleOCR does. */
    private static final float[] DET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] DET_STD = {0.229f, 0.224f, 0.225f};
    private static final float PIXEL_SCALE = (float) (1.0 / 255.0);
    /** Detector value of each byte for channels 0, 1, 2: (v/255 - mean) / std in float32. */
    private static final float[][] DET_LUT = new float[3][256];
    /** Recognizer / classifier value of each byte: (v/255 - 0.5) / 0.5 in float32. */
    private static final float[] REC_LUT = new float[256];
    /** Crops at least this much taller than wide are vertical text: turned 90 degrees counter-clockwise. */
    private static final double VERTICAL_CROP_RATIO = 1.5;
    /** Pixels of context around a quad's bounding box that bicubic sampling may read. */
    private static final int CROP_MARGIN = 3;

    static {
        for (int v = 0; v < 256; v++) {
            for (int c = 0; c < 3; c++) DET_LUT[c][v] = (v * PIXEL_SCALE - DET_MEAN[c]) / DET_STD[c];
            REC_LUT[v] = (v / 255f - 0.5f) / 0.5f;
        }
    }

    private ImageOps() {
    }

    /**
     * The detector's input and the size it was resized to.
     *
     * @param tensor        float CHW tensor {@code [1, 3, resizedHeight, resizedWidth]}
     * @param resizedWidth  width the page was resized to, a multiple of 32
     * @param resizedHeight height the page was resized to, a multiple of 32
     */
    public record DetInput(Tensor tensor, int resizedWidth, int resizedHeight) {
        public DetInput {
            if (tensor == null) throw new IllegalArgumentException("tensor must not be null");
            if (resizedWidth <= 0 || resizedHeight <= 0) {
                throw new IllegalArgumentException("resized size must be positive: " + resizedWidth + "x" + resizedHeight);
            }
        }
    }

    /**
     * The size PaddleOCR's {@code DetResizeForTest} (type 0) gives a {@code width x height} page:
     * ratio = limit / longer side when the longer side exceeds the limit ({@link LimitType#MAX}),
     * or limit / shorter side when the shorter side is below it ({@link LimitType#MIN}), else 1;
     * each side becomes {@code int(side * ratio)}, then the nearest multiple of 32 (Python's
     * round, half to even), at least 32.
     */
    public static dev.lector.geometry.Size detectionSize(int width, int height, int limitSidePx, LimitType type) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        if (limitSidePx <= 0) throw new IllegalArgumentException("limitSidePx must be positive: " + limitSidePx);
        if (type == null) throw new IllegalArgumentException("limit type must not be null");
        double ratio = 1.0;
        switch (type) {
            case MAX -> {
                if (Math.max(width, height) > limitSidePx) ratio = (double) limitSidePx / Math.max(width, height);
            }
            case MIN -> {
                if (Math.min(width, height) < limitSidePx) ratio = (double) limitSidePx / Math.min(width, height);
            }
        }
        return new dev.lector.geometry.Size(multipleOf32((int) (width * ratio)), multipleOf32((int) (height * ratio)));
    }

    private static int multipleOf32(int side) {
        return Math.max((int) Math.rint(side / 32.0) * 32, 32);
    }

    /**
     * Resizes a page to {@link #detectionSize} (bilinear) and normalises it into the detector's
     * {@code [1, 3, H, W]} tensor: {@code (v/255 - mean[c]) / std[c]} with ImageNet mean and std,
     * channel 0 being the stored B channel (what PaddleOCR's inference does with cv2 images).
     */
    public static DetInput detectionInput(PageImage img, int limitSidePx, LimitType type) {
        dev.lector.geometry.Size size = detectionSize(img.width(), img.height(), limitSidePx, type);
        int w = size.width(), h = size.height();
        byte[] pixels = w == img.width() && h == img.height() ? img.bgr() : resize(img, w, h).bgr();
        int plane = w * h;
        float[] data = new float[3 * plane];
        float[] lut0 = DET_LUT[0], lut1 = DET_LUT[1], lut2 = DET_LUT[2];
        for (int i = 0, p = 0; i < plane; i++, p += 3) {
            data[i] = lut0[pixels[p] & 0xFF];
            data[plane + i] = lut1[pixels[p + 1] & 0xFF];
            data[2 * plane + i] = lut2[pixels[p + 2] & 0xFF];
        }
        return new DetInput(new Tensor(data, new long[] {1, 3, h, w}), w, h);
    }

    /**
     * Writes {@code img} as CHW values {@code (v/255 - 0.5) / 0.5} (channels in stored BGR order)
     * into one {@code [3, dstHeight, dstWidth]} slot of a batch tensor starting at {@code offset};
     * the part of each row right of the image (padding) is set to 0.
     *
     * @param img must be {@code dstHeight} high and at most {@code dstWidth} wide
     */
    public static void normalizeInto(PageImage img, float[] dst, int offset, int dstWidth, int dstHeight) {
        if (img.height() != dstHeight || img.width() > dstWidth) {
            throw new IllegalArgumentException("image " + img.width() + "x" + img.height() + " does not fit a "
                    + dstWidth + "x" + dstHeight + " slot: it must be exactly " + dstHeight + " high and at most "
                    + dstWidth + " wide");
        }
        long plane = (long) dstWidth * dstHeight;
        if (offset < 0 || offset + 3 * plane > dst.length) {
            throw new IllegalArgumentException("a 3x" + dstHeight + "x" + dstWidth + " slot at offset " + offset
                    + " does not fit in " + dst.length + " floats");
        }
        int w = img.width();
        byte[] px = img.bgr();
        for (int c = 0; c < 3; c++) {
            int base = offset + c * (int) plane;
            for (int y = 0; y < dstHeight; y++) {
                int row = base + y * dstWidth;
                for (int x = 0, p = y * w * 3 + c; x < w; x++, p += 3) {
                    dst[row + x] = REC_LUT[px[p] & 0xFF];
                }
                Arrays.fill(dst, row + w, row + dstWidth, 0f);
            }
        }
    }

    /**
     * Cuts a text quad out of a page and straightens it, like PaddleOCR's
     * {@code get_rotate_crop_image}: the crop is {@code max(|tl-tr|, |bl-br|)} wide and
     * {@code max(|tl-bl|, |tr-br|)} high (truncated, at least 1), filled by a perspective warp
     * (bicubic, border replicated); a crop at least 1.5 times taller than wide is turned 90 degrees
     * counter-clockwise. Only the quad's bounding box (plus a small margin) is copied to native memory.
     */
    public static PageImage cropQuad(PageImage img, Quad q) {
        return cropText(img, q, turnsUpright(q) ? 90 : 0);
    }

    /**
     * Cuts a text quad out of a page as {@link #cropQuad} does, then turns the crop so that text
     * running in direction {@code orientation} (degrees clockwise from left-to-right: 0, 90, 180,
     * 270) reads upright: 90 is turned counter-clockwise, 180 upside down, 270 clockwise. The
     * quad's corners are in image order (top-left first, as {@link Quad#fromUnordered} gives).
     */
    public static PageImage cropText(PageImage img, Quad q, int orientation) {
        int cropW = cropWidth(q);
        int cropH = cropHeight(q);
        int x0 = clamp((int) Math.floor(q.minX()) - CROP_MARGIN, 0, img.width() - 1);
        int y0 = clamp((int) Math.floor(q.minY()) - CROP_MARGIN, 0, img.height() - 1);
        int x1 = clamp((int) Math.ceil(q.maxX()) + CROP_MARGIN, x0 + 1, img.width());
        int y1 = clamp((int) Math.ceil(q.maxY()) + CROP_MARGIN, y0 + 1, img.height());
        float[] from = new float[8];
        int i = 0;
        for (Point p : q.corners()) {
            from[i++] = (float) (p.x() - x0);
            from[i++] = (float) (p.y() - y0);
        }
        float[] to = {0, 0, cropW, 0, cropW, cropH, 0, cropH};
        try (Mat region = toMat(img, x0, y0, x1 - x0, y1 - y0);
             FloatPointer fromData = new FloatPointer(from);
             FloatPointer toData = new FloatPointer(to);
             Mat fromPoints = new Mat(4, 1, CV_32FC2, fromData);
             Mat toPoints = new Mat(4, 1, CV_32FC2, toData);
             Mat transform = getPerspectiveTransform(fromPoints, toPoints);
             Size size = new Size(cropW, cropH);
             Scalar border = new Scalar();
             Mat crop = new Mat()) {
            warpPerspective(region, crop, transform, size, INTER_CUBIC, BORDER_REPLICATE, border);
            if (orientation == 0) return toPageImage(crop);
            int code = switch (orientation) {
                case 90 -> ROTATE_90_COUNTERCLOCKWISE;
                case 180 -> ROTATE_180;
                case 270 -> ROTATE_90_CLOCKWISE;
                default -> throw new IllegalArgumentException("orientation must be 0, 90, 180 or 270: " + orientation);
            };
            try (Mat turned = new Mat()) {
                rotate(crop, turned, code);
                return toPageImage(turned);
            }
        }
    }

    /** Whether {@link #cropQuad} turns this quad's crop 90 degrees counter-clockwise (a vertical line). */
    public static boolean turnsUpright(Quad q) {
        return (double) cropHeight(q) / cropWidth(q) >= VERTICAL_CROP_RATIO;
    }

    private static int cropWidth(Quad q) {
        return Math.max(1, (int) Math.max(q.topLeft().distanceTo(q.topRight()), q.bottomLeft().distanceTo(q.bottomRight())));
    }

    private static int cropHeight(Quad q) {
        return Math.max(1, (int) Math.max(q.topLeft().distanceTo(q.bottomLeft()), q.topRight().distanceTo(q.bottomRight())));
    }

    /** The image inside a white margin of {@code px} on every side ({@code px} 0: the image itself). */
    public static PageImage pad(PageImage img, int px) {
        if (px < 0) throw new IllegalArgumentException("pad must be >= 0: " + px);
        if (px == 0) return img;
        int w = img.width() + 2 * px, h = img.height() + 2 * px;
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        java.util.Arrays.fill(out, (byte) 0xFF);
        int row = img.width() * 3;
        for (int y = 0; y < img.height(); y++) {
            System.arraycopy(img.bgr(), y * row, out, ((y + px) * w + px) * 3, row);
        }
        return new PageImage(w, h, out);
    }

    /** The image turned upside down. */
    /** Columns {@code from} (inclusive) to {@code to} (exclusive) of {@code img}, all rows. */
    public static PageImage columns(PageImage img, int from, int to) {
        if (from < 0 || to > img.width() || from >= to) {
            throw new IllegalArgumentException("columns " + from + ".." + to + " outside 0.." + img.width());
        }
        if (from == 0 && to == img.width()) return img;
        int w = to - from, h = img.height();
        byte[] in = img.bgr(), out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) System.arraycopy(in, (y * img.width() + from) * 3, out, y * w * 3, w * 3);
        return new PageImage(w, h, out);
    }

    public static PageImage rotate180(PageImage img) {
        byte[] in = img.bgr();
        byte[] out = new byte[in.length];
        for (int p = 0, q = in.length - 3; p < in.length; p += 3, q -= 3) {
            out[q] = in[p];
            out[q + 1] = in[p + 1];
            out[q + 2] = in[p + 2];
        }
        return new PageImage(img.width(), img.height(), out);
    }

    /** Resizes to exactly {@code width x height} with bilinear interpolation. */
    public static PageImage resize(PageImage img, int width, int height) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
        if (width == img.width() && height == img.height()) return img;
        try (Mat src = toMat(img, 0, 0, img.width(), img.height());
             Mat dst = new Mat();
             Size size = new Size(width, height)) {
            opencv_imgproc.resize(src, dst, size, 0, 0, INTER_LINEAR);
            return toPageImage(dst);
        }
    }

    // ---- Mat <-> PageImage, shared with ImageDecoder

    /** Copies a rectangle of the image into a new 8-bit BGR Mat (the caller closes it). */
    static Mat toMat(PageImage img, int x, int y, int width, int height) {
        Mat mat = new Mat(height, width, CV_8UC3);
        BytePointer data = mat.data(); // a view of the Mat's memory, owned by the Mat
        int rowBytes = width * 3;
        if (x == 0 && width == img.width()) {
            data.put(img.bgr(), y * rowBytes, height * rowBytes);
        } else {
            for (int r = 0; r < height; r++) {
                data.position((long) r * rowBytes).put(img.bgr(), ((y + r) * img.width() + x) * 3, rowBytes);
            }
        }
        return mat;
    }

    /** Copies any decoded Mat into a PageImage: 16-bit or float scaled to 8 bits, gray and BGRA made BGR. */
    static PageImage toPageImage(Mat mat) {
        if (mat.depth() == CV_8U && mat.channels() == 3 && mat.isContinuous()) {
            return new PageImage(mat.cols(), mat.rows(), copyBytes(mat));
        }
        try (Mat eightBit = toEightBit(mat); Mat bgr = new Mat()) {
            switch (eightBit.channels()) {
                case 1 -> cvtColor(eightBit, bgr, COLOR_GRAY2BGR);
                case 3 -> eightBit.copyTo(bgr);
                case 4 -> cvtColor(eightBit, bgr, COLOR_BGRA2BGR);
                default -> throw new IllegalArgumentException("cannot make BGR from " + eightBit.channels() + " channels");
            }
            return new PageImage(bgr.cols(), bgr.rows(), copyBytes(bgr));
        }
    }

    /**
     * Like {@link #toPageImage}, but composites a gray+alpha or BGRA image over white, so that
     * transparent backgrounds come out white rather than whatever colour their pixels hold.
     */
    static PageImage toPageImageOverWhite(Mat mat) {
        int channels = mat.channels();
        if (channels != 2 && channels != 4) return toPageImage(mat);
        try (Mat eightBit = toEightBit(mat)) {
            byte[] in = copyBytes(eightBit);
            int pixels = eightBit.rows() * eightBit.cols();
            byte[] out = new byte[pixels * 3];
            for (int i = 0, p = 0, q = 0; i < pixels; i++, p += channels, q += 3) {
                int alpha = in[p + channels - 1] & 0xFF;
                int white = 255 * (255 - alpha);
                for (int c = 0; c < 3; c++) {
                    int v = in[p + (channels == 2 ? 0 : c)] & 0xFF;
                    out[q + c] = (byte) ((v * alpha + white + 127) / 255);
                }
            }
            return new PageImage(eightBit.cols(), eightBit.rows(), out);
        }
    }

    /** A new 8-bit Mat with the same channels: 16-bit scaled by 1/257, float by 255 (assumed 0..1). */
    private static Mat toEightBit(Mat mat) {
        Mat out = new Mat();
        int depth = mat.depth();
        double scale = depth == CV_16U ? 1 / 257.0 : depth == CV_32F || depth == CV_64F ? 255.0 : 1.0;
        mat.convertTo(out, CV_8U, scale, 0);
        return out;
    }

    private static byte[] copyBytes(Mat mat) {
        long length = mat.total() * mat.channels();
        byte[] out = new byte[Math.toIntExact(length)];
        if (mat.isContinuous()) {
            mat.data().get(out);
        } else {
            try (Mat compact = mat.clone()) {
                compact.data().get(out);
            }
        }
        return out;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
