package io.keygate.bitlocker.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.jpa.NotificationEntity;
import io.keygate.bitlocker.ticketing.Ticket;
import org.junit.jupiter.api.Test;

class ReleaseNotificationsTest {

    private static final String OWNER = "owner-user-id";
    private static final String HELPDESK = "helpdesk-user-id";
    private static final Ticket TICKET = new Ticket("jira", "ITSM-7", "https://jira.example.test/browse/ITSM-7",
            "In Progress", "Incident", true, List.of());

    private static BitLockerConfig.Notifications settings(boolean notifyOwner, String... auditors) {
        BitLockerConfig.Notifications n = new BitLockerConfig.Notifications();
        n.notifyOwner = notifyOwner;
        n.auditorEmails = List.of(auditors);
        return n;
    }

    private static ReleaseNotifications.Release release(String ownerId, String actorId, Ticket ticket, boolean breakGlass) {
        return release(ownerId, null, actorId, ticket, breakGlass);
    }

    private static ReleaseNotifications.Release release(String ownerId, String ownerEmail, String actorId, Ticket ticket,
            boolean breakGlass) {
        return new ReleaseNotifications.Release("audit-1", "device-1", "PC-1", ownerId, ownerEmail, "key-1", actorId,
                "hannah", ticket, breakGlass, breakGlass ? "a reason that is long enough" : null, 1_000L);
    }

    @Test
    void theOwnerIsToldWhenSomeoneElseReleasesTheirKey() {
        List<NotificationEntity> planned = ReleaseNotifications.plan("realm", settings(true, "secops@example.test"),
                release(OWNER, HELPDESK, TICKET, false));

        assertThat(planned).singleElement().satisfies(n -> {
            assertThat(n.getKind()).isEqualTo(NotificationKind.OWNER_KEY_RELEASED.name());
            assertThat(n.getRecipientUserId()).isEqualTo(OWNER);
            assertThat(n.getRecipientEmail()).isNull();
            assertThat(n.getTicketKey()).isEqualTo("ITSM-7");
            assertThat(n.getTicketUrl()).isEqualTo(TICKET.url());
            assertThat(n.getActorUsername()).isEqualTo("hannah");
            assertThat(n.getStatus()).isEqualTo(NotificationEntity.QUEUED);
            assertThat(n.getNextAttemptAt()).isEqualTo(1_000L);
            assertThat(n.getRealmId()).isEqualTo("realm");
        });
    }

    @Test
    void anOwnerWithoutAKeycloakAccountIsWrittenToAtTheAddressTheAgentReported() {
        List<NotificationEntity> planned = ReleaseNotifications.plan("realm", settings(true),
                release(null, "Contractor@Partner.example", HELPDESK, TICKET, false));

        assertThat(planned).singleElement().satisfies(n -> {
            assertThat(n.getKind()).isEqualTo(NotificationKind.OWNER_KEY_RELEASED.name());
            assertThat(n.getRecipientEmail()).isEqualTo("contractor@partner.example");
            assertThat(n.getRecipientUserId()).isNull();
        });
        assertThat(ReleaseNotifications.plan("realm", settings(false),
                release(null, "contractor@partner.example", HELPDESK, TICKET, false))).isEmpty();
    }

    @Test
    void aKeycloakAccountWinsOverTheReportedAddress() {
        assertThat(ReleaseNotifications.plan("realm", settings(true),
                release(OWNER, "old@example.test", HELPDESK, TICKET, false)))
                .singleElement().satisfies(n -> assertThat(n.getRecipientUserId()).isEqualTo(OWNER));
        assertThat(ReleaseNotifications.plan("realm", settings(true),
                release(OWNER, "olivia@example.test", OWNER, null, false))).isEmpty();
    }

    @Test
    void nobodyIsToldOfAnOwnersOwnReleaseOrOfADeviceWithoutAKnownOwner() {
        assertThat(ReleaseNotifications.plan("realm", settings(true), release(OWNER, OWNER, null, false))).isEmpty();
        assertThat(ReleaseNotifications.plan("realm", settings(true), release(null, HELPDESK, TICKET, false))).isEmpty();
    }

    @Test
    void notifyOwnerOffKeepsTheOwnerOutButNotTheAuditorsOfABreakGlass() {
        List<NotificationEntity> planned = ReleaseNotifications.plan("realm", settings(false, "secops@example.test"),
                release(OWNER, "admin-id", null, true));

        assertThat(planned).singleElement().satisfies(n -> {
            assertThat(n.getKind()).isEqualTo(NotificationKind.BREAK_GLASS.name());
            assertThat(n.getRecipientEmail()).isEqualTo("secops@example.test");
            assertThat(n.getReason()).isEqualTo("a reason that is long enough");
            assertThat(n.getTicketKey()).isNull();
        });
    }

    @Test
    void eachAuditorAddressIsWrittenToOnceWhateverItsCase() {
        List<NotificationEntity> planned = ReleaseNotifications.plan("realm",
                settings(true, "SecOps@Example.test", "secops@example.test", " ciso@example.test"),
                release(OWNER, "admin-id", null, true));

        assertThat(planned).extracting(NotificationEntity::getRecipientEmail)
                .containsExactlyInAnyOrder(null, "secops@example.test", "ciso@example.test");
        assertThat(planned).extracting(NotificationEntity::getId).doesNotHaveDuplicates();
    }

    @Test
    void aTicketedReleaseIsNotABreakGlassForTheAuditors() {
        assertThat(ReleaseNotifications.plan("realm", settings(false, "secops@example.test"),
                release(OWNER, HELPDESK, TICKET, false))).isEmpty();
    }
}
