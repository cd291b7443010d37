package dev.lector.layout;

import java.util.List;

/**
 * Bands {@code firstBand..lastBand} of a region are two columns separated by the gutter
 * {@code gutterLeft..gutterRight} (text-frame x), which no line of those bands crosses.
 * {@code leftOnlyTail} counts the bands at the end of the run with lines left of the gutter only
 * (a left column that goes on after the right one has ended).
 */
record ColumnSplit(int firstBand, int lastBand, double gutterLeft, double gutterRight,
        List<PlacedLine> left, List<PlacedLine> right, int leftOnlyTail) {

    int lineCount() {
        return left.size() + right.size();
    }

    double gutterWidth() {
        return gutterRight - gutterLeft;
    }
}
