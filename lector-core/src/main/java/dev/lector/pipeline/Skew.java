package dev.lector.pipeline;

import dev.lector.layout.ReadingOrder;
import dev.lector.result.Line;
import java.util.List;

/** The slant a page's text keeps once its rotation is undone. Pure. */
final class Skew {
    private Skew() {}

    /**
     * The text direction of {@code lines} less {@code rotation}, in degrees in (-45, 45]
     * (clockwise positive), rounded to a hundredth; 0 for no lines.
     */
    static double of(List<Line> lines, int rotation) {
        if (lines.isEmpty()) return 0;
        double d = ReadingOrder.textDirectionDegrees(lines) - rotation;
        d = ((d % 90) + 90) % 90; // 0..90
        if (d > 45) d -= 90;
        return Math.round(d * 100) / 100.0;
    }
}
