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
    void aSettledPageIsDecidedTheSameWhateverTheLinesNotHeardSay() {
        java.util.Random r = new java.util.Random(11);
        int settled = 0, open = 0;
        for (int t = 0; t < 3000; t++) {
            int main = 90 * r.nextInt(4);
            List<Vote> heard = new java.util.ArrayList<>(), unheard = new java.util.ArrayList<>();
            int h = 1 + r.nextInt(10), u = r.nextInt(30);
            for (int k = 0; k < h + u; k++) {
                int o = r.nextDouble() < 0.8 ? main : 90 * r.nextInt(4);
                Vote v = new Vote(o, 20 + r.nextInt(500), 1 + r.nextDouble() * 12, 0.5 + r.nextDouble() * 0.5);
                (k < h ? heard : unheard).add(v);
            }
            double most = unheard.stream().mapToDouble(v -> PageOrientation.mostWeight(v.length(), v.aspect())).sum();
            if (!PageOrientation.settled(heard, most)) {
                open++;
                continue;
            }
            settled++;
            Decision d = PageOrientation.decide(heard);
            assertThat(d.decisive()).isTrue();
            List<Vote> all = new java.util.ArrayList<>(heard);
            all.addAll(unheard);
            assertThat(PageOrientation.decide(all)).isEqualTo(d);
            for (int other = 0; other < 360; other += 90) {
                // the worst the unheard lines could do: all sure, all for one other direction
                List<Vote> worst = new java.util.ArrayList<>(heard);
                for (Vote v : unheard) worst.add(new Vote(other, v.length(), v.aspect(), 1));
                assertThat(PageOrientation.decide(worst)).isEqualTo(d);
            }
        }
        assertThat(settled).isGreaterThan(100);
        assertThat(open).isGreaterThan(100);
        // three sure upright lines do not settle a page whose other lines could outweigh them
        List<Vote> three = List.of(new Vote(0, 100, 8, 1), new Vote(0, 100, 8, 1), new Vote(0, 100, 8, 1));
        assertThat(PageOrientation.settled(three, 0)).isTrue();
        assertThat(PageOrientation.settled(three, 199)).isTrue();
        assertThat(PageOrientation.settled(three, 201)).isFalse();
        assertThat(PageOrientation.settled(three.subList(0, 2), 0)).as("two voters").isFalse();
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
