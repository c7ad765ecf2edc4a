package io.keygate.bitlocker.problem;

/** The stable problem codes of SPEC §7 with their HTTP status. */
public enum ProblemCode {

    AUTHENTICATION_REQUIRED(401, "Authentication required"),
    INSUFFICIENT_USER_AUTHENTICATION(401, "Insufficient user authentication"),
    FORBIDDEN(403, "Forbidden"),
    INVALID_REQUEST(400, "Invalid request"),
    INVALID_TICKET(400, "Invalid ticket"),
    DEVICE_NOT_FOUND(404, "Device not found"),
    KEY_NOT_FOUND(404, "Key not found"),
    TICKET_REQUIRED(403, "Ticket required"),
    TICKET_NOT_FOUND(403, "Ticket not found"),
    TICKET_WRONG_TYPE(403, "Ticket has the wrong type"),
    TICKET_NOT_OPEN(403, "Ticket is not open"),
    TICKET_DEVICE_MISMATCH(403, "Ticket does not name the device"),
    TICKET_REUSE_LIMIT(403, "Ticket reuse limit reached"),
    RATE_LIMITED(429, "Too many requests"),
    ESCROW_NOT_LOCAL(409, "Escrow needs the local key source"),
    /** The device's key source cannot rotate and no agent can be told (Active Directory). */
    ROTATION_NOT_SUPPORTED(409, "The key source cannot rotate keys"),
    TICKETING_UNAVAILABLE(503, "Ticketing system unavailable"),
    KEY_SOURCE_UNAVAILABLE(503, "Key source unavailable"),
    AUDIT_UNAVAILABLE(503, "Audit log unavailable"),
    NOT_ENABLED(404, "BitLocker Key Gate is not enabled in this realm"),
    DEVICE_BINDING_MISMATCH(403, "Device bound to another key"),
    APPROVAL_REQUIRED(403, "Approval required"),
    APPROVAL_PENDING(403, "Approval pending"),
    REQUEST_NOT_FOUND(404, "Release request not found"),
    REQUEST_CLOSED(409, "Release request closed"),
    SELF_APPROVAL(403, "Self-approval not allowed"),
    /** A release asked for the key package of a key whose source holds none: no key leaves. */
    KEY_PACKAGE_NOT_FOUND(404, "Key package not found"),
    /** SPEC §14: no campaign of that ID in the realm. */
    CAMPAIGN_NOT_FOUND(404, "Campaign not found"),
    /** SPEC §14: the campaign is not ACTIVE (pending, rejected, closed or expired). */
    CAMPAIGN_CLOSED(409, "Campaign closed"),
    /** SPEC §14: the campaign does not list the device. */
    DEVICE_NOT_IN_CAMPAIGN(403, "Device not in campaign"),
    /** A KEK rotation would leave keys behind that the current KEK cannot open: nothing is changed. */
    KEYS_UNREADABLE(409, "Escrowed keys cannot be read with the current key-encryption key");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The wire form, e.g. {@code ticket_not_open}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
