package io.keygate.bitlocker.release;

/**
 * The body of {@code POST /keys/{deviceId}/reveal}; every member is optional. {@code requestId} names an
 * approved release request (SPEC §11), needed where the realm asks for a second person; {@code campaignId} an
 * ACTIVE campaign (SPEC §14) in place of a ticket and an approval; {@code keyPackage} asks for the key's
 * BitLocker key package too.
 */
public record RevealRequest(String keyId, String ticket, String reason, Boolean breakGlass, String requestId,
        String campaignId, Boolean keyPackage) {

    public static final RevealRequest EMPTY = new RevealRequest(null, null, null, null, null, null, null);

    /** A request without a campaign (the body of a release request, SPEC §11). */
    public RevealRequest(String keyId, String ticket, String reason, Boolean breakGlass, String requestId,
            Boolean keyPackage) {
        this(keyId, ticket, reason, breakGlass, requestId, null, keyPackage);
    }

    public boolean wantsBreakGlass() {
        return Boolean.TRUE.equals(breakGlass);
    }

    public boolean wantsKeyPackage() {
        return Boolean.TRUE.equals(keyPackage);
    }
}
