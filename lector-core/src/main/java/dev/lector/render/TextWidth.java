package dev.lector.render;

/**
 * East Asian width of a character, as terminals and the text layer's font use it: wide (CJK
 * ideographs, kana, hangul, full-width forms) takes a full em, everything else half.
 */
final class TextWidth {
    private TextWidth() {}

    /** Whether {@code cp} is East Asian Wide or Fullwidth (the ranges of Unicode's EastAsianWidth W/F, condensed). */
    static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) // hangul jamo initials
                || (cp >= 0x2E80 && cp <= 0x303E) // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
                || (cp >= 0x3041 && cp <= 0x33FF) // kana, bopomofo, hangul compatibility jamo, kanbun, CJK strokes, enclosed
                || (cp >= 0x3400 && cp <= 0x4DBF) // CJK extension A
                || (cp >= 0x4E00 && cp <= 0x9FFF) // CJK unified ideographs
                || (cp >= 0xA000 && cp <= 0xA4CF) // Yi
                || (cp >= 0xA960 && cp <= 0xA97F) // hangul jamo extended A
                || (cp >= 0xAC00 && cp <= 0xD7A3) // hangul syllables
                || (cp >= 0xF900 && cp <= 0xFAFF) // CJK compatibility ideographs
                || (cp >= 0xFE10 && cp <= 0xFE19) // vertical forms
                || (cp >= 0xFE30 && cp <= 0xFE6F) // CJK compatibility forms, small forms
                || (cp >= 0xFF00 && cp <= 0xFF60) // full-width forms
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F) // pictographs, emoticons
                || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extensions B..H
    }

    /** Width of {@code s} in half-ems: 2 per wide character, 1 per other code point. */
    static int halfEms(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            n += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return n;
    }
}
