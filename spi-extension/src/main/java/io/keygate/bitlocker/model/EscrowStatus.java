package io.keygate.bitlocker.model;

/** The seed's four escrow states, as SPEC §3 defines them. */
public enum EscrowStatus {
    ESCROWED,
    PENDING,
    FAILED,
    NOT_AVAILABLE;

    /** Derives a device's status from what its agent reported and whether an active key is escrowed. */
    public static EscrowStatus derive(Encryption encryption, boolean hasActiveKey) {
        if (hasActiveKey) {
            return ESCROWED;
        }
        return switch (encryption) {
            case ENCRYPTING -> PENDING;
            case FAILED, ENCRYPTED -> FAILED;
            case NOT_ENCRYPTED -> NOT_AVAILABLE;
        };
    }
}
