package dev.lector.recognize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CtcDecoderTest {

    // classes: 0 blank, 1 'a', 2 'b', 3 'l', 4 space
    private final Charset charset = Charset.of(List.of("a", "b", "l"), 5, "test dict");
    private final CtcDecoder decoder = new CtcDecoder(charset);

    /** One row per time step: the given class gets probability p, the rest share 1-p. */
    private static float[] logits(int classes, int[] best, float[] p) {
        float[] out = new float[best.length * classes];
        for (int t = 0; t < best.length; t++) {
            for (int c = 0; c < classes; c++) out[t * classes + c] = (1 - p[t]) / (classes - 1);
            out[t * classes + best[t]] = p[t];
        }
        return out;
    }

    @Test
    void repeatsCollapseAndBlanksVanish() {
        float[] l = logits(5, new int[] {0, 1, 1, 0, 2, 2, 2, 0}, new float[] {.9f, .8f, .6f, .9f, .7f, .9f, .8f, .9f});
        Recognized r = decoder.decode(l, 0, 8, 5);
        assertThat(r.text()).isEqualTo("ab");
        // the first step of each run is kept: 0.8 for 'a', 0.7 for 'b'
        assertThat(r.score()).isCloseTo(0.75, within(1e-6));
    }

    @Test
    void blankBetweenEqualClassesKeepsARealDoubleLetter() {
        float[] l = logits(5, new int[] {1, 3, 3, 0, 3, 1}, new float[] {1, 1, 1, 1, 1, 1});
        assertThat(decoder.decode(l, 0, 6, 5).text()).isEqualTo("alla");
    }

    @Test
    void lastClassIsTheSpace() {
        float[] l = logits(5, new int[] {1, 4, 2}, new float[] {.9f, .9f, .9f});
        assertThat(decoder.decode(l, 0, 3, 5).text()).isEqualTo("a b");
    }

    @Test
    void allBlankIsEmptyWithZeroConfidence() {
        float[] l = logits(5, new int[] {0, 0, 0}, new float[] {.99f, .99f, .99f});
        Recognized r = decoder.decode(l, 0, 3, 5);
        assertThat(r.text()).isEmpty();
        assertThat(r.score()).isZero();
    }

    @Test
    void decodesFromAnOffsetInABatch() {
        float[] first = logits(5, new int[] {1, 1}, new float[] {.9f, .9f});
        float[] second = logits(5, new int[] {2, 0, 2}, new float[] {.5f, .9f, .7f});
        float[] batch = new float[first.length + second.length + 5]; // second item padded to 3 steps
        System.arraycopy(first, 0, batch, 0, first.length);
        System.arraycopy(second, 0, batch, 15, second.length);
        Recognized r = decoder.decode(batch, 15, 3, 5);
        assertThat(r.text()).isEqualTo("bb");
        assertThat(r.score()).isCloseTo(0.6, within(1e-6));
    }

    @Test
    void rejectsOutputOfAnotherWidth() {
        assertThatThrownBy(() -> decoder.decode(new float[12], 0, 2, 6)).hasMessageContaining("6 classes");
    }
}
