package dev.lector.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.backend.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationLinesTest {

    private static final List<String> DICTIONARY = List.of("a", "b", "c", "x", "y", "7", "%", " ");

    @Test
    void linesAreRecognitionInputsOfOneLineEach() {
        List<Tensor> lines = CalibrationLines.renderWithSystemFonts(DICTIONARY, 6, 1);

        assertThat(lines).hasSize(6);
        for (Tensor t : lines) {
            assertThat(t.rank()).isEqualTo(4);
            assertThat(t.dim(0)).isEqualTo(1);
            assertThat(t.dim(1)).isEqualTo(3);
            assertThat(t.dim(2)).isEqualTo(CtcTextRecognizer.HEIGHT);
            assertThat(t.dim(3)).as("a line is wider than tall").isGreaterThan(CtcTextRecognizer.HEIGHT);
            // normalised like recognition input: dark ink near -1, light paper near +1
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (float v : t.data()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertThat(min).isLessThan(-0.2f);
            assertThat(max).isGreaterThan(0.5f).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void theSameSeedDrawsTheSameLinesAndAnotherSeedOthers() {
        List<Tensor> a = CalibrationLines.renderWithSystemFonts(DICTIONARY, 3, 42);
        List<Tensor> b = CalibrationLines.renderWithSystemFonts(DICTIONARY, 3, 42);
        List<Tensor> c = CalibrationLines.renderWithSystemFonts(DICTIONARY, 3, 43);

        for (int i = 0; i < 3; i++) {
            assertThat(b.get(i).shape()).isEqualTo(a.get(i).shape());
            assertThat(b.get(i).data()).isEqualTo(a.get(i).data());
        }
        assertThat(c.get(0).data()).isNotEqualTo(a.get(0).data());
    }

    @Test
    void aDictionaryWithNothingToDrawGivesNoLines() {
        assertThat(CalibrationLines.renderWithSystemFonts(List.of(" ", ""), 4, 1)).isEmpty();
    }

    @Test
    void theBundledFontDrawsLatinLinesTheSameEveryTime() {
        CalibrationLines.Drawn a = CalibrationLines.draw(DICTIONARY, 4, 7);
        CalibrationLines.Drawn b = CalibrationLines.draw(DICTIONARY, 4, 7);

        assertThat(a.unavailable()).isNull();
        assertThat(a.lines()).hasSize(4);
        assertThat(CalibrationLines.sha256(b.lines())).isEqualTo(CalibrationLines.sha256(a.lines()));
        assertThat(CalibrationLines.sha256(CalibrationLines.draw(DICTIONARY, 4, 8).lines())).isNotEqualTo(CalibrationLines.sha256(a.lines()));
    }

    @Test
    void aDictionaryTheBundledFontCannotDrawIsRefusedWithAReason() {
        List<String> chinese = List.of("中", "文", "字", "书", "a", "1");

        CalibrationLines.Drawn d = CalibrationLines.draw(chinese, 4, 1);

        assertThat(d.lines()).isEmpty();
        assertThat(d.unavailable()).contains("Liberation Sans", "cannot draw 4 of the dictionary's 6 characters", "中");
    }
}
