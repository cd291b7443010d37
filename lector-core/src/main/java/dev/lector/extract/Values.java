package dev.lector.extract;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finding a typed value in a piece of text and normalising it. Pure. */
final class Values {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[.\\-/]+$");


    /** A value found in a text: [start, end) of it, as printed, and normalised. */
    record Hit(int start, int end, String value, String normalized, String currency) {}

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:[.,]\\d+)?(?![\\w])");
    private static final Pattern ID = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9\\-/.]{2,}(?![A-Za-z0-9])");
    private static final Pattern SEX = Pattern.compile("(?<![A-Za-z])(male|female|m|f)(?![A-Za-z])|[男女]", Pattern.CASE_INSENSITIVE);
    private static final Pattern GLUED_MARK = Pattern.compile("(?<![\\p{L}\\d])\\p{Lu}{1,2}(?=\\d)");
    private static final Pattern EDGE = Pattern.compile("^[\\s:：;,.#=_\\-–—|*]+|[\\s:：;,|*_]+$");

    private Values() {}

    /** The value of {@code type} (matching {@code pattern} if given) in {@code text}, or null. */
    static Hit find(String text, FieldType type, Pattern pattern, Dates.Order order) {
        if (pattern != null) {
            Matcher m = pattern.matcher(text);
            if (!m.find()) return null;
            int g = m.groupCount() >= 1 && m.group(1) != null ? 1 : 0;
            int s = m.start(g), e = m.end(g);
            String part = text.substring(s, e);
            if (type == FieldType.TEXT || type == FieldType.NAME || type == FieldType.ID) {
                String v = trim(part);
                return v.isEmpty() ? null : new Hit(s, e, v, normalize(v, type), null);
            }
            Hit inner = find(part, type, null, order);
            return inner == null ? null : new Hit(s + inner.start(), s + inner.end(), inner.value(), inner.normalized(), inner.currency());
        }
        switch (type) {
            case DATE -> {
                Dates.Found f = Dates.find(text, order);
                return f == null ? null : new Hit(f.start(), f.end(), f.text().trim(), f.iso(), null);
            }
            case AMOUNT -> {
                List<Amounts.Found> all = Amounts.findAll(text);
                Amounts.Found best = null;
                for (Amounts.Found a : all) {
                    if (a.hasDecimals() || a.currency() != null) best = a;
                }
                if (best == null && !all.isEmpty()) best = all.getLast();
                if (best == null || !best.hasDecimals() && best.currency() == null) {
                    // a currency mark misread into a letter or two glued to the number ("N94.19" for "RM94.19")
                    Matcher g = GLUED_MARK.matcher(text);
                    if (g.find()) {
                        Amounts.Found a = Amounts.find(text.substring(g.end()));
                        if (a != null && a.hasDecimals() && a.start() == 0) {
                            int s = g.end();
                            return new Hit(s + a.start(), s + a.end(), a.text(), a.normalized(), a.currency());
                        }
                    }
                }
                return best == null ? null : new Hit(best.start(), best.end(), best.text(), best.normalized(), best.currency());
            }
            case NUMBER -> {
                Matcher m = NUMBER.matcher(text);
                if (!m.find()) return null;
                String v = m.group();
                return new Hit(m.start(), m.end(), v, new java.math.BigDecimal(v.replace(',', '.')).toPlainString(), null);
            }
            case ID -> {
                Matcher m = ID.matcher(text);
                while (m.find()) {
                    String v = TRAILING_SEPARATORS.matcher(m.group()).replaceAll("");
                    if (v.chars().anyMatch(Character::isDigit) && v.length() >= 3) return new Hit(m.start(), m.start() + v.length(), v, v.toUpperCase(Locale.ROOT), null);
                }
                return null;
            }
            case SEX -> {
                Matcher m = SEX.matcher(text);
                if (!m.find()) return null;
                return new Hit(m.start(), m.end(), m.group(), sex(m.group()), null);
            }
            default -> {
                String v = trim(text);
                if (v.isEmpty() || v.codePoints().noneMatch(Character::isLetterOrDigit)) return null;
                int s = text.indexOf(v);
                return new Hit(Math.max(0, s), Math.max(0, s) + v.length(), v, normalize(v, type), null);
            }
        }
    }

    static String sex(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        return t.startsWith("f") || t.equals("女") ? "F" : "M";
    }

    /** {@code s} without separators and stray punctuation at its ends, spaces collapsed. */
    static String trim(String s) {
        return SPACES.matcher(EDGE.matcher(s.strip()).replaceAll("")).replaceAll(" ").strip();
    }

    static String normalize(String v, FieldType type) {
        return switch (type) {
            case NAME -> SPACES.matcher(v).replaceAll(" ").strip();
            case ID -> SPACES.matcher(v).replaceAll("").toUpperCase(Locale.ROOT);
            default -> v;
        };
    }
}
