package io.keygate.bitlocker.simulators.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * BitLocker recovery passwords: eight groups of six digits, each group a multiple of 11 below 720896
 * (11 × 65536). The simulator derives a key's password from its id (SHA-256), so nothing is stored.
 */
public final class RecoveryPasswords {

    private static final Pattern SHAPE = Pattern.compile("\\d{6}(-\\d{6}){7}");

    private RecoveryPasswords() {
    }

    /** The password of the key with this id. */
    public static String of(String keyId) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256")
                    .digest(("keygate-graph-simulator:" + keyId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder password = new StringBuilder(55);
        for (int group = 0; group < 8; group++) {
            int value = ((hash[2 * group] & 0xff) << 8) | (hash[2 * group + 1] & 0xff);
            if (group > 0) {
                password.append('-');
            }
            password.append(String.format("%06d", value * 11));
        }
        return password.toString();
    }

    /** Whether this is a well-formed recovery password (shape and the per-group checks BitLocker makes). */
    public static boolean isValid(String password) {
        if (password == null || !SHAPE.matcher(password).matches()) {
            return false;
        }
        for (String group : password.split("-")) {
            int value = Integer.parseInt(group);
            if (value % 11 != 0 || value >= 720896) {
                return false;
            }
        }
        return true;
    }
}
