package dev.lector.detect;

import static org.bytedeco.opencv.global.opencv_core.CMP_GT;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_LIST;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.RotatedRect;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Turns a DB probability map into text boxes: PaddleOCR's {@code DBPostProcess.boxes_from_bitmap}
 * with {@code score_mode="fast"} ({@code ppocr/postprocess/db_postprocess.py}).
 *
 * <ol>
 *   <li>binarise at {@link DbParams#thresh()} (strictly greater), optionally dilate with a 2x2 kernel;</li>
 *   <li>find contours ({@code RETR_LIST}, {@code CHAIN_APPROX_SIMPLE}); consider at most
 *       {@link DbParams#maxCandidates()} of them, in OpenCV's order;</li>
 *   <li>minimum-area rectangle of each contour; drop it if its shorter side is below
 *       {@link DbParams#minSizePx()};</li>
 *   <li>score = mean probability of the map pixels whose centres lie inside the rectangle (only the
 *       rectangle's bounding box is visited); drop it if below {@link DbParams#boxThresh()};</li>
 *   <li>unclip: grow the rectangle by {@code area * unclipRatio / perimeter} with round joins
 *       (JTS buffer, the counterpart of pyclipper's {@code JT_ROUND}), take the minimum-area rectangle
 *       of the grown polygon, drop it if its shorter side is below {@code minSizePx + 2};</li>
 *   <li>scale from map to original-image pixels, order the corners clockwise from the top-left
 *       ({@link Quad#fromUnordered}, never OpenCV's angle) and clamp them to the image.</li>
 * </ol>
 *
 * <p>Differences from PaddleOCR, all on purpose: the score mask uses the exact (float) rectangle rather
 * than one truncated to whole pixels; output coordinates are not rounded to integers; a box whose score
 * is NaN (a broken map) is dropped rather than kept; the unclip offset is not rounded to whole pixels
 * (pyclipper works on integers). Binarisation compares in float32, as numpy does for {@code pred > thresh}.
 *
 * <p>Stateless and thread-safe; every native OpenCV object is created and closed within one call.
 */
public final class DbPostProcessor {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    /**
     * Tolerance (pixels) when deciding whether a pixel centre lies on the rectangle's edge: OpenCV gives
     * the corners as float32, so an edge through pixel centres may land a few ulps off them.
     */
    private static final double EDGE_EPSILON = 1e-3;

    private final DbParams params;

    public DbPostProcessor(DbParams params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public DbParams params() {
        return params;
    }

    /**
     * Finds the text boxes in a probability map.
     *
     * @param prob       detector output, row-major {@code mapHeight x mapWidth}, values in [0,1]
     * @param mapWidth   width of the map (the detector input width)
     * @param mapHeight  height of the map
     * @param origWidth  width of the original image the boxes are returned in
     * @param origHeight height of the original image
     * @return boxes in original-image pixels, corners clockwise from the top-left, clamped to the image;
     *     in no particular order
     */
    public List<DetectedBox> process(float[] prob, int mapWidth, int mapHeight, int origWidth, int origHeight) {
        Objects.requireNonNull(prob, "prob");
        if (mapWidth <= 0 || mapHeight <= 0 || origWidth <= 0 || origHeight <= 0) {
            throw new IllegalArgumentException("DB post-processing needs positive sizes: map " + mapWidth + "x"
                    + mapHeight + ", image " + origWidth + "x" + origHeight);
        }
        if ((long) mapWidth * mapHeight != prob.length) {
            throw new IllegalArgumentException("DB probability map has " + prob.length + " values, expected "
                    + mapWidth + "x" + mapHeight + " = " + (long) mapWidth * mapHeight);
        }
        double scaleX = origWidth / (double) mapWidth;
        double scaleY = origHeight / (double) mapHeight;
        List<DetectedBox> boxes = new ArrayList<>();
        try (MatVector contours = findContours(prob, mapWidth, mapHeight);
             Mat boxScratch = new Mat()) {
            long candidates = Math.min(contours.size(), params.maxCandidates());
            float[] corners = new float[8];
            for (long i = 0; i < candidates; i++) {
                try (Mat contour = contours.get(i)) { // a view into the vector; closing it is harmless
                    if (minAreaRectCorners(contour, boxScratch, corners) < params.minSizePx()) {
                        continue;
                    }
                }
                double score = meanInside(prob, mapWidth, mapHeight, corners);
                if (!(score >= params.boxThresh())) { // also drops NaN (a broken map), which JSON cannot carry
                    continue;
                }
                Coordinate[] grown = unclip(corners, params.unclipRatio());
                if (grown == null) {
                    continue;
                }
                try (Mat polygon = toPointMat(grown)) {
                    if (minAreaRectCorners(polygon, boxScratch, corners) < params.minSizePx() + 2) {
                        continue;
                    }
                }
                List<Point> scaled = new ArrayList<>(4);
                for (int k = 0; k < 4; k++) {
                    scaled.add(new Point(corners[2 * k] * scaleX, corners[2 * k + 1] * scaleY));
                }
                boxes.add(new DetectedBox(Quad.fromUnordered(scaled).clamp(origWidth, origHeight), score));
            }
        }
        return boxes;
    }

    /** Binarises (and optionally dilates) the map and returns its contours; the caller closes them. */
    private MatVector findContours(float[] prob, int width, int height) {
        MatVector contours = new MatVector();
        try (Mat probMat = new Mat(height, width, CV_32FC1);
             FloatPointer probData = new FloatPointer(probMat.data());
             Mat threshold = new Mat(1, 1, CV_64FC1);
             DoublePointer thresholdData = new DoublePointer(threshold.data());
             Mat bitmap = new Mat()) {
            probData.put(prob, 0, prob.length);
            thresholdData.put(params.thresh());
            // 255 where strictly greater than thresh (compared as float32, like PaddleOCR's pred > thresh)
            opencv_core.compare(probMat, threshold, bitmap, CMP_GT);
            if (params.dilate()) {
                try (Mat kernel = new Mat(2, 2, CV_8UC1);
                     BytePointer kernelData = kernel.data()) {
                    kernelData.put(new byte[] {1, 1, 1, 1}, 0, 4);
                    opencv_imgproc.dilate(bitmap, bitmap, kernel);
                }
            }
            opencv_imgproc.findContours(bitmap, contours, RETR_LIST, CHAIN_APPROX_SIMPLE);
            return contours;
        } catch (RuntimeException | Error e) {
            contours.close();
            throw e;
        }
    }

    /**
     * Minimum-area rectangle of a point set: writes its 4 corners (x0,y0,...,x3,y3, consecutive around
     * the rectangle, in no guaranteed rotational start) into {@code out} and returns its shorter side.
     * {@code box} is scratch space for OpenCV's 4x2 corner matrix, reused across calls.
     */
    private static double minAreaRectCorners(Mat points, Mat box, float[] out) {
        try (RotatedRect rect = opencv_imgproc.minAreaRect(points);
             FloatPointer boxData = boxPoints(rect, box)) {
            boxData.get(out, 0, 8);
        }
        double dx1 = out[2] - out[0], dy1 = out[3] - out[1];
        double dx2 = out[4] - out[2], dy2 = out[5] - out[3];
        return Math.sqrt(Math.min(dx1 * dx1 + dy1 * dy1, dx2 * dx2 + dy2 * dy2));
    }

    private static FloatPointer boxPoints(RotatedRect rect, Mat box) {
        opencv_imgproc.boxPoints(rect, box); // 4x2 CV_32F, continuous
        return new FloatPointer(box.data());
    }

    /**
     * Mean of {@code prob} over the pixels whose centres lie inside (or on) the convex quadrilateral
     * {@code q}; only the quadrilateral's bounding box, clipped to the map, is visited. 0 when no pixel
     * centre is covered.
     */
    static double meanInside(float[] prob, int width, int height, float[] q) {
        double minX = Math.min(Math.min(q[0], q[2]), Math.min(q[4], q[6]));
        double maxX = Math.max(Math.max(q[0], q[2]), Math.max(q[4], q[6]));
        double minY = Math.min(Math.min(q[1], q[3]), Math.min(q[5], q[7]));
        double maxY = Math.max(Math.max(q[1], q[3]), Math.max(q[5], q[7]));
        int x0 = clampIndex((int) Math.floor(minX), width);
        int x1 = clampIndex((int) Math.ceil(maxX), width);
        int y0 = Math.max(0, (int) Math.ceil(minY - EDGE_EPSILON));
        int y1 = Math.min(height - 1, (int) Math.floor(maxY + EDGE_EPSILON));
        double sum = 0;
        long count = 0;
        for (int y = y0; y <= y1; y++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 4; k++) {
                double ax = q[2 * k], ay = q[2 * k + 1];
                double bx = q[(2 * k + 2) % 8], by = q[(2 * k + 3) % 8];
                if (y < Math.min(ay, by) - EDGE_EPSILON || y > Math.max(ay, by) + EDGE_EPSILON) {
                    continue;
                }
                if (Math.abs(by - ay) <= EDGE_EPSILON) {
                    lo = Math.min(lo, Math.min(ax, bx));
                    hi = Math.max(hi, Math.max(ax, bx));
                    continue;
                }
                // corners come from float32 OpenCV output: a row a hair outside an edge still counts
                double t = Math.max(0, Math.min(1, (y - ay) / (by - ay)));
                double x = ax + t * (bx - ax);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            if (lo > hi) {
                continue;
            }
            int from = Math.max(x0, (int) Math.ceil(lo - EDGE_EPSILON));
            int to = Math.min(x1, (int) Math.floor(hi + EDGE_EPSILON));
            if (to >= from) {
                sum += rowSum(prob, y * width + from, y * width + to + 1);
                count += to - from + 1;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Sum of {@code a[from..to)}; four independent accumulators so the adds pipeline. */
    private static double rowSum(float[] a, int from, int to) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private static int clampIndex(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }

    /**
     * Grows the quadrilateral by {@code area * ratio / perimeter} with round joins; returns the grown
     * polygon's ring (without the closing point), or {@code null} when the result is not one polygon.
     */
    private static Coordinate[] unclip(float[] q, double ratio) {
        Coordinate[] ring = new Coordinate[5];
        for (int k = 0; k < 4; k++) {
            ring[k] = new Coordinate(q[2 * k], q[2 * k + 1]);
        }
        ring[4] = ring[0].copy();
        Polygon polygon = GEOMETRY.createPolygon(ring);
        double perimeter = polygon.getLength();
        if (!(perimeter > 0)) {
            return null;
        }
        double distance = polygon.getArea() * ratio / perimeter;
        Geometry grown = polygon.buffer(distance);
        if (!(grown instanceof Polygon p) || p.isEmpty()) {
            return null; // PaddleOCR drops a box whose offset is not a single polygon
        }
        Coordinate[] closed = p.getExteriorRing().getCoordinates();
        Coordinate[] open = new Coordinate[closed.length - 1];
        System.arraycopy(closed, 0, open, 0, open.length);
        return open;
    }

    /** An {@code n x 1} CV_32FC2 point set for OpenCV; the caller closes it. */
    private static Mat toPointMat(Coordinate[] points) {
        float[] xy = new float[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            xy[2 * i] = (float) points[i].x;
            xy[2 * i + 1] = (float) points[i].y;
        }
        Mat mat = new Mat(points.length, 1, CV_32FC2);
        try (FloatPointer data = new FloatPointer(mat.data())) {
            data.put(xy, 0, xy.length);
            return mat;
        } catch (RuntimeException | Error e) {
            mat.close();
            throw e;
        }
    }
}
