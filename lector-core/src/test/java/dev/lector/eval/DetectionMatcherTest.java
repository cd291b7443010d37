package dev.lector.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionMatcherTest {
    private final DetectionMatcher matcher = new DetectionMatcher();

    private static GroundTruthLine gt(Quad q, boolean ignore) {
        return new GroundTruthLine("t", q.corners(), ignore);
    }

    private static List<Point> pts(double... xy) {
        Point[] p = new Point[xy.length / 2];
        for (int i = 0; i < p.length; i++) p[i] = new Point(xy[2 * i], xy[2 * i + 1]);
        return List.of(p);
    }

    @Test
    void identicalBoxesHaveIouOne() {
        Quad q = Quad.ofRect(10, 20, 100, 30);
        assertThat(DetectionMatcher.iou(q.corners(), q.corners())).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void halfOverlapIsOneThird() {
        // two 10x10 squares sharing half their area: 50 / (100 + 100 - 50)
        double iou = DetectionMatcher.iou(Quad.ofRect(0, 0, 10, 10).corners(), Quad.ofRect(5, 0, 10, 10).corners());
        assertThat(iou).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(DetectionMatcher.iou(Quad.ofRect(0, 0, 10, 10).corners(), Quad.ofRect(20, 0, 10, 10).corners())).isZero();
    }

    @Test
    void rotatedQuadUsesTheRealPolygon() {
        // the diamond |x| + |y| <= 1 (area 2) inside the square [-1, 1]^2 (area 4)
        List<Point> square = pts(-1, -1, 1, -1, 1, 1, -1, 1);
        List<Point> diamond = pts(0, -1, 1, 0, 0, 1, -1, 0);
        assertThat(DetectionMatcher.iou(square, diamond)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void selfIntersectingOutlineIsRepairedKeepingBothLobes() {
        // a bow-tie over the square [0,2]^2: two triangles of area 1
        List<Point> bowTie = pts(0, 0, 2, 2, 2, 0, 0, 2);
        assertThat(DetectionMatcher.iou(pts(0, 0, 2, 0, 2, 2, 0, 2), bowTie)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void polygonGroundTruthWithSixPoints() {
        // an L-shape of area 3 (unit squares) against the 2x2 square holding it
        List<Point> ell = pts(0, 0, 1, 0, 1, 1, 2, 1, 2, 2, 0, 2);
        assertThat(DetectionMatcher.iou(ell, pts(0, 0, 2, 0, 2, 2, 0, 2))).isCloseTo(0.75, within(1e-12));
        DetectionMatch m = matcher.match(List.of(new GroundTruthLine("L", ell, false)), List.of(Quad.ofRect(0, 0, 2, 2)));
        assertThat(m.truePositives()).isEqualTo(1);
        assertThat(m.pairs().get(0).iou()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void predictionOverIgnoredRegionIsDroppedBeforePrecision() {
        List<GroundTruthLine> truth = List.of(gt(Quad.ofRect(0, 0, 100, 20), false), gt(Quad.ofRect(0, 100, 100, 20), true));
        List<Quad> predictions = List.of(Quad.ofRect(2, 1, 98, 19), Quad.ofRect(1, 101, 100, 19), Quad.ofRect(300, 300, 50, 20));
        DetectionMatch m = matcher.match(truth, predictions);
        assertThat(m.pairs()).extracting(MatchedPair::gtIndex, MatchedPair::predIndex).containsExactly(tuple(0, 0));
        assertThat(m.gtCare()).isEqualTo(1);
        assertThat(m.predCare()).isEqualTo(2); // the one over the ignored region does not count
        assertThat(m.droppedPredictions()).containsExactly(1);
        assertThat(m.isDropped(1)).isTrue();
        assertThat(m.isDropped(2)).isFalse();
    }

    @Test
    void smallPredictionInsideLargeIgnoredRegionIsDropped() {
        // IoU 0.05 but entirely inside the don't-care region
        List<GroundTruthLine> truth = List.of(gt(Quad.ofRect(0, 0, 200, 100), true));
        DetectionMatch m = matcher.match(truth, List.of(Quad.ofRect(10, 10, 40, 25)));
        assertThat(m.droppedPredictions()).containsExactly(0);
        assertThat(m.predCare()).isZero();
        assertThat(m.gtCare()).isZero();
    }

    @Test
    void matchingIsOneToOne() {
        List<GroundTruthLine> truth = List.of(gt(Quad.ofRect(0, 0, 100, 20), false));
        DetectionMatch m = matcher.match(truth, List.of(Quad.ofRect(0, 0, 100, 20), Quad.ofRect(1, 0, 100, 20)));
        assertThat(m.truePositives()).isEqualTo(1);
        assertThat(m.pairs().get(0).predIndex()).isZero(); // the exact one wins
        assertThat(m.predCare()).isEqualTo(2);
    }

    @Test
    void greedyTakesHighestIouFirstAndRespectsThreshold() {
        List<GroundTruthLine> truth = List.of(gt(Quad.ofRect(0, 0, 100, 20), false), gt(Quad.ofRect(0, 40, 100, 20), false));
        // pred 0 fits gt 0 well; pred 1 overlaps gt 0 less and gt 1 only below the threshold
        List<Quad> predictions = List.of(Quad.ofRect(0, 0, 95, 20), Quad.ofRect(0, 0, 60, 20), Quad.ofRect(0, 50, 100, 20)); // IoU 1/3 with gt 1
        DetectionMatch m = matcher.match(truth, predictions);
        assertThat(m.pairs()).hasSize(1);
        assertThat(m.pairs().get(0).predIndex()).isZero();
        assertThat(m.pairs().get(0).iou()).isCloseTo(0.95, within(1e-12));
        DetectionMatch loose = new DetectionMatcher(0.3, 0.5).match(truth, predictions);
        assertThat(loose.pairs()).extracting(MatchedPair::gtIndex, MatchedPair::predIndex)
                .containsExactly(tuple(0, 0), tuple(1, 2));
    }

    @Test
    void rejectsBadThresholds() {
        assertThatThrownBy(() -> new DetectionMatcher(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DetectionMatcher(0.5, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
