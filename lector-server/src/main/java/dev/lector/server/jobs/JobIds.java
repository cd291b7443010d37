package dev.lector.server.jobs;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Unguessable job ids: 128 bits from {@link SecureRandom}, base64url without padding (22 characters). */
public final class JobIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");

    private JobIds() {}

    public static String next() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Whether {@code s} has the shape of an id (anything else is not looked up). */
    public static boolean wellFormed(String s) {
        return s != null && SHAPE.matcher(s).matches();
    }
}
