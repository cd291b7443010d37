package dev.lector.server.jobs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook: {@code sha256=} and the hex HMAC-SHA256, keyed with the server's
 * webhook secret, of {@code TIMESTAMP + "." + BODY} (the Unix seconds sent in
 * {@value #TIMESTAMP_HEADER}, a dot, the body's bytes). A receiver recomputes it, compares in
 * constant time and refuses timestamps too far from its clock (replays).
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "Lector-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "Lector-Webhook-Signature";

    private WebhookSignature() {}

    public static String sign(String secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is the one {@link #sign} makes (compared in constant time). */
    public static boolean verify(String secret, String timestampHeader, byte[] body, String signature) {
        if (timestampHeader == null || signature == null) return false;
        long ts;
        try {
            ts = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII),
                signature.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
