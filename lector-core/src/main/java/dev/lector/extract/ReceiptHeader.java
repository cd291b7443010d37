package dev.lector.extract;

import dev.lector.extract.PageLines.L;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The business name and address at the head of a receipt or invoice: the name is the line near
 * the top carrying a legal-form suffix (Ltd, GmbH, Sdn Bhd, 有限公司...), else the first line of
 * words; the address is the run of lines under it up to the first contact, tax or document line.
 */
final class ReceiptHeader {
    // compiled once (String.split and String.replaceAll with a pattern compile it on every call)
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SPACE_DASH = Pattern.compile("[\\s-]");
    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4,}");


    private static final Pattern LEGAL = Pattern.compile(
            "(?i)(\\bsdn\\.?\\s*bhd\\b|\\bs/b\\b|\\bbhd\\b|\\bltd\\b|\\blimited\\b|\\bllc\\b|\\binc\\b|\\bcorp\\b|\\bgmbh\\b|\\bplc\\b"
            + "|\\bpte\\b|\\bpty\\b|\\bs\\.?a\\.?r\\.?l\\b|\\bs\\.?r\\.?l\\b|\\bs\\.?p\\.?a\\b|\\bb\\.?v\\b|\\bco\\.|\\bcompany\\b"
            + "|\\benterprises?\\b|\\btrading\\b|有限公司|公司|株式会社|商店|sdnbhd|enterprise|trading)");
    private static final Pattern SDN_BHD_OCR = Pattern.compile("(?i)\\bS[DO0]N(\\.?\\s*)B[HN]D\\b");
    private static final Pattern STRAY_PUNCT = Pattern.compile("(?<=\\p{L})[.,;:]{2,}(?=\\s|$)");
    /** Lines that end a header: contact, tax registration, document words. */
    private static final List<String> STOPS = List.of("tel", "telephone", "phone", "fax", "mobile", "hp", "email", "e-mail", "www",
            "http", "gst", "gst id", "gst reg", "vat", "tax", "sst", "invoice", "receipt", "cashier", "date", "table", "order",
            "bill", "cash", "doc no", "abn", "tin", "npwp", "uen", "reg no", "company no", "co no", "co reg", "business reg",
            "电话", "税号", "发票");
    private static final List<String> NOISE = List.of("tax invoice", "receipt", "official receipt", "invoice", "cash sale",
            "cash bill", "simplified tax invoice", "welcome", "thank you", "copy", "duplicate", "tax receipt", "sales receipt");
    private static final Pattern REG_NO = Pattern.compile("(?i)^[\\s(（\\[]*(co\\.?\\s*(reg\\.?)?\\s*no\\.?[:\\s]*|no\\.?[:\\s]*|reg\\.?\\s*no\\.?[:\\s]*)?[A-Z]{0,3}\\d[\\d\\s-]{3,}[A-Z]?[\\s)）\\].]*$");
    private static final Pattern PHONE = Pattern.compile("[+(]?\\d[\\d\\s()+/-]{6,}");
    private static final Pattern LONG_ID = Pattern.compile("\\d{8,}");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{5,}");
    private static final Pattern TRAILING_REG = Pattern.compile("\\s*[(（\\[][^()（）]*\\d{3,}[^()（）]*[)）\\]]?\\s*$"
            + "|\\s+(?:co\\.?\\s*(?:reg\\.?)?\\s*no\\.?\\s*:?\\s*)?[A-Z]{0,3}\\d{4,}-?[A-Z]?(?:\\s*[(（][^()（）]{0,8}[)）])?\\s*$", Pattern.CASE_INSENSITIVE);

    private ReceiptHeader() {}

    /** The lines of the company name (usually one), or empty. */
    static List<L> company(PageLines page) {
        List<L> top = headLines(page);
        if (top.isEmpty()) return List.of();
        for (int i = 0; i < top.size(); i++) {
            L l = top.get(i);
            if (LEGAL.matcher(l.text()).find() || SDN_BHD_OCR.matcher(l.text()).find()) {
                // a name broken over lines: "AIK HUAT HARDWARE" / "ENTERPRISE (SETIA ALAM) SDN BHD"
                int from = i, to = i;
                while (to + 1 < top.size() && to - from < 2 && joins(top.get(to), top.get(to + 1))
                        && (LEGAL.matcher(top.get(to + 1).text()).find() || SDN_BHD_OCR.matcher(top.get(to + 1).text()).find()
                            || top.get(to + 1).text().strip().startsWith("("))) {
                    to++;
                }
                while (from > 0 && to - from < 3 && joins(top.get(from - 1), top.get(from))) from--;
                return List.copyOf(top.subList(from, to + 1));
            }
        }
        for (L l : top) {
            if (isWords(l.text())) return List.of(l);
        }
        return List.of();
    }

    /**
     * The address lines: the run of lines under the company (registration lines between them
     * skipped). A run without an address line in it (a branch name such as "Bentong-2" before the
     * registration numbers) gives way to the run after those numbers, or else to the address
     * lines just above the company (a shop that prints its address over its name); leading lines
     * without an address feature ("IKEA Cheras" over "No 2A Jalan Cochrane") are a branch or
     * shop name, not the address.
     */
    static List<L> address(PageLines page, List<L> company) {
        int start = company.isEmpty() ? 0 : company.getLast().index() + 1;
        Run run = run(page, start, company.isEmpty() ? null : company.getLast());
        List<L> out = run.lines();
        if (!out.stream().anyMatch(ReceiptHeader::addressLike)) {
            Run next = run.stop() < 0 ? null : after(page, run.stop());
            if (next != null && next.lines().stream().anyMatch(ReceiptHeader::addressLike)) {
                out = next.lines();
            } else if (!company.isEmpty()) {
                List<L> above = above(page, company.getFirst());
                if (!above.isEmpty()) out = above;
            }
        }
        out = new ArrayList<>(out);
        while (out.size() > 1 && !addressLike(out.getFirst()) && nameLike(out.getFirst().text())
                && out.subList(1, out.size()).stream().anyMatch(ReceiptHeader::addressLike)) {
            out.removeFirst();
        }
        return List.copyOf(out);
    }

    /** The lines of a run, and the index of the stop line that ended it (-1: it ended otherwise). */
    private record Run(List<L> lines, int stop) {}

    private static Run run(PageLines page, int start, L prev) {
        List<L> all = page.all();
        List<L> out = new ArrayList<>();
        double h = page.typicalHeight();
        int skipped = 0;
        for (int i = start; i < all.size() && out.size() < 6; i++) {
            L l = all.get(i);
            String t = l.text().strip();
            if (t.isEmpty()) continue;
            if (isStop(l) || isRegistration(l) || PHONE.matcher(t).matches() || LONG_ID.matcher(SPACE_DASH.matcher(t).replaceAll("")).find()
                    || Dates.find(t, Dates.Order.DMY) != null) {
                // registration and tax numbers often sit between the name and the address
                if (out.isEmpty() && skipped++ < 3 && (isRegistration(l) || REG_NO.matcher(t).matches() || Dates.find(t, Dates.Order.DMY) != null
                        || (LONG_ID.matcher(SPACE_DASH.matcher(t).replaceAll("")).find() && !PHONE.matcher(t).matches() && !isStop(l)))) {
                    prev = l;
                    continue;
                }
                return new Run(out, i);
            }
            if (out.isEmpty() && (t.startsWith("(") || t.startsWith("（")) && (t.endsWith(")") || t.endsWith("）"))) {
                prev = l;
                continue;
            }
            if (REG_NO.matcher(t).matches() || isNoise(t)) {
                if (!out.isEmpty()) return new Run(out, -1);
                prev = l;
                continue;
            }
            if (prev != null && l.y0() - prev.y1() > 2.5 * Math.max(h, prev.height())) break;
            // a line beside the last one (a second column), not under it
            if (!out.isEmpty() && l.cy() - out.getLast().cy() < 0.5 * Math.min(l.height(), out.getLast().height())) break;
            if (t.codePoints().filter(Character::isLetter).count() < 2 && !FOUR_DIGITS.matcher(t).find()) break;
            out.add(l);
            prev = l;
            // the country after the postcode closes a postal address: a mall or branch name under it is not part of it
            if (COUNTRY_END.matcher(t).find() && out.stream().anyMatch(a -> POSTCODE.matcher(a.text()).find())) return new Run(out, -1);
        }
        return new Run(out, -1);
    }

    private static final Pattern COUNTRY_END = Pattern.compile("(?i)(?<!\\p{L})(malaysia|singapore|indonesia|thailand|philippines|vietnam|viet nam"
            + "|brunei|china|hong kong|taiwan|japan|korea|india|australia|new zealand|usa|united states|united kingdom|uk|germany|deutschland"
            + "|france|spain|españa|italy|italia|canada|netherlands|switzerland|schweiz|austria|österreich)[\\s.,]*$");

    /** The run after the registration and tax lines that start at {@code stop} (at most three of them), or null. */
    private static Run after(PageLines page, int stop) {
        List<L> all = page.all();
        int i = stop;
        while (i < all.size() && i < stop + 3) {
            L l = all.get(i);
            String t = l.text().strip();
            if (!(isRegistration(l) || REG_NO.matcher(t).matches() || LONG_ID.matcher(SPACE_DASH.matcher(t).replaceAll("")).find()) || PHONE.matcher(t).matches()) break;
            i++;
        }
        if (i == stop || i >= all.size()) return null;
        return run(page, i, all.get(i - 1));
    }

    /** The address lines just above {@code first} (the company's first line), top to bottom: at most five, each with an address feature. */
    private static List<L> above(PageLines page, L first) {
        List<L> out = new ArrayList<>();
        L below = first;
        for (int i = first.index() - 1; i >= 0 && out.size() < 5; i--) {
            L l = page.get(i);
            String t = l.text().strip();
            if (t.isEmpty()) continue;
            if (!addressLike(l) || isStop(l) || isRegistration(l) || isNoise(t) || PHONE.matcher(t).matches()
                    || below.y0() - l.y1() > 1.5 * Math.max(l.height(), below.height())) break;
            out.addFirst(l);
            below = l;
        }
        return out;
    }

    private static final Pattern STREET = Pattern.compile("(?iU)(?<![\\p{L}\\d])(jalan|jln|lorong|lrg|taman|tmn|lot|no|blk|block|level|lvl|floor|flr|unit|suite"
            + "|road|rd|street|st|avenue|ave|lane|drive|boulevard|blvd|highway|building|bldg|plaza|mall|centre|center|tower|menara|wisma"
            + "|kompleks|complex|kawasan|bandar|seksyen|section|persiaran|lebuh|lebuhraya|kampung|kg|batu|simpang|industrial|perindustrian"
            + "|park|square|court|straße|strasse|str|platz|weg|rue|calle|avenida|via|piazza)(?![\\p{L}])|[路街号號楼樓室区區市省]");
    private static final Pattern POSTCODE = Pattern.compile("(?<![\\d.,:/-])\\d{4,6}(?![\\d.,:/-]\\d)");
    private static final Pattern HOUSE_NUMBER = Pattern.compile("^\\s*#?\\d+[A-Za-z]?(-\\d+)?\\s*[,&\\s]\\s*\\p{L}");

    /** A line with a postcode or starting with a house number: an address line, not part of a name. */
    private static boolean postalLine(L l) {
        return POSTCODE.matcher(l.text()).find() || HOUSE_NUMBER.matcher(l.text()).find();
    }

    /**
     * A header line's text without a lone letter at either end that the recogniser was unsure of
     * ("K BANDAR BUKIT RAJA, 41050 A": specks or a stamp's edge read as letters); lines without
     * word boxes as they are.
     */
    static String text(PageLines page, L l) {
        List<dev.lector.result.Word> words = page.page().lines().get(l.index()).words();
        if (words.size() < 3) return l.text().strip();
        int from = 0, to = words.size();
        if (speck(words.getFirst())) from++;
        if (speck(words.getLast())) to--;
        if (from == 0 && to == words.size()) return l.text().strip();
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(words.get(i).text());
        }
        return sb.toString();
    }

    private static boolean speck(dev.lector.result.Word w) {
        String t = w.text().strip();
        return t.length() == 1 && Character.isLetter(t.charAt(0)) && w.score() < 0.7;
    }

    /** A short line of words without digits or commas: a branch or shop name. */
    private static boolean nameLike(String t) {
        String s = t.strip();
        return !s.isEmpty() && SPACES.split(s).length <= 3 && s.chars().noneMatch(Character::isDigit) && s.indexOf(',') < 0 && s.indexOf('，') < 0;
    }

    /** A street, building or place word, a postcode, or a house number before words. */
    static boolean addressLike(L l) {
        String t = l.text();
        return STREET.matcher(t).find() || POSTCODE.matcher(t).find() || HOUSE_NUMBER.matcher(t).find();
    }

    /** Cleans a company or address text: trailing registration numbers off, OCR's 0-for-O in words undone. */
    static String clean(String text, boolean company) {
        String t = text.strip();
        if (company) {
            String before;
            do {
                before = t;
                t = TRAILING_REG.matcher(t).replaceAll("");
            } while (!t.equals(before) && !t.isEmpty());
            if (t.isEmpty()) t = text.strip();
            t = SDN_BHD_OCR.matcher(t).replaceAll("SDN$1BHD");
            t = STRAY_PUNCT.matcher(t).replaceAll("");
            t = wordPeriods(t);
        } else {
            t = LOT_OCR.matcher(t).replaceAll(m -> m.group().chars().anyMatch(Character::isLowerCase) ? "Lot" : "LOT");
            t = LOT_CODE_OCR.matcher(t).replaceAll("$1$2" + "1");
            t = addressCommas(t);
        }
        return fixLetterDigits(initials(t));
    }

    /** "1.ot 3", "L.ot PTD 18", "10I 1851-A": the word Lot (a land lot) misread, before its number. */
    private static final Pattern LOT_OCR = Pattern.compile("(?<![\\p{L}\\d.])(?:[1lIL]\\.[oO0][tT]|[1lI][oO0][tT]|L[0][tT]|[1lIL][oO0]I|L\\.?OT)(?=\\s+(?:[A-Z]{1,3}\\.?){0,2}\\s*\\d)");
    /** "LOT RI,", "Unit GI": a lot, unit or block code is letters then a number; a capital I or l ending it is a 1. */
    private static final Pattern LOT_CODE_OCR = Pattern.compile("(?i)(\\b(?:lot|unit|block|blk)\\.?\\s{1,2})(?-i)([A-Z]{1,2})[Il](?=[\\s,.]|$)");
    /** Short words that are written with a full stop: abbreviations, where the stop is no comma. */
    private static final java.util.Set<String> ABBREVIATIONS = java.util.Set.of("no", "jln", "jl", "tmn", "blk", "lrg", "kg", "kpg", "bdr", "sek", "sg",
            "st", "rd", "ave", "dr", "ln", "hwy", "bt", "lot", "sdn", "bhd", "co", "corp", "inc", "ltd", "bros", "intl", "mfg", "dept",
            "pte", "pty", "plc", "llc", "mt", "ft", "fl", "lvl", "apt", "ste", "bldg", "ctr", "sq", "pt", "ptd", "hs", "geran");
    private static final Pattern WORD_PERIOD = Pattern.compile("(?<![\\p{L}\\d.])(\\p{L}{4,})\\.(?=\\s+\\p{L})");

    /** "KHE ELECTRICAL. TRADING": a full stop after a whole word inside a name (not an abbreviation's) is a speck. */
    static String wordPeriods(String t) {
        return WORD_PERIOD.matcher(t).replaceAll(m -> ABBREVIATIONS.contains(m.group(1).toLowerCase(Locale.ROOT)) ? Matcher.quoteReplacement(m.group()) : m.group(1));
    }

    /**
     * Thermal receipts print the commas between the parts of an address faintly, and OCR reads
     * them as full stops: "No 7. Simpang Off Batu Village. Jalan Ipoh Batu 5.51200 Kuala Lumpur".
     * A full stop after a word or number, followed by the next part (a word after a space; a
     * capitalised word glued to it, "G2.Block"; a five-digit postcode glued to it, then a word) is
     * a comma, unless the word before it is an abbreviation ("No.", "Jln.") or an initial ("P.T.",
     * "D.E."). A stop and a space before a number is left alone: receipts print that too.
     */
    static String addressCommas(String t) {
        StringBuilder sb = new StringBuilder(t);
        for (int i = 1; i < t.length(); i++) {
            if (t.charAt(i) != '.' || !Character.isLetterOrDigit(t.charAt(i - 1))) continue;
            int ws = i;
            while (ws > 0 && Character.isLetterOrDigit(t.charAt(ws - 1))) ws--;
            String w = t.substring(ws, i);
            String rest = t.substring(i + 1);
            boolean next = SPACED_PART.matcher(rest).lookingAt() || GLUED_PART.matcher(rest).lookingAt();
            if (!next) continue;
            boolean initial = w.length() == 1 && Character.isLetter(w.charAt(0))
                    && (ws > 0 && t.charAt(ws - 1) == '.' || INITIAL_NEXT.matcher(rest).lookingAt());
            if (initial || ABBREVIATIONS.contains(w.toLowerCase(Locale.ROOT))) continue;
            // a decimal or a number range ("122.124"): digits on both sides, not a postcode after it
            if (Character.isDigit(t.charAt(i - 1)) && !rest.isEmpty() && Character.isDigit(rest.charAt(0)) && !POSTCODE_NEXT.matcher(rest).lookingAt()) continue;
            sb.setCharAt(i, ',');
        }
        return sb.toString();
    }

    // the next part after a space starts with a word ("Village. Jalan"; a stop before a number, "HARMONI. 81100", may be printed so)
    private static final Pattern SPACED_PART = Pattern.compile("\\s+\\p{L}");
    private static final Pattern GLUED_PART = Pattern.compile("\\p{Lu}\\p{L}+|\\d{5}\\s+\\p{L}");
    private static final Pattern INITIAL_NEXT = Pattern.compile("\\s?\\p{L}(?!\\p{L})");
    private static final Pattern POSTCODE_NEXT = Pattern.compile("\\d{5}\\s+\\p{L}");

    private static final Pattern INITIALS = Pattern.compile("(?<![\\p{L}\\d.])(?:[A-Z01]\\.){2,}(?:[A-Z01](?![\\p{L}\\d]))?");

    /** In initials ("D.1.Y.", "P.0.S."), a 1 is I and a 0 is O when the others are letters. */
    static String initials(String t) {
        Matcher m = INITIALS.matcher(t);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String g = m.group();
            long letters = g.chars().filter(Character::isLetter).count();
            long digits = g.chars().filter(Character::isDigit).count();
            m.appendReplacement(sb, Matcher.quoteReplacement(letters >= 2 && digits <= letters ? g.replace('1', 'I').replace('0', 'O') : g));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** In a run of letters and zeros ("FL00R", "N0."), the zeros are letter O; in a run of digits and O ("4030o"), the O are zeros. */
    static String fixLetterDigits(String t) {
        StringBuilder out = new StringBuilder(t.length());
        int i = 0;
        while (i < t.length()) {
            int j = i;
            while (j < t.length() && Character.isLetterOrDigit(t.charAt(j))) j++;
            if (j == i) {
                out.append(t.charAt(i++));
                continue;
            }
            String w = t.substring(i, j);
            boolean letters = w.chars().filter(Character::isLetter).count() >= 1;
            boolean onlyZeroDigits = w.chars().filter(Character::isDigit).allMatch(c -> c == '0');
            boolean ascii = w.chars().allMatch(c -> c < 128);
            if (letters && onlyZeroDigits && ascii && w.length() >= 2 && w.chars().anyMatch(c -> c == '0')) {
                boolean upper = w.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
                w = w.replace('0', upper ? 'O' : 'o');
            }
            long digits = w.chars().filter(Character::isDigit).count();
            long nLetters = w.length() - digits;
            boolean onlyOs = w.chars().filter(Character::isLetter).allMatch(c -> c == 'o' || c == 'O' || c == 'S');
            boolean startsWithDigit = Character.isDigit(w.charAt(0));
            if (ascii && nLetters > 0 && onlyOs && ((digits >= 3 && nLetters <= 2) || (startsWithDigit && w.chars().filter(Character::isLetter).allMatch(c -> c == 'o' || c == 'O')))) {
                w = w.replace('o', '0').replace('O', '0').replace('S', '5');
            }
            // "Ja1an", "Leve1", "Ma11": ones and zeros inside a lower-case word are l and o
            if (ascii && nLetters >= 2 && digits > 0 && digits <= Math.min(2, nLetters) && w.chars().filter(Character::isDigit).allMatch(c -> c == '1' || c == '0')
                    && w.substring(1).chars().filter(Character::isLetter).allMatch(Character::isLowerCase)) {
                w = w.replace('1', 'l').replace('0', 'o');
            }
            // "BIk", "JIn": a capital I after the capital that starts a word of lower-case letters is l
            if (ascii && digits == 0 && w.length() >= 3 && Character.isUpperCase(w.charAt(0)) && w.charAt(1) == 'I'
                    && w.substring(2).chars().allMatch(Character::isLowerCase)) {
                w = w.charAt(0) + "l" + w.substring(2);
            }
            // "SKUDAl": a lone lower-case l in an upper-case word is I
            if (ascii && nLetters >= 3 && w.chars().filter(Character::isLowerCase).count() == 1 && w.indexOf('l') >= 0
                    && w.chars().filter(Character::isUpperCase).count() >= 2 && digits == 0) {
                w = w.replace('l', 'I');
            }
            out.append(w);
            i = j;
        }
        return out.toString();
    }

    /** The lines before the first stop line (at most 8), skipping noise and registration numbers. */
    private static List<L> headLines(PageLines page) {
        List<L> out = new ArrayList<>();
        int seen = 0;
        for (L l : page.all()) {
            if (seen++ >= 10 || out.size() >= 6) break;
            String t = l.text().strip();
            if (t.isEmpty()) continue;
            if (isStop(l) && !legalBeforeStop(l)) {
                if (!out.isEmpty()) break;
                continue;
            }
            if (isNoise(t) || REG_NO.matcher(t).matches()) continue;
            out.add(l);
        }
        return out;
    }

    private static final List<String> REGISTRATION = List.of("reg", "gst", "co no", "company no", "roc", "vat", "tax id", "sst",
            "abn", "tin", "uen", "npwp", "business", "税号");

    private static boolean isRegistration(L l) {
        for (String s : REGISTRATION) {
            if (Anchors.match(l, Fuzzy.key(s), 0, true) != null) return LONG_NUMBER.matcher(SPACE_DASH.matcher(l.text()).replaceAll("")).find();
        }
        return false;
    }

    /** "DION REALTIES SDN BHD (CO. NO:20154-T)": a name with its legal form before the registration words on its line. */
    private static boolean legalBeforeStop(L l) {
        Matcher m = LEGAL.matcher(l.text());
        if (!m.find()) return false;
        int legalEnd = m.end();
        String t = l.text().toLowerCase(Locale.ROOT);
        for (String s : STOPS) {
            Anchors.Hit h = Anchors.match(l, Fuzzy.key(s), 0, true);
            if (h != null && h.labelStart() < legalEnd) return false;
        }
        return isWords(l.text().substring(0, legalEnd)) && !t.isEmpty();
    }

    private static boolean isStop(L l) {
        String t = l.text().toLowerCase(Locale.ROOT);
        for (String s : STOPS) {
            Anchors.Hit h = Anchors.match(l, Fuzzy.key(s), 0, true);
            if (h == null) continue;
            // a stop word must start the line or follow a separator to count ("Tel:", "GST ID No")
            if (h.labelStart() <= 2 || t.charAt(Math.max(0, h.labelStart() - 1)) == ' ' || t.charAt(Math.max(0, h.labelStart() - 1)) == '(') {
                if (Fuzzy.key(s).length() <= 3 && !followedBySeparatorOrDigit(l.text(), h.labelEnd()) && !LONG_NUMBER.matcher(t).find()) continue;
                return true;
            }
        }
        return false;
    }

    private static boolean followedBySeparatorOrDigit(String t, int end) {
        int i = end;
        while (i < t.length() && t.charAt(i) == ' ') i++;
        if (i >= t.length()) return true;
        char c = t.charAt(i);
        return c == ':' || c == '：' || c == '.' || c == '-' || c == '/' || c == '#' || c == '(' || Character.isDigit(c)
                || t.regionMatches(true, i, "no", 0, 2) || t.regionMatches(true, i, "id", 0, 2) || t.regionMatches(true, i, "reg", 0, 3);
    }

    private static final List<String> NOISE_WORDS = List.of("thank", "welcome", "forshopping", "selamatdatang", "terimakasih", "visitusat");

    private static boolean isNoise(String t) {
        String k = Fuzzy.key(t);
        for (String w : NOISE_WORDS) {
            if (k.contains(w)) return true;
        }
        for (String n : NOISE) {
            String nk = Fuzzy.key(n);
            if (k.equals(nk) || (k.length() <= nk.length() + 2 && Fuzzy.distance(k, nk) <= Fuzzy.tolerance(nk.length()))) return true;
        }
        return false;
    }

    private static boolean isWords(String t) {
        long letters = t.codePoints().filter(Character::isLetter).count();
        long digits = t.codePoints().filter(Character::isDigit).count();
        return letters >= 3 && letters > digits;
    }

    /** Whether {@code b} continues the name on line {@code a}: the next line, close under it, words, same letter case. */
    private static boolean joins(L a, L b) {
        return b.index() == a.index() + 1 && isWords(a.text()) && isWords(b.text()) && near(a, b) && caseOf(a.text()) == caseOf(b.text())
                && (stacked(a, b) || besideRight(a, b)) && !postalLine(a) && !postalLine(b);
    }

    /** {@code b} on {@code a}'s row, just to its right: the detector cut one line in two. */
    private static boolean besideRight(L a, L b) {
        double h = Math.min(a.height(), b.height());
        double overlap = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
        return overlap >= 0.5 * h && b.x0() >= a.x1() - 0.5 * h && b.x0() - a.x1() < 2 * h;
    }

    /** {@code b} under {@code a}, their spans overlapping: a stamp or logo word beside the name ("POSTED") does not continue it. */
    private static boolean stacked(L a, L b) {
        return Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0()) > 0 && b.cy() > a.cy() + 0.5 * Math.min(a.height(), b.height());
    }

    /** 1: all letters upper case, -1: all lower case, 0: mixed. */
    private static int caseOf(String t) {
        boolean up = false, low = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isUpperCase(c)) up = true;
            if (Character.isLowerCase(c)) low = true;
        }
        return up && !low ? 1 : low && !up ? -1 : 0;
    }

    private static boolean near(L a, L b) {
        return b.y0() - a.y1() < 0.6 * Math.min(a.height(), b.height());
    }
}
