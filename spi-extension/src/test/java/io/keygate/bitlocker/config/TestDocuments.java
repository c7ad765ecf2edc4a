package io.keygate.bitlocker.config;

import java.util.Base64;

/** What the configuration document's tests share: a KEK, the installed providers, and PUTs written briefly. */
final class TestDocuments {

    /** A literal 256-bit KEK. */
    static final String KEK = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    /** What a stock installation has: our key sources and ticketing systems, with their own section checks. */
    static final InstalledProviders INSTALLED = new TestInstalledProviders();

    private TestDocuments() {
    }

    /** JSON written with single quotes, for readability. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static BitLockerConfig apply(String singleQuotedJson) throws ConfigValidationException {
        return ConfigDocument.applyUpdate(new BitLockerConfig(), json(singleQuotedJson), INSTALLED);
    }

    static String rejectionOf(String singleQuotedJson) {
        return rejectionOf(new BitLockerConfig(), json(singleQuotedJson));
    }

    static String rejectionOf(BitLockerConfig current, String body) {
        try {
            ConfigDocument.applyUpdate(current, body, INSTALLED);
        } catch (ConfigValidationException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the update to be rejected: " + body);
    }
}
