package dev.lector.extract;

import java.time.LocalDate;
import java.util.Locale;

/**
 * Check-digit and consistency checks for identifiers: the Chinese resident ID (GB 11643, ISO 7064
 * MOD 11-2), ICAO 9303 MRZ check digits (weights 7-3-1), the Luhn check (payment cards) and IBAN
 * (ISO 13616, mod 97). Pure functions.
 */
public final class Validators {

    private static final int[] CN_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CN_CHECK = "10X98765432";

    private Validators() {}

    /** The ISO 7064 MOD 11-2 check character for the first 17 digits of a Chinese ID number. */
    public static char cnIdCheckChar(String first17) {
        if (first17.length() != 17 || !first17.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("need 17 digits, got '" + first17 + "'");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * CN_WEIGHTS[i];
        return CN_CHECK.charAt(sum % 11);
    }

    /** Whether {@code id} is 17 digits and the right check character (digit or X). */
    public static boolean cnIdValid(String id) {
        if (id == null || !id.matches("\\d{17}[\\dXx]")) return false;
        return Character.toUpperCase(id.charAt(17)) == cnIdCheckChar(id.substring(0, 17));
    }

    /** The birth date in a Chinese ID number (digits 7-14), or null if it is not a date. */
    public static LocalDate cnIdBirthDate(String id) {
        if (id == null || id.length() < 14) return null;
        try {
            return LocalDate.parse(id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The sex in a Chinese ID number: 'M' for an odd 17th digit, 'F' for an even one. */
    public static char cnIdSex(String id) {
        return (id.charAt(16) - '0') % 2 == 1 ? 'M' : 'F';
    }

    /** The ICAO 9303 check digit of an MRZ field: digits as is, A-Z as 10-35, {@code <} as 0, weights 7, 3, 1. */
    public static int mrzCheckDigit(String field) {
        int[] w = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            int v;
            if (c >= '0' && c <= '9') v = c - '0';
            else if (c >= 'A' && c <= 'Z') v = c - 'A' + 10;
            else if (c == '<') v = 0;
            else throw new IllegalArgumentException("not an MRZ character: '" + c + "'");
            sum += v * w[i % 3];
        }
        return sum % 10;
    }

    /** Whether {@code check} (one char) is the check digit of {@code field}; {@code <} counts as 0 where the field is empty. */
    public static boolean mrzCheck(String field, char check) {
        if (!field.matches("[A-Z0-9<]*")) return false;
        int c = check == '<' ? 0 : check - '0';
        if (c < 0 || c > 9) return false;
        return mrzCheckDigit(field) == c;
    }

    /** The Luhn check (payment card numbers); spaces and dashes are ignored. */
    public static boolean luhn(String number) {
        String d = number.replaceAll("[\\s-]", "");
        if (!d.matches("\\d{2,}")) return false;
        int sum = 0;
        boolean dbl = false;
        for (int i = d.length() - 1; i >= 0; i--) {
            int v = d.charAt(i) - '0';
            if (dbl) {
                v *= 2;
                if (v > 9) v -= 9;
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** The IBAN check (mod 97 == 1); spaces are ignored. */
    public static boolean iban(String iban) {
        String s = iban.replace(" ", "").toUpperCase(Locale.ROOT);
        if (!s.matches("[A-Z]{2}\\d{2}[A-Z0-9]{10,30}")) return false;
        String r = s.substring(4) + s.substring(0, 4);
        int mod = 0;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            mod = (v > 9 ? mod * 100 + v : mod * 10 + v) % 97;
        }
        return mod == 1;
    }
}
