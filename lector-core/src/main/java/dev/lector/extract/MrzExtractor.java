package dev.lector.extract;

import dev.lector.extract.PageLines.L;
import dev.lector.result.Page;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ICAO 9303 machine-readable zone: TD3 (passports, 2 lines of 44) and TD1 (ID cards, 3 lines
 * of 30). OCR text is cleaned (spaces out, {@code «} and similar as {@code <}); every check digit
 * is validated and a field whose digit fails says {@code check_digit}; the composite check is
 * reported on the {@code mrz} field. Dates are ISO; a birth year is 20yy when that is before the
 * expiry year, else 19yy; expiry years are 20yy.
 */
public final class MrzExtractor implements FieldExtractor {

    @Override
    public String name() {
        return "passport_mrz";
    }

    @Override
    public Extraction extract(Page page) {
        PageLines pl = new PageLines(page);
        List<L> cand = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (L l : pl.all()) {
            String t = clean(l.text());
            if (t.length() >= 28 && t.chars().filter(c -> c == '<').count() >= 1 && t.matches("[A-Z0-9<]+")) {
                cand.add(l);
                texts.add(t);
            }
        }
        for (int i = 0; i + 1 < cand.size(); i++) {
            String a = fit(texts.get(i), 44, true), b = fit(texts.get(i + 1), 44);
            if (a != null && b != null && (a.charAt(0) == 'P' || a.charAt(0) == 'V' || Character.isLetter(a.charAt(0)))) {
                return new Extraction(name(), td3(pl, a, b, cand.get(i), cand.get(i + 1)));
            }
        }
        for (int i = 0; i + 2 < cand.size(); i++) {
            String a = fit(texts.get(i), 30), b = fit(texts.get(i + 1), 30), c = fit(texts.get(i + 2), 30, true);
            if (a != null && b != null && c != null) {
                return new Extraction(name(), td1(pl, a, b, c, List.of(cand.get(i), cand.get(i + 1), cand.get(i + 2))));
            }
        }
        return new Extraction(name(), Map.of());
    }

    /** Upper case, spaces out, chevron look-alikes as '<'. */
    static String clean(String s) {
        String t = s.toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
        t = t.replace("«", "<<").replace('‹', '<').replace('〈', '<').replace('＜', '<').replace('(', '<');
        return t;
    }

    /** {@code t} at exactly {@code n} characters: trailing fillers added or dropped; null when too far off. */
    private static String fit(String t, int n) {
        return fit(t, n, false);
    }

    /**
     * {@code names}: a names line, whose trailing fillers OCR often shortens (CTC merges a run of
     * {@code <}), may be padded any length.
     */
    private static String fit(String t, int n, boolean names) {
        if (t.length() == n) return t;
        if (t.length() < n && (names ? t.length() >= n / 2 : t.length() >= n - 3) && t.endsWith("<")) return t + "<".repeat(n - t.length());
        if (t.length() > n && t.length() <= n + 3 && t.substring(n).chars().allMatch(c -> c == '<')) return t.substring(0, n);
        return null;
    }

    private Map<String, Field> td3(PageLines pl, String l1, String l2, L line1, L line2) {
        Map<String, Field> f = new LinkedHashMap<>();
        put(f, "document_type", strip(l1.substring(0, 2)), null, line1, 0, 2, pl);
        l1 = l1.substring(0, 2) + letters(l1.substring(2));
        l2 = l2.substring(0, 10) + letters(l2.substring(10, 13)) + digits(l2.substring(13, 20)) + l2.charAt(20) + digits(l2.substring(21, 28))
                + l2.substring(28, 42) + digits(l2.substring(42));
        put(f, "issuing_country", strip(l1.substring(2, 5)), null, line1, 2, 5, pl);
        names(f, l1.substring(5), line1, 5, pl);
        checked(f, "document_number", l2.substring(0, 9), l2.charAt(9), line2, 0, 10, pl, null);
        put(f, "nationality", strip(l2.substring(10, 13)), null, line2, 10, 13, pl);
        LocalDate expiry = date(l2.substring(21, 27), null);
        checked(f, "birth_date", l2.substring(13, 19), l2.charAt(19), line2, 13, 20, pl, date(l2.substring(13, 19), expiry));
        put(f, "sex", sex(l2.charAt(20)), null, line2, 20, 21, pl);
        checked(f, "expiry_date", l2.substring(21, 27), l2.charAt(27), line2, 21, 28, pl, expiry);
        String personal = l2.substring(28, 42);
        if (!strip(personal).isEmpty() || l2.charAt(42) != '<') checked(f, "personal_number", personal, l2.charAt(42), line2, 28, 43, pl, null);
        String composite = l2.substring(0, 10) + l2.substring(13, 20) + l2.substring(21, 43);
        mrz(f, l1 + "\n" + l2, composite, l2.charAt(43), List.of(line1, line2), pl);
        return f;
    }

