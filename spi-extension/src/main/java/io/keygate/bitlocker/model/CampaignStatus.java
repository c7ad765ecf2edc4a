package io.keygate.bitlocker.model;

/** SPEC §14: a campaign's lifecycle, {@code PENDING → ACTIVE}, or closed otherwise. Only ACTIVE releases keys. */
public enum CampaignStatus {
    PENDING,
    ACTIVE,
    REJECTED,
    CLOSED,
    EXPIRED;

    /** Still open: it may yet release keys (PENDING) or does (ACTIVE). */
    public boolean isOpen() {
        return this == PENDING || this == ACTIVE;
    }
}
