package io.keygate.bitlocker.simulators.browser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s), keyed with the UTF-8 bytes of the secret as Keycloak
 * stores it. Keycloak refuses a code twice, so each call waits for a code it has not handed out.
 */
public final class Totp {

    private static final java.util.Map<String, Long> LAST_STEP = new java.util.HashMap<>();

    private Totp() {
    }

    /** A code for {@code user} that this user has not used yet (waits for the next period if needed). */
    public static synchronized String now(String secret, String user) {
        long step = System.currentTimeMillis() / 30_000;
        long last = LAST_STEP.getOrDefault(user, -1L);
        if (step <= last) {
            sleepUntil((last + 1) * 30_000 + 200);
            step = last + 1;
        }
        LAST_STEP.put(user, step);
        return code(secret, step);
    }

    static String code(String secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepUntil(long epochMillis) {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