    private Map<String, Field> td1(PageLines pl, String l1, String l2, String l3, List<L> lines) {
        Map<String, Field> f = new LinkedHashMap<>();
        L a = lines.get(0), b = lines.get(1), c = lines.get(2);
        l1 = l1.substring(0, 2) + letters(l1.substring(2, 5)) + l1.substring(5);
        l2 = digits(l2.substring(0, 7)) + l2.charAt(7) + digits(l2.substring(8, 15)) + letters(l2.substring(15, 18)) + l2.substring(18, 29)
                + digits(l2.substring(29));
        l3 = letters(l3);
        put(f, "document_type", strip(l1.substring(0, 2)), null, a, 0, 2, pl);
        put(f, "issuing_country", strip(l1.substring(2, 5)), null, a, 2, 5, pl);
        checked(f, "document_number", l1.substring(5, 14), l1.charAt(14), a, 5, 15, pl, null);
        LocalDate expiry = date(l2.substring(8, 14), null);
        checked(f, "birth_date", l2.substring(0, 6), l2.charAt(6), b, 0, 7, pl, date(l2.substring(0, 6), expiry));
        put(f, "sex", sex(l2.charAt(7)), null, b, 7, 8, pl);
        checked(f, "expiry_date", l2.substring(8, 14), l2.charAt(14), b, 8, 15, pl, expiry);
        put(f, "nationality", strip(l2.substring(15, 18)), null, b, 15, 18, pl);
        names(f, l3, c, 0, pl);
        String composite = l1.substring(5, 30) + l2.substring(0, 7) + l2.substring(8, 15) + l2.substring(18, 29);
        mrz(f, l1 + "\n" + l2 + "\n" + l3, composite, l2.charAt(29), lines, pl);
        return f;
    }

    private static void names(Map<String, Field> f, String zone, L line, int offset, PageLines pl) {
        String z = zone.replaceAll("<+$", "");
        int sep = z.indexOf("<<");
        String surname = (sep < 0 ? z : z.substring(0, sep)).replace('<', ' ').strip();
        String given = sep < 0 ? "" : z.substring(sep + 2).replace('<', ' ').replaceAll("\\s+", " ").strip();
        if (!surname.isEmpty()) put(f, "surname", surname, null, line, offset, offset + Math.max(1, sep < 0 ? z.length() : sep), pl);
        if (!given.isEmpty()) put(f, "given_names", given, null, line, offset + sep + 2, offset + z.length(), pl);
    }

    private static void put(Map<String, Field> f, String name, String value, String norm, L line, int s, int e, PageLines pl) {
        if (value == null || value.isEmpty()) return;
        f.put(name, new Field(name, value, norm == null ? value : norm, TemplateExtractor.confidence(List.of(line), 1),
                box(pl, line, s, e), List.of(line.index()), null, List.of()));
    }

    private static void checked(Map<String, Field> f, String name, String raw, char check, L line, int s, int e, PageLines pl, LocalDate date) {
        String value = strip(raw);
        if (value.isEmpty()) return;
        String norm = date != null ? date.toString() : value;
        List<String> failed = new ArrayList<>();
        if (!Validators.mrzCheck(raw, check)) failed.add("check_digit");
        if (name.endsWith("_date") && date == null) failed.add("date");
        f.put(name, new Field(name, value, norm, TemplateExtractor.confidence(List.of(line), 1), box(pl, line, s, e),
                List.of(line.index()), null, failed));
    }

    private static void mrz(Map<String, Field> f, String zone, String composite, char check, List<L> lines, PageLines pl) {
        List<String> failed = Validators.mrzCheck(composite, check) ? List.of() : List.of("composite_check_digit");
        f.put("mrz", new Field("mrz", zone, zone, TemplateExtractor.confidence(lines, 1), pl.box(lines),
                lines.stream().map(L::index).toList(), null, failed));
    }

    /** The part of the printed line holding MRZ chars [s, e): by position, since MRZ type is monospaced. */
    private static dev.lector.geometry.Quad box(PageLines pl, L line, int s, int e) {
        int n = clean(line.text()).length();
        int len = line.text().length();
        // map positions in the cleaned text onto the printed text by proportion
        return pl.box(line, (int) Math.floor((double) s / n * len), (int) Math.ceil((double) e / n * len));
    }

    /** Digits OCR reads for letters in a letters-only zone (UT0 -> UTO). */
    private static String letters(String s) {
        return s.replace('0', 'O').replace('1', 'I').replace('5', 'S').replace('8', 'B');
    }

    /** Letters OCR reads for digits in a digits-only zone (dates, check digits). */
    private static String digits(String s) {
        return s.replace('O', '0').replace('D', '0').replace('I', '1').replace('L', '1').replace('S', '5').replace('B', '8').replace('Z', '2');
    }

    private static String strip(String s) {
        return s.replace('<', ' ').strip();
    }

    private static String sex(char c) {
        return c == 'M' ? "M" : c == 'F' ? "F" : c == '<' ? "X" : String.valueOf(c);
    }

    /** YYMMDD to a date: an expiry (pivot null) is 20yy; a birth is 20yy when before the expiry's year, else 19yy. */
    private static LocalDate date(String yymmdd, LocalDate pivot) {
        if (!yymmdd.matches("\\d{6}")) return null;
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int year = pivot == null ? 2000 + yy : (2000 + yy < pivot.getYear() ? 2000 + yy : 1900 + yy);
        try {
            return LocalDate.of(year, Integer.parseInt(yymmdd.substring(2, 4)), Integer.parseInt(yymmdd.substring(4, 6)));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
