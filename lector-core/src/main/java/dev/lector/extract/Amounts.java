package dev.lector.extract;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Money amounts as printed: {@code 1,234.56}, {@code 1.234,56}, {@code RM 12.50},
 * {@code $12}, {@code 12,50 €}, {@code -3.00}, {@code 39. 80} and {@code 45.1 0} (OCR put a space among the decimals); the decimal separator is the last {@code .} or
 * {@code ,} followed by one or two digits. Currency symbols and ISO codes next to the number are
 * reported as ISO 4217 codes where unambiguous ({@code $} alone stays {@code $}).
 */
public final class Amounts {

    // compiled once: these run for every amount on every page
    private static final Pattern SPLIT_DECIMALS = Pattern.compile("\\.\\s?(\\d)\\s?(\\d)$");
    private static final Pattern DECIMALS = Pattern.compile("[.,]\\d{1,2}$");
    private static final Pattern NON_DIGIT = Pattern.compile("[^0-9]");


    /** An amount found in a text. */
    public record Found(int start, int end, String text, BigDecimal value, String currency, boolean hasDecimals) {
        /** The decimal string, with the currency code after a space when one is known. */
        public String normalized() {
            return currency == null ? value.toPlainString() : value.toPlainString() + " " + currency;
        }
    }

    static final Map<String, String> CURRENCIES = Map.ofEntries(
            Map.entry("rm", "MYR"), Map.entry("myr", "MYR"), Map.entry("€", "EUR"), Map.entry("eur", "EUR"),
            Map.entry("£", "GBP"), Map.entry("gbp", "GBP"), Map.entry("usd", "USD"), Map.entry("us$", "USD"),
            Map.entry("s$", "SGD"), Map.entry("sgd", "SGD"), Map.entry("a$", "AUD"), Map.entry("aud", "AUD"),
            Map.entry("c$", "CAD"), Map.entry("cad", "CAD"), Map.entry("hk$", "HKD"), Map.entry("hkd", "HKD"),
            Map.entry("¥", "CNY"), Map.entry("￥", "CNY"), Map.entry("元", "CNY"), Map.entry("rmb", "CNY"), Map.entry("cny", "CNY"),
            Map.entry("jpy", "JPY"), Map.entry("円", "JPY"), Map.entry("₹", "INR"), Map.entry("inr", "INR"), Map.entry("rs", "INR"),
            Map.entry("₩", "KRW"), Map.entry("krw", "KRW"), Map.entry("chf", "CHF"), Map.entry("sek", "SEK"),
            Map.entry("nok", "NOK"), Map.entry("dkk", "DKK"), Map.entry("kr", "SEK"), Map.entry("zł", "PLN"), Map.entry("pln", "PLN"),
            Map.entry("₱", "PHP"), Map.entry("php", "PHP"), Map.entry("฿", "THB"), Map.entry("thb", "THB"),
            Map.entry("idr", "IDR"), Map.entry("rp", "IDR"), Map.entry("₫", "VND"), Map.entry("vnd", "VND"),
            Map.entry("₺", "TRY"), Map.entry("₽", "RUB"), Map.entry("rub", "RUB"), Map.entry("r$", "BRL"), Map.entry("brl", "BRL"),
            Map.entry("mxn", "MXN"), Map.entry("nzd", "NZD"), Map.entry("zar", "ZAR"), Map.entry("aed", "AED"), Map.entry("sar", "SAR"),
            Map.entry("$", "$"));

    private static final String CUR = "(?:US\\$|S\\$|A\\$|C\\$|HK\\$|R\\$|RM|MYR|EUR|USD|GBP|SGD|AUD|CAD|HKD|CNY|RMB|JPY|INR|KRW|CHF|SEK|NOK|DKK|PLN|PHP|THB|IDR|VND|RUB|BRL|MXN|NZD|ZAR|AED|SAR|Rs\\.?|Rp\\.?|kr|zł|[$€£¥￥₹₩₱฿₫₺₽元円])";
    private static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\w.,])(?:(?<c1>" + CUR + ")\\s?)?(?<sign>-)?\\s?(?<c1b>" + CUR + ")?\\s?"
            + "(?<num>\\d{1,3}(?:[,.'\\u00a0\\u2009\\u202f]\\d{3})+(?:[.,]\\d{1,2})?|\\d+\\. \\d{2}(?![\\d.,])|\\d+\\.\\d \\d(?![\\d.,])|\\d+(?:[.,]\\d{1,2})?)"
            + "(?![\\d])(?!\\s?%)(?:\\s?(?<c2>" + CUR + "))?(?![\\w.,]?\\d)", Pattern.CASE_INSENSITIVE);

    private Amounts() {}

    /** Every amount in {@code text}, left to right. */
    public static java.util.List<Found> findAll(String text) {
        java.util.List<Found> out = new java.util.ArrayList<>();
        // every amount has a digit: most lines of a page have none, and the pattern is costly to run
        if (!hasDigit(text)) return out;
        Matcher m = AMOUNT.matcher(text);
        while (m.find()) {
            Found f = of(m);
            if (f != null) out.add(f);
        }
        return out;
    }

    /** The first amount in {@code text}, or null. */
    public static Found find(String text) {
        java.util.List<Found> all = findAll(text);
        return all.isEmpty() ? null : all.getFirst();
    }

    /** The amount in {@code text} as a number (the first one), or null: for comparing amounts. */
    public static BigDecimal value(String text) {
        Found f = find(text);
        return f == null ? null : f.value();
    }

    private static Found of(Matcher m) {
        String num = SPLIT_DECIMALS.matcher(m.group("num").replace('\u00a0', ' ')).replaceAll(".$1$2");
        String cur = m.group("c1") != null ? m.group("c1") : m.group("c1b") != null ? m.group("c1b") : m.group("c2");
        BigDecimal v = parse(num);
        if (v == null) return null;
        if (m.group("sign") != null) v = v.negate();
        boolean decimals = DECIMALS.matcher(num).find();
        return new Found(m.start(), m.end(), m.group().trim(), v, cur == null ? null : code(cur), decimals);
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) return true;
        }
        return false;
    }

    /** The ISO 4217 code for a symbol or code as printed, or null. */
    public static String code(String printed) {
        String k = printed.toLowerCase(Locale.ROOT).replace(".", "");
        return CURRENCIES.get(k);
    }

    static BigDecimal parse(String num) {
        int lastSep = Math.max(num.lastIndexOf('.'), num.lastIndexOf(','));
        String digits;
        if (lastSep >= 0 && num.length() - lastSep - 1 <= 2) {
            String intPart = NON_DIGIT.matcher(num.substring(0, lastSep)).replaceAll("");
            digits = (intPart.isEmpty() ? "0" : intPart) + "." + num.substring(lastSep + 1);
        } else {
            digits = NON_DIGIT.matcher(num).replaceAll("");
        }
        if (digits.isEmpty()) return null;
        try {
            return new BigDecimal(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
