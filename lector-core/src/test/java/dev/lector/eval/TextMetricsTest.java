package dev.lector.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextMetricsTest {

    @Test
    void knownEditDistances() {
        assertThat(TextMetrics.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(TextMetrics.editDistance("flaw", "lawn")).isEqualTo(2);
        assertThat(TextMetrics.editDistance("", "abc")).isEqualTo(3);
        assertThat(TextMetrics.editDistance("abc", "")).isEqualTo(3);
        assertThat(TextMetrics.editDistance("same", "same")).isZero();
        assertThat(TextMetrics.editDistance("", "")).isZero();
    }

    @Test
    void chineseCharactersCountOnce() {
        assertThat(TextMetrics.editDistance("中文字符", "中文字")).isEqualTo(1);
        assertThat(TextMetrics.editDistance("我爱北京", "我爱上海")).isEqualTo(2);
        assertThat(TextMetrics.editDistance("显示版本信息并退出", "显示版本信息退出")).isEqualTo(1);
    }

    @Test
    void supplementaryCharactersAreOneCodePoint() {
        // U+1F600 and U+20BB7 are surrogate pairs in UTF-16: two chars, one code point each
        assertThat(TextMetrics.editDistance("😀", "")).isEqualTo(1);
        assertThat(TextMetrics.editDistance("a😀", "ab")).isEqualTo(1);
        assertThat(TextMetrics.editDistance("😀😃", "😃😀")).isEqualTo(2);
        assertThat(TextMetrics.editDistance("𠮷野家", "吉野家")).isEqualTo(1);
        assertThat(TextMetrics.length("a😀𠮷")).isEqualTo(3);
        assertThat(TextMetrics.cer("😀😀", "😀")).isEqualTo(0.5);
    }

    @Test
    void cerDividesByReferenceLengthAtLeastOne() {
        assertThat(TextMetrics.cer("abcd", "abed")).isEqualTo(0.25);
        assertThat(TextMetrics.cer("", "xy")).isEqualTo(2.0);
        assertThat(TextMetrics.cer("", "")).isZero();
        assertThat(TextMetrics.cer("ab", "abcdef")).isEqualTo(2.0);
    }

    @Test
    void matchesPlainDynamicProgrammeOnRandomStrings() {
        Random random = new Random(11);
        String alphabet = "ab中😀 ";
        int[] cps = alphabet.codePoints().toArray();
        for (int t = 0; t < 300; t++) {
            String a = randomString(random, cps, random.nextInt(12));
            String b = randomString(random, cps, random.nextInt(12));
            assertThat(TextMetrics.editDistance(a, b)).as("%s / %s", a, b).isEqualTo(fullMatrix(a, b));
            assertThat(TextMetrics.editDistance(b, a)).isEqualTo(TextMetrics.editDistance(a, b));
        }
    }

    @Test
    void longPagesAreFast() {
        Random random = new Random(5);
        int[] cps = "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会".codePoints().toArray();
        String a = randomString(random, cps, 5000), b = randomString(random, cps, 5000);
        long start = System.nanoTime();
        int d = TextMetrics.editDistance(a, b);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(d).isBetween(1, 5000);
        assertThat(ms).as("ms for 5000 x 5000").isLessThan(2000);
    }

    @Test
    void pageNormalisationFoldsWidthsAndRemovesAllWhitespace() {
        assertThat(TextMetrics.normalizeForPage("ＡＢＣ　１２３", false)).isEqualTo("ABC123");
        assertThat(TextMetrics.normalizeForPage("ＡＢＣ　１２３", true)).isEqualTo("abc123");
        assertThat(TextMetrics.normalizeForPage("Ｈｅｌｌｏ，\u3000世界！\n next\tline\u00a0x", false)).isEqualTo("Hello,世界!nextlinex");
        assertThat(TextMetrics.normalizeForPage("ﬁle TOTAL", true)).isEqualTo("filetotal");
        assertThat(TextMetrics.normalizeForPage(" \n\t", true)).isEmpty();
    }

    @Test
    void lineNormalisationTrimsAndCollapsesSpaces() {
        assertThat(TextMetrics.normalizeForLine("  Ａ  b\tc ", true)).isEqualTo("a b c");
        assertThat(TextMetrics.normalizeForLine("TOTAL：12.00", false)).isEqualTo("TOTAL:12.00");
        assertThat(TextMetrics.normalizeForLine("Total", false)).isNotEqualTo(TextMetrics.normalizeForLine("TOTAL", false));
    }

    @Test
    void charBagCountsSharedCharactersAsMultisets() {
        CharBagOverlap o = TextMetrics.charBagOverlap("aabc", "abcc");
        assertThat(o).isEqualTo(new CharBagOverlap(3, 4, 4));
        assertThat(o.f1()).isCloseTo(0.75, within(1e-12));
        assertThat(TextMetrics.charBagF1("abc", "cba")).isEqualTo(1.0);
        assertThat(TextMetrics.charBagOverlap("中文😀", "😀文")).isEqualTo(new CharBagOverlap(2, 3, 2));
        assertThat(TextMetrics.charBagF1("abc", "")).isZero();
        assertThat(TextMetrics.charBagF1("", "")).isEqualTo(1.0);
        assertThat(o.plus(new CharBagOverlap(1, 2, 4))).isEqualTo(new CharBagOverlap(4, 6, 8));
    }

    private static String randomString(Random random, int[] cps, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.appendCodePoint(cps[random.nextInt(cps.length)]);
        return sb.toString();
    }

    private static int fullMatrix(String a, String b) {
        int[] x = a.codePoints().toArray(), y = b.codePoints().toArray();
        int[][] d = new int[x.length + 1][y.length + 1];
        for (int i = 0; i <= x.length; i++) d[i][0] = i;
        for (int j = 0; j <= y.length; j++) d[0][j] = j;
        for (int i = 1; i <= x.length; i++) {
            for (int j = 1; j <= y.length; j++) {
                d[i][j] = Math.min(d[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1), Math.min(d[i - 1][j], d[i][j - 1]) + 1);
            }
        }
        return d[x.length][y.length];
    }
}
