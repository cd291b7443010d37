package dev.lector.extract;

import dev.lector.geometry.Quad;
import java.util.List;

/**
 * A label and its value found on a form by layout.
 *
 * @param key        the label as printed (without a trailing colon)
 * @param value      the value as printed
 * @param keyBox     where the label is
 * @param valueBox   where the value is
 * @param keyLines   source line indices of the label
 * @param valueLines source line indices of the value
 * @param confidence in [0, 1]
 */
public record KeyValuePair(String key, String value, Quad keyBox, Quad valueBox, List<Integer> keyLines,
                           List<Integer> valueLines, double confidence) {
    public KeyValuePair {
        if (key == null || value == null) throw new IllegalArgumentException("key and value must not be null");
        if (keyBox == null || valueBox == null) throw new IllegalArgumentException("key and value boxes must not be null");
        if (!(confidence >= 0 && confidence <= 1)) throw new IllegalArgumentException("pair confidence must be in [0,1]: " + confidence);
        keyLines = List.copyOf(keyLines);
        valueLines = List.copyOf(valueLines);
    }
}
