package dev.lector.extract;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as printed on documents, found in text and turned into ISO 8601: numeric day/month/year
 * in any order with {@code / - . } separators (two-digit years as 20yy up to 69 and 19yy above),
 * year first, month names (English, Malay, German, French, Spanish abbreviations), and CJK
 * {@code 2019年1月2日}. Numeric dates are read day first unless the order says month first
 * or the day cannot be a month (13/01 vs 01/13).
 */
public final class Dates {

    /** The order of day and month in numeric dates. */
    public enum Order { DMY, MDY }

    /** A date found in a text: where it is and its ISO form. */
    public record Found(int start, int end, String text, LocalDate date) {
        public String iso() {
            return date.toString();
        }
    }

    private static final Map<String, Integer> MONTHS = months();

    private static final String MON = "(?<mon>[A-Za-zÀ-ÿ]{3,10})\\.?";
    private static final Pattern YMD = Pattern.compile("(?<![\\d])(?<y>(?:19|20) ?\\d{2})\\s?[-/.]\\s?(?<m>\\d{1,2})\\s?[-/.]\\s?(?<d>\\d{1,2})(?!\\d)(?![-/]\\d)");
    private static final String AFTER_YEAR = "(?:(?![\\d])(?![-/]\\d)|(?=\\d{1,2}[:.]\\d{2}))";
    private static final Pattern NUM = Pattern.compile("(?<![\\d./-])(?<a>\\d{1,2})\\s?(?<s>[-/.])\\s?(?<b>\\d{1,2})\\s?\\k<s>\\s?(?:(?<y4>\\d{4})" + AFTER_YEAR + "|(?<y4s>(?:19|20) \\d{2})(?![\\d:.])|(?<y>\\d{2})(?!\\d)(?![-/]\\d))");
    private static final Pattern DMONY = Pattern.compile("(?<![\\d])(?<d>\\d{1,2})(?:st|nd|rd|th)?[\\s\\-/.]*" + MON + "[\\s\\-/.,]*(?<y>\\d{2}(?=\\d{1,2}[:.]\\d{2})|\\d{4}(?=\\D|$)|\\d{4}(?=\\d{1,2}[:.]\\d{2})|\\d{2}(?!\\d))");
    /** "25/Fe0/2017": day, a three-character month misread by one character, year, between the same separators. */
    private static final Pattern DMONY_OCR = Pattern.compile("(?<![\\d])(?<d>\\d{1,2})(?<s>[-/])(?<mon>\\p{L}[\\p{L}\\d]{2})\\k<s>(?<y>\\d{4}(?=\\D|$|\\d{1,4}[:.]\\d{2})|\\d{2}(?!\\d))");
    private static final String[] ABBREVIATED = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    private static final Pattern MONDY = Pattern.compile(MON + "\\s*(?<d>\\d{1,2})(?:st|nd|rd|th)?,?\\s*(?<y>\\d{4})(?![\\d])");
    private static final Pattern CJK = Pattern.compile("(?<y>\\d{4})\\s?年\\s?(?<m>\\d{1,2})\\s?月\\s?(?<d>\\d{1,2})\\s?日?");
    private static final Pattern COMPACT = Pattern.compile("(?<![\\d])(?<y>(?:19|20)\\d{2})(?<m>0[1-9]|1[0-2])(?<d>0[1-9]|[12]\\d|3[01])(?![\\d])");

    private Dates() {}

    /** The first date in {@code text}, or null. */
    public static Found find(String text, Order order) {
        return find(text, order, false);
    }

    /** Like {@link #find(String, Order)}; {@code compact} also accepts {@code yyyyMMdd}. */
    public static Found find(String text, Order order, boolean compact) {
        Found best = null;
        best = earlier(best, cjk(text));
        best = earlier(best, ymd(text));
        best = earlier(best, numeric(text, order));
        best = earlier(best, named(text, DMONY, false));
        best = earlier(best, named(text, MONDY, true));
        if (best == null) best = misreadMonth(text);
        if (compact) best = earlier(best, ymdCompact(text));
        return best;
    }

    /** {@code text} read as a date (the first one in it), in ISO form, or null. */
    public static String iso(String text, Order order) {
        Found f = find(text, order);
        return f == null ? null : f.iso();
    }

    private static Found earlier(Found a, Found b) {
        if (b == null) return a;
        if (a == null) return b;
        if (b.start() < a.start() || (b.start() == a.start() && b.end() > a.end())) return b;
        return a;
    }

    private static Found cjk(String t) {
        Matcher m = CJK.matcher(t);
        while (m.find()) {
            LocalDate d = date(Integer.parseInt(m.group("y")), Integer.parseInt(m.group("m")), Integer.parseInt(m.group("d")));
            if (d != null) return new Found(m.start(), m.end(), m.group(), d);
        }
        return null;
    }

    private static Found ymd(String t) {
        Matcher m = YMD.matcher(t);
        while (m.find()) {
            LocalDate d = date(Integer.parseInt(m.group("y").replace(" ", "")), Integer.parseInt(m.group("m")), Integer.parseInt(m.group("d")));
            if (d != null) return new Found(m.start(), m.end(), m.group(), d);
        }
        return null;
    }

    private static Found ymdCompact(String t) {
        Matcher m = COMPACT.matcher(t);
        while (m.find()) {
            LocalDate d = date(Integer.parseInt(m.group("y")), Integer.parseInt(m.group("m")), Integer.parseInt(m.group("d")));
            if (d != null) return new Found(m.start(), m.end(), m.group(), d);
        }
        return null;
    }

