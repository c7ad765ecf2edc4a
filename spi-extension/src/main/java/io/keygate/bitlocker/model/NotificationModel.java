package io.keygate.bitlocker.model;

/** An e-mail about a release, one per recipient. */
public interface NotificationModel extends OutboxItemModel {

    /** What kind of e-mail (the notification package's vocabulary). */
    String getKind();

    /** The Keycloak user to write to, or {@code null} when {@link #getRecipientEmail()} is set. */
    String getRecipientUserId();

    String getRecipientEmail();

    String getTicketSystem();

    String getTicketKey();

    String getTicketUrl();

    String getReason();

    /** What the recipient opens (a release request in the console); {@code null} for most e-mails. */
    String getLink();

    long getEventAt();
}
