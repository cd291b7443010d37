package dev.lector.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lector.geometry.Quad;

/**
 * One recognised text line.
 *
 * @param text        recognised text
 * @param score       mean CTC confidence of the kept characters, in [0, 1]
 * @param box         where the line is in the page, corners clockwise from the text's top-left
 * @param orientation 0 or 180: how the line crop was turned before recognition
 */
@JsonPropertyOrder({"text", "score", "points", "orientation"})
public record Line(String text, double score, Quad box, int orientation) {
    public Line {
        if (text == null) throw new IllegalArgumentException("line text must not be null");
        if (box == null) throw new IllegalArgumentException("line box must not be null");
        if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("line score must be in [0,1]: " + score);
        if (orientation != 0 && orientation != 180) {
            throw new IllegalArgumentException("orientation must be 0 or 180: " + orientation);
        }
    }

    @JsonProperty("points")
    public int[][] points() {
        return box.toIntArray();
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    @Override
    public Quad box() {
        return box;
    }

    @JsonProperty("score")
    @Override
    public double score() {
        return score;
    }
}
