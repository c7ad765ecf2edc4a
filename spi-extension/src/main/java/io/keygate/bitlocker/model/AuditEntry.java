package io.keygate.bitlocker.model;

/**
 * One entry of a realm's append-only audit log (SPEC §5): a plain value, written once and never
 * updated. There is deliberately no member that could carry key material.
 *
 * <p>{@code action}, {@code outcome} and {@code source} are {@code null} only for a stored row whose
 * value no version of the extension writes: such a row was changed behind the log's back, and its
 * hash no longer matches.
 *
 * @param seq      the position in the realm's hash chain, from 1
 * @param actor    who acted, through which client and from where; never {@code null}
 * @param ticket   the ticket a release was justified with; {@code null} when none. Its {@code id} (the
 *                 canonical identity) is {@code null} in entries written before it was recorded
 * @param approval the approved release request (SPEC §11) a release used; {@code null} otherwise
 * @param keyPackage {@code true} when the release asked for the key's package too ({@code "keyPackage":true});
 *                 {@code null} otherwise, as in every entry written before key packages
 * @param campaignId the campaign (SPEC §14) a release was made under, or that a campaign entry is about; {@code null}
 *                 otherwise, as in every entry written before campaigns
 * @param hash     {@code null} only while the entry is being placed in the chain
 */
public record AuditEntry(String id, String realmId, long seq, long time, AuditAction action, AuditOutcome outcome,
        String code, Actor actor, AuditSource source, String deviceId, String deviceName, String keyId,
        ReleaseRequest.TicketRef ticket, String reason, String acr, Approval approval, Boolean keyPackage, String campaignId,
        String prevHash, String hash) {

    public AuditEntry {
        actor = actor == null ? Actor.NONE : actor;
    }

    /** Who acted; every member is {@code null} for the extension's own background work. */
    public record Actor(String userId, String username, String clientId, String ipAddress, String userAgent) {

        public static final Actor NONE = new Actor(null, null, null, null, null);
    }

    /** The release request a release used, and who approved it. */
    public record Approval(String requestId, String approverUserId, String approverUsername) {
    }

    /** This entry, sealed with its hash. */
    public AuditEntry withHash(String newHash) {
        return new AuditEntry(id, realmId, seq, time, action, outcome, code, actor, source, deviceId, deviceName, keyId,
                ticket, reason, acr, approval, keyPackage, campaignId, prevHash, newHash);
    }
}
