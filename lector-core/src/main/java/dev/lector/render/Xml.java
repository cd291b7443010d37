package dev.lector.render;

/**
 * Escaping for the XML renderers (hOCR, ALTO): any Java string becomes well-formed XML 1.0 text.
 * Markup characters are escaped; characters XML 1.0 cannot hold at all (C0 controls other than
 * tab, newline and carriage return, unpaired surrogates, U+FFFE and U+FFFF) become U+FFFD.
 */
final class Xml {
    private Xml() {}

    /** {@code s} escaped for element content. */
    static String text(String s) {
        return escape(s, false);
    }

    /** {@code s} escaped for a double-quoted attribute value (tab and line breaks kept as character references). */
    static String attr(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            if (n == 1 && Character.isSurrogate((char) c)) c = 0xFFFD; // unpaired half
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\'' -> sb.append(attribute ? "&apos;" : "'");
                case '\t', '\n', '\r' -> {
                    if (attribute) sb.append("&#").append(c).append(';');
                    else sb.append((char) c);
                }
                default -> {
                    if (allowed(c)) sb.appendCodePoint(c);
                    else sb.append('\uFFFD');
                }
            }
            i += n;
        }
        return sb.toString();
    }

    /** The Char production of XML 1.0 (fifth edition), less the three whitespace controls handled above. */
    private static boolean allowed(int c) {
        return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
