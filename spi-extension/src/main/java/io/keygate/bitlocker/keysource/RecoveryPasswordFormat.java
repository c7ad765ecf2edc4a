package io.keygate.bitlocker.keysource;

import java.util.regex.Pattern;

/**
 * BitLocker's own check of a 48-digit recovery password: eight groups of six digits, each
 * divisible by 11 with a quotient below 2^16 (each group encodes 16 bits of the key).
 */
public final class RecoveryPasswordFormat {

    private static final Pattern SHAPE = Pattern.compile("^\\d{6}(-\\d{6}){7}$");

    private RecoveryPasswordFormat() {
    }

    public static boolean isValid(String password) {
        if (password == null || !SHAPE.matcher(password).matches()) {
            return false;
        }
        for (String group : password.split("-")) {
            int value = Integer.parseInt(group);
            if (value % 11 != 0 || value / 11 >= 65536) {
                return false;
            }
        }
        return true;
    }
}
