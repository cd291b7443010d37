package dev.lector.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.image.InputException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRangeTest {

    @Test
    void allSelectsEveryPage() {
        assertThat(PageRange.parse("all")).isEqualTo(PageRange.ALL);
        assertThat(PageRange.parse(" ALL ")).isSameAs(PageRange.ALL);
        assertThat(PageRange.ALL.isAll()).isTrue();
        assertThat(PageRange.ALL.resolve(3)).containsExactly(1, 2, 3);
        assertThat(PageRange.ALL).hasToString("all");
    }

    @Test
    void pagesAndSpans() {
        PageRange range = PageRange.parse("1-3,5");

        assertThat(range.spans()).containsExactly(new PageRange.Span(1, 3), new PageRange.Span(5, 5));
        assertThat(range.resolve(5)).containsExactly(1, 2, 3, 5);
        assertThat(range).hasToString("1-3,5");
        assertThat(PageRange.parse(range.toString())).isEqualTo(range);
    }

    @Test
    void pagesComeInDocumentOrderOnceEach() {
        assertThat(PageRange.parse(" 4 , 2-3, 3 ").resolve(4)).containsExactly(2, 3, 4);
    }

    @Test
    void factories() {
        assertThat(PageRange.single(2).resolve(2)).isEqualTo(List.of(2));
        assertThat(PageRange.of(2, 4)).isEqualTo(PageRange.parse("2-4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "1-", "-2", "1,,2", "1-2-3", "0", "0-2", "1.5", "+1", "99999999999", "first"})
    void junkIsABadOption(String spec) {
        assertThatThrownBy(() -> PageRange.parse(spec))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).reason()).isEqualTo(Reason.BAD_OPTION))
                .message().isNotBlank();
    }

    @Test
    void backwardsSpanIsABadOptionNamingIt() {
        assertThatThrownBy(() -> PageRange.parse("5-3"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("'5-3'").hasMessageContaining("ends before it starts");
    }

    @Test
    void pagesPastTheEndAreABadOptionNamingBothNumbers() {
        assertThatThrownBy(() -> PageRange.parse("2,7").resolve(6))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).reason()).isEqualTo(Reason.BAD_OPTION))
                .hasMessage("pages 2,7 were asked for, but the input has 6 pages");
    }

    @Test
    void spanRejectsImpossibleValues() {
        assertThatThrownBy(() -> new PageRange.Span(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageRange.Span(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
