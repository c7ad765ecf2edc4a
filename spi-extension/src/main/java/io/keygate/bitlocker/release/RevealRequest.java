package io.keygate.bitlocker.release;

/** The body of {@code POST /keys/{deviceId}/reveal}; every member is optional. */
public record RevealRequest(String keyId, String ticket, String reason, Boolean breakGlass) {

    public static final RevealRequest EMPTY = new RevealRequest(null, null, null, null);

    public boolean wantsBreakGlass() {
        return Boolean.TRUE.equals(breakGlass);
    }
}
