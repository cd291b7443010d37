package dev.lector.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FuzzyTest {

    @Test
    void canonicalFormsMakeOcrConfusionsOne() {
        assertThat(Fuzzy.canon("t0tal")).isEqualTo(Fuzzy.canon("total"));
        assertThat(Fuzzy.canon("1ot")).isEqualTo(Fuzzy.canon("lot")).isEqualTo(Fuzzy.canon("iot"));
        assertThat(Fuzzy.canon("5um8er")).isEqualTo(Fuzzy.canon("sumber"));
        assertThat(Fuzzy.canon("total")).isNotEqualTo(Fuzzy.canon("tatal"));
        assertThat(Fuzzy.fold("T0TAL: 12.00").canon()).isEqualTo("totall2oo");
    }

    @Test
    void bitVectorDistanceAgreesWithTheEditDistanceTable() {
        // the bit-vector pass only decides whether the full table is run: it must find the same best distance
        Random r = new Random(11);
        String alphabet = "abclo1s5 ";
        for (int n = 0; n < 5000; n++) {
            String p = random(r, alphabet, 1 + r.nextInt(12)), t = random(r, alphabet, r.nextInt(30));
            String pc = Fuzzy.canon(p), tc = Fuzzy.canon(t);
            assertThat(Fuzzy.bestDistance(pc, tc)).as("%s in %s", p, t).isEqualTo(Fuzzy.find(p, t).distance());
        }
        String longPattern = "a".repeat(64);
        assertThat(Fuzzy.bestDistance(longPattern, "a".repeat(60) + "b")).isEqualTo(4);
    }

    @Test
    void findWithinAnswersAsTheFullSearchFilteredByDistance() {
        Random r = new Random(7);
        String alphabet = "abcdlo1s5";
        for (int n = 0; n < 5000; n++) {
            String p = random(r, alphabet, 1 + r.nextInt(10)), t = random(r, alphabet, r.nextInt(25));
            int tol = r.nextInt(3);
            Fuzzy.Match full = Fuzzy.find(p, t);
            Fuzzy.Match expected = full.distance() <= tol ? full : null;
            assertThat(Fuzzy.findWithin(p, Fuzzy.canon(p), t, Fuzzy.canon(t), tol)).as("%s in %s within %d", p, t, tol).isEqualTo(expected);
        }
        assertThat(Fuzzy.findWithin("total", "total", "grandtotal", "grandtotal", 0)).isEqualTo(new Fuzzy.Match(5, 10, 0, 5));
        assertThat(Fuzzy.findWithin("total", "total", "totl", "totl", 1).distance()).isEqualTo(1);
        assertThat(Fuzzy.findWithin("total", "total", "change", "change", 1)).isNull();
    }

    private static String random(Random r, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }
}
