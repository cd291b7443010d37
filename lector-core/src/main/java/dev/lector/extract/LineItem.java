package dev.lector.extract;

import dev.lector.geometry.Quad;
import java.util.List;

/**
 * One item line of a receipt or invoice.
 *
 * @param description what was bought, as printed
 * @param quantity    the quantity as a decimal string, or null when the line shows none
 * @param amount      the line's amount as a decimal string
 * @param box         a box around the item's lines
 * @param lines       source line indices
 */
public record LineItem(String description, String quantity, String amount, Quad box, List<Integer> lines) {
    public LineItem {
        if (description == null || amount == null) throw new IllegalArgumentException("item description and amount must not be null");
        if (box == null) throw new IllegalArgumentException("item box must not be null");
        lines = List.copyOf(lines);
    }
}
