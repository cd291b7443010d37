package dev.lector.eval;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Matches predicted text regions to ground truth the ICDAR way, on the real polygons (JTS).
 *
 * <ol>
 *   <li>A prediction is dropped (neither true nor false positive) when it lies over an ignored
 *       ground-truth region: IoU with it at least the IoU threshold, or at least
 *       {@code ignoreCoverage} of the prediction's own area inside it.</li>
 *   <li>Remaining predictions and counted (not ignored) ground truth are matched one to one,
 *       greedily by descending IoU, pairs below the IoU threshold never matching.</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class DetectionMatcher {
    public static final double DEFAULT_IOU_THRESHOLD = 0.5;
    public static final double DEFAULT_IGNORE_COVERAGE = 0.5;

    private final double iouThreshold;
    private final double ignoreCoverage;

    public DetectionMatcher() {
        this(DEFAULT_IOU_THRESHOLD, DEFAULT_IGNORE_COVERAGE);
    }

    public DetectionMatcher(double iouThreshold, double ignoreCoverage) {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) throw new IllegalArgumentException("IoU threshold must be in (0, 1]: " + iouThreshold);
        if (!(ignoreCoverage > 0 && ignoreCoverage <= 1)) throw new IllegalArgumentException("ignore coverage must be in (0, 1]: " + ignoreCoverage);
        this.iouThreshold = iouThreshold;
        this.ignoreCoverage = ignoreCoverage;
    }

    public double iouThreshold() {
        return iouThreshold;
    }

    public double ignoreCoverage() {
        return ignoreCoverage;
    }

    public DetectionMatch match(List<GroundTruthLine> groundTruth, List<Quad> predictions) {
        List<Geometry> gt = new ArrayList<>(groundTruth.size());
        for (GroundTruthLine line : groundTruth) gt.add(PolygonGeometry.of(line.polygon()));
        List<Geometry> pred = new ArrayList<>(predictions.size());
        for (Quad quad : predictions) pred.add(PolygonGeometry.of(quad));

        List<Integer> dropped = new ArrayList<>();
        boolean[] isDropped = new boolean[pred.size()];
        for (int p = 0; p < pred.size(); p++) {
            for (int g = 0; g < gt.size(); g++) {
                if (groundTruth.get(g).ignore() && overIgnored(pred.get(p), gt.get(g))) {
                    dropped.add(p);
                    isDropped[p] = true;
                    break;
                }
            }
        }
        List<MatchedPair> candidates = new ArrayList<>();
        int gtCare = 0;
        for (int g = 0; g < gt.size(); g++) {
            if (groundTruth.get(g).ignore()) continue;
            gtCare++;
            for (int p = 0; p < pred.size(); p++) {
                if (isDropped[p]) continue;
                double iou = iou(gt.get(g), pred.get(p));
                if (iou >= iouThreshold) candidates.add(new MatchedPair(g, p, iou));
            }
        }
        candidates.sort(Comparator.comparingDouble(MatchedPair::iou).reversed()
                .thenComparingInt(MatchedPair::gtIndex).thenComparingInt(MatchedPair::predIndex));
        boolean[] gtUsed = new boolean[gt.size()], predUsed = new boolean[pred.size()];
        List<MatchedPair> pairs = new ArrayList<>();
        for (MatchedPair c : candidates) {
            if (gtUsed[c.gtIndex()] || predUsed[c.predIndex()]) continue;
            gtUsed[c.gtIndex()] = true;
            predUsed[c.predIndex()] = true;
            pairs.add(c);
        }
        return new DetectionMatch(pairs, gtCare, pred.size() - dropped.size(), dropped);
    }

    private boolean overIgnored(Geometry prediction, Geometry ignored) {
        double area = prediction.getArea();
        if (area <= 0 || !prediction.getEnvelopeInternal().intersects(ignored.getEnvelopeInternal())) return false;
        double inter = intersectionArea(prediction, ignored);
        double union = area + ignored.getArea() - inter;
        return inter / area >= ignoreCoverage || (union > 0 && inter / union >= iouThreshold);
    }

    /** Intersection over union of two polygons given by their points in order (0 if either has no area). */
    public static double iou(List<Point> a, List<Point> b) {
        return iou(PolygonGeometry.of(a), PolygonGeometry.of(b));
    }

    static double iou(Geometry a, Geometry b) {
        if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) return 0;
        double inter = intersectionArea(a, b);
        double union = a.getArea() + b.getArea() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private static double intersectionArea(Geometry a, Geometry b) {
        return OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION).getArea();
    }
}
