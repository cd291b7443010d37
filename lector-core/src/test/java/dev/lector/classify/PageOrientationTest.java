package dev.lector.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.classify.PageOrientation.Decision;
import dev.lector.classify.PageOrientation.Vote;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageOrientationTest {

    @Test
    void theLongConfidentLinesDecide() {
        List<Vote> votes = List.of(new Vote(180, 400, 10, 0.99), new Vote(180, 300, 8, 0.95),
                new Vote(180, 200, 6, 0.9), new Vote(0, 50, 2, 0.8));
        assertThat(PageOrientation.decide(votes)).isEqualTo(new Decision(180, true));
    }

    @Test
    void squareBoxesAndUnsureCallsHaveNoSay() {
        List<Vote> votes = List.of(new Vote(90, 400, 1.0, 0.99), new Vote(180, 400, 8, 0.5), new Vote(0, 100, 4, 0.99));
        assertThat(PageOrientation.decide(votes)).isEqualTo(new Decision(0, false)); // one voter only
    }

    @Test
    void aSplitVoteOrALoneLineDecidesNothingForOtherLines() {
        assertThat(PageOrientation.decide(List.of(new Vote(0, 300, 8, 0.99), new Vote(90, 300, 8, 0.99))))
                .isEqualTo(Decision.NONE);
        Decision lone = PageOrientation.decide(List.of(new Vote(180, 300, 8, 0.8)));
        assertThat(lone).isEqualTo(new Decision(180, false));
        assertThat(PageOrientation.adopt(lone, 0, 8)).isZero();
        assertThat(PageOrientation.decide(List.of())).isEqualTo(Decision.NONE);
    }

    @Test
    void linesFollowADecisivePageUnlessClearlyOtherwise() {
        Decision page = new Decision(90, true);
        assertThat(PageOrientation.adopt(page, 270, 6)).isEqualTo(90);   // half a turn off: a slip
        assertThat(PageOrientation.adopt(page, 0, 1.2)).isEqualTo(90);   // a square box could not tell
        assertThat(PageOrientation.adopt(page, 0, 4)).isZero();          // clearly horizontal text stays
        assertThat(PageOrientation.adopt(new Decision(0, true), 180, 9)).isZero();
    }
}