    private static Found numeric(String t, Order order) {
        Matcher m = NUM.matcher(t);
        while (m.find()) {
            int a = Integer.parseInt(m.group("a")), b = Integer.parseInt(m.group("b"));
            // "14/02/20 19": OCR split the year
            String yText = m.group("y4") != null ? m.group("y4") : m.group("y4s") != null ? m.group("y4s").replace(" ", "") : m.group("y");
            int y = year(yText);
            int end = m.end();
            if (m.group("y4") != null && (y < 1900 || y > 2099)) {
                // "01/03/1819:14": a two-digit year glued to the time
                y = year(m.group("y4").substring(0, 2));
                end = m.start("y4") + 2;
            }
            int day = order == Order.MDY ? b : a, month = order == Order.MDY ? a : b;
            if (month > 12 && day <= 12) {
                int s = day;
                day = month;
                month = s;
            }
            LocalDate d = date(y, month, day);
            if (d != null) return new Found(m.start(), end, t.substring(m.start(), end), d);
        }
        return null;
    }

    private static Found named(String t, Pattern p, boolean monthFirst) {
        Matcher m = p.matcher(t);
        while (m.find()) {
            Integer month = MONTHS.get(m.group("mon").toLowerCase(Locale.ROOT));
            if (month == null) continue;
            LocalDate d = date(year(m.group("y")), month, Integer.parseInt(m.group("d")));
            if (d != null) return new Found(m.start(), m.end(), m.group(), d);
        }
        return null;
    }

    /**
     * A date whose month abbreviation OCR misread in one character ("25/Fe0/2017"): the only
     * English abbreviation one substitution away, when day, separators and year are a date's.
     */
    private static Found misreadMonth(String t) {
        Matcher m = DMONY_OCR.matcher(t);
        while (m.find()) {
            String mon = m.group("mon").toLowerCase(Locale.ROOT);
            if (MONTHS.containsKey(mon)) continue;
            int month = 0;
            for (int i = 0; i < ABBREVIATED.length; i++) {
                int diff = 0;
                for (int k = 0; k < 3; k++) if (ABBREVIATED[i].charAt(k) != mon.charAt(k)) diff++;
                if (diff == 1) month = month == 0 ? i + 1 : -1;
            }
            if (month <= 0) continue;
            LocalDate d = date(year(m.group("y")), month, Integer.parseInt(m.group("d")));
            if (d != null) return new Found(m.start(), m.end(), m.group(), d);
        }
        return null;
    }

    private static final Pattern DIGIT_RUN = Pattern.compile("^[\\s:：.=-]*(\\d{8,10})(?!\\d)");

    /**
     * A date printed after its label with its separators lost: "DATE: 25042017", or
     * "250472017" where a slash was read as 1 or 7. The run of digits (8 to 10, nothing else
     * before it) is split as day, month, year of four digits with an optional 1 or 7 in the
     * separators' places; it is a date when exactly one split is one (day first unless the order
     * says month first). Only for text that follows a date label: elsewhere such a run is a
     * number.
     */
    public static Found afterLabel(String text, Order order) {
        Matcher m = DIGIT_RUN.matcher(text);
        if (!m.find()) return null;
        String d = m.group(1);
        LocalDate found = null;
        int count = 0;
        for (int s1 = 0; s1 <= 1; s1++) {
            for (int s2 = 0; s2 <= 1; s2++) {
                if (4 + s1 + s2 + 4 != d.length()) continue;
                if (s1 == 1 && "17".indexOf(d.charAt(2)) < 0 || s2 == 1 && "17".indexOf(d.charAt(4 + s1)) < 0) continue;
                int a = Integer.parseInt(d.substring(0, 2)), b = Integer.parseInt(d.substring(2 + s1, 4 + s1));
                int y = Integer.parseInt(d.substring(4 + s1 + s2));
                if (y < 1990 || y > 2039) continue;
                LocalDate v = order == Order.MDY ? date(y, a, b) : date(y, b, a);
                if (v != null && !v.equals(found)) {
                    found = v;
                    count++;
                }
            }
        }
        return count == 1 ? new Found(m.start(1), m.end(1), d, found) : null;
    }

    private static int year(String y) {
        int v = Integer.parseInt(y);
        if (y.length() == 2) return v < 70 ? 2000 + v : 1900 + v;
        return v;
    }

    private static LocalDate date(int y, int m, int d) {
        if (y < 1900 || y > 2099) return null;
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Map<String, Integer> months() {
        Map<String, Integer> m = new java.util.HashMap<>();
        String[][] names = {
            {"jan", "january", "januari", "januar", "janvier", "janv", "ene", "enero"},
            {"feb", "february", "februari", "februar", "fevrier", "février", "fev", "fév", "febrero"},
            {"mar", "march", "mac", "mac", "märz", "maerz", "mars", "marzo", "mrz"},
            {"apr", "april", "avril", "avr", "abr", "abril"},
            {"may", "mei", "mai", "mayo"},
            {"jun", "june", "jun", "juni", "juin", "junio"},
            {"jul", "july", "julai", "juli", "juillet", "juil", "julio"},
            {"aug", "august", "ogos", "ogo", "août", "aout", "ago", "agosto"},
            {"sep", "sept", "september", "septembre", "septiembre", "set"},
            {"oct", "october", "oktober", "okt", "octobre", "octubre"},
            {"nov", "november", "novembre", "noviembre"},
            {"dec", "december", "disember", "dis", "dezember", "dez", "décembre", "decembre", "dic", "diciembre"},
        };
        for (int i = 0; i < names.length; i++) {
            for (String n : names[i]) m.put(n, i + 1);
        }
        return Map.copyOf(m);
    }
}
