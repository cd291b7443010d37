package dev.lector.eval;

import java.util.List;

/**
 * The outcome of matching one image's predictions to its ground truth.
 *
 * @param pairs                 one-to-one matches, highest IoU first
 * @param gtCare                ground-truth regions that count (not ignored)
 * @param predCare              predictions that count (not dropped as lying over an ignored region)
 * @param droppedPredictions    indices of the predictions dropped over ignored regions, ascending
 */
public record DetectionMatch(List<MatchedPair> pairs, int gtCare, int predCare, List<Integer> droppedPredictions) {

    public DetectionMatch {
        pairs = List.copyOf(pairs);
        droppedPredictions = List.copyOf(droppedPredictions);
        if (pairs.size() > Math.min(gtCare, predCare)) {
            throw new IllegalArgumentException(pairs.size() + " matches but only " + gtCare + " gt / " + predCare + " predictions count");
        }
    }

    /** Matched pairs: true positives. */
    public int truePositives() {
        return pairs.size();
    }

    public boolean isDropped(int predIndex) {
        return droppedPredictions.contains(predIndex);
    }
}
