package io.keygate.bitlocker.config;

import java.util.Base64;

/** The literal form of a key-encryption key: base64 of exactly 256 bits. */
public final class KekFormat {

    public static final int KEK_BYTES = 32;

    private KekFormat() {
    }

    /** @return the key bytes, or {@code null} when the value is not a base64 256-bit key */
    public static byte[] decode(String value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] key = Base64.getDecoder().decode(value.trim());
            return key.length == KEK_BYTES ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static void requireValid(String configKey, String value) throws ConfigValidationException {
        if (decode(value) == null) {
            throw new ConfigValidationException("'" + configKey
                    + "' must be a base64-encoded 256-bit key or a vault reference ${vault.name}");
        }
    }
}
