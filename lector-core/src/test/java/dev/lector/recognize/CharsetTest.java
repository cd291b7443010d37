package dev.lector.recognize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharsetTest {

    @Test
    void blankFirstThenDictionaryThenSpace() {
        Charset c = Charset.of(List.of("x", "中"), 4, "d");
        assertThat(c.classes()).isEqualTo(4);
        assertThat(c.symbol(0)).isEmpty();
        assertThat(c.symbol(2)).isEqualTo("中");
        assertThat(c.symbol(3)).isEqualTo(" ");
    }

    @Test
    void modelWithoutSpaceClassIsAccepted() {
        assertThat(Charset.of(List.of("x", "y"), 3, "d").classes()).isEqualTo(3);
    }

    @Test
    void sizeMismatchNamesBothNumbers() {
        assertThatThrownBy(() -> Charset.of(List.of("a", "b", "c"), 6625, "my_dict.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("my_dict.txt").hasMessageContaining("3 characters")
                .hasMessageContaining("5 classes").hasMessageContaining("6625");
    }

    @Test
    void emptyDictionaryIsRefused() {
        assertThatThrownBy(() -> Charset.of(List.of(), -1, "empty.txt")).hasMessageContaining("empty.txt is empty");
    }

    @Test
    void readsLinesWithBomAndCrlf() throws Exception {
        byte[] file = "\uFEFFa\r\nb\r\n中\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Charset.readDictionary(file)).containsExactly("a", "b", "中");
    }
}
