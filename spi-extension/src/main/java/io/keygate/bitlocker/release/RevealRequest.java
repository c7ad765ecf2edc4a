package io.keygate.bitlocker.release;

/**
 * The body of {@code POST /keys/{deviceId}/reveal}; every member is optional. {@code requestId} names an
 * approved release request (SPEC §11), needed where the realm asks for a second person.
 */
public record RevealRequest(String keyId, String ticket, String reason, Boolean breakGlass, String requestId) {

    public static final RevealRequest EMPTY = new RevealRequest(null, null, null, null, null);

    public boolean wantsBreakGlass() {
        return Boolean.TRUE.equals(breakGlass);
    }
}
