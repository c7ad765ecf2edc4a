package io.keygate.bitlocker.escrow;

import java.util.Random;
import java.util.StringJoiner;

/** Test fixture: recovery passwords built the way BitLocker builds them (8 groups of {@code 11 * n}, n < 65536). */
public final class RecoveryPasswords {

    private RecoveryPasswords() {
    }

    /** A password whose groups are {@code 11 * n} for the given n values, zero-padded to 6 digits. */
    public static String of(int... quotients) {
        if (quotients.length != 8) {
            throw new IllegalArgumentException("a recovery password has 8 groups");
        }
        StringJoiner joiner = new StringJoiner("-");
        for (int n : quotients) {
            joiner.add(String.format("%06d", 11 * n));
        }
        return joiner.toString();
    }

    /** A valid password with random groups from the given generator. */
    public static String random(Random random) {
        int[] quotients = new int[8];
        for (int i = 0; i < quotients.length; i++) {
            quotients[i] = random.nextInt(65536);
        }
        return of(quotients);
    }

    /** A fixed valid password, distinct for each seed. */
    public static String sample(int seed) {
        return random(new Random(seed));
    }
}
