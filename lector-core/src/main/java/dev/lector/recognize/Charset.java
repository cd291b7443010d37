package dev.lector.recognize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The characters a CTC recogniser's output classes stand for: class 0 is the blank, classes
 * 1..n are the dictionary's lines in order, and (PaddleOCR's use_space_char) the last class is a space.
 */
public final class Charset {

    private final String[] symbols; // index = output class; symbols[0] is the blank ("")

    private Charset(String[] symbols) {
        this.symbols = symbols;
    }

    /**
     * Builds the charset from dictionary lines and checks it against the model's output width.
     *
     * @param dictionary  one symbol per line (PaddleOCR dictionary file)
     * @param outputWidth the rec model's class count, or -1 if the model does not declare it
     * @param source      names the dictionary in error messages
     */
    public static Charset of(List<String> dictionary, long outputWidth, String source) {
        if (dictionary.isEmpty()) {
            throw new IllegalArgumentException("dictionary " + source + " is empty");
        }
        boolean withSpace = outputWidth < 0 || outputWidth == dictionary.size() + 2;
        if (outputWidth >= 0 && outputWidth != dictionary.size() + 2 && outputWidth != dictionary.size() + 1) {
            throw new IllegalArgumentException("dictionary " + source + " has " + dictionary.size()
                    + " characters, so a matching recognition model outputs " + (dictionary.size() + 2)
                    + " classes (blank + characters + space), but the model outputs " + outputWidth
                    + ": use the dictionary that belongs to this model");
        }
        List<String> s = new ArrayList<>(dictionary.size() + 2);
        s.add("");
        s.addAll(dictionary);
        if (withSpace) s.add(" ");
        return new Charset(s.toArray(String[]::new));
    }

    /** Reads a dictionary file's lines (UTF-8; a trailing CR is dropped, the lines are kept as they are). */
    public static List<String> readDictionary(byte[] utf8) throws IOException {
        String text = new String(utf8, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        List<String> lines = new ArrayList<>(text.lines().map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l).toList());
        while (!lines.isEmpty() && lines.getLast().isEmpty()) lines.removeLast();
        return lines;
    }

    /** Number of output classes, blank included. */
    public int classes() {
        return symbols.length;
    }

    public String symbol(int classIndex) {
        return symbols[classIndex];
    }
}
