package io.keygate.bitlocker.notification;

/** The e-mails the extension sends: a message key for the subject and a template in the e-mail theme. */
public enum NotificationKind {
    /** To the device owner when someone else released their key: who, when, under which ticket. */
    OWNER_KEY_RELEASED("bitlockerKeyReleasedSubject", "bitlocker-key-released.ftl"),
    /** To {@code notifications.auditorEmails} on every break-glass release. */
    BREAK_GLASS("bitlockerBreakGlassSubject", "bitlocker-break-glass.ftl"),
    /** To a device's previous owner when an agent reports someone else as its owner. */
    OWNER_CHANGED("bitlockerOwnerChangedSubject", "bitlocker-owner-changed.ftl"),
    /** To the approvers (and {@code notifications.approverEmails}) when someone asks to release a key (SPEC §11). */
    RELEASE_REQUESTED("bitlockerReleaseRequestedSubject", "bitlocker-release-requested.ftl"),
    /** To the requester when a second person approved their release request. */
    RELEASE_APPROVED("bitlockerReleaseApprovedSubject", "bitlocker-release-approved.ftl"),
    /** To the requester when their release request was rejected. */
    RELEASE_REJECTED("bitlockerReleaseRejectedSubject", "bitlocker-release-rejected.ftl"),
    /** To the approvers (and {@code notifications.approverEmails}) when an admin asks for a campaign (SPEC §14). */
    CAMPAIGN_REQUESTED("bitlockerCampaignRequestedSubject", "bitlocker-campaign-requested.ftl"),
    /** To {@code notifications.auditorEmails}, daily: the devices of the escrow attention list. */
    ATTENTION_DIGEST("bitlockerAttentionDigestSubject", "bitlocker-attention-digest.ftl");

    private final String subjectKey;
    private final String template;

    NotificationKind(String subjectKey, String template) {
        this.subjectKey = subjectKey;
        this.template = template;
    }

    public String subjectKey() {
        return subjectKey;
    }

    public String template() {
        return template;
    }
}
