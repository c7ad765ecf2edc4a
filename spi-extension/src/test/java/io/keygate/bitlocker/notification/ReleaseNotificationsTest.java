package io.keygate.bitlocker.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.QueuedNotification;
import io.keygate.bitlocker.ticketing.Ticket;
import org.junit.jupiter.api.Test;

class ReleaseNotificationsTest {

    private static final String OWNER = "owner-user-id";
    private static final String HELPDESK = "helpdesk-user-id";
    private static final Ticket TICKET = new Ticket("jira", "ITSM-7", "10007", "https://jira.example.test/browse/ITSM-7",
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
        DeviceOwner owner = ownerId == null && ownerEmail == null ? null : new DeviceOwner(ownerId, null, ownerEmail);
        return new ReleaseNotifications.Release("audit-1", "device-1", "PC-1", owner, "key-1", actorId,
                "hannah", ticket, breakGlass, breakGlass ? "a reason that is long enough" : null, 1_000L);
    }

    @Test
    void theOwnerIsToldWhenSomeoneElseReleasesTheirKey() {
        List<QueuedNotification> planned = ReleaseNotifications.plan(settings(true, "secops@example.test"),
                release(OWNER, HELPDESK, TICKET, false));

        assertThat(planned).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.OWNER_KEY_RELEASED.name());
            assertThat(n.recipientUserId()).isEqualTo(OWNER);
            assertThat(n.recipientEmail()).isNull();
            assertThat(n.ticketKey()).isEqualTo("ITSM-7");
            assertThat(n.ticketUrl()).isEqualTo(TICKET.url());
            assertThat(n.actorUsername()).isEqualTo("hannah");
            assertThat(n.eventAt()).isEqualTo(1_000L);
        });
    }

    @Test
    void anOwnerWithoutAKeycloakAccountIsWrittenToAtTheAddressTheAgentReported() {
        List<QueuedNotification> planned = ReleaseNotifications.plan(settings(true),
                release(null, "Contractor@Partner.example", HELPDESK, TICKET, false));

        assertThat(planned).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.OWNER_KEY_RELEASED.name());
            assertThat(n.recipientEmail()).isEqualTo("contractor@partner.example");
            assertThat(n.recipientUserId()).isNull();
        });
        assertThat(ReleaseNotifications.plan(settings(false),
                release(null, "contractor@partner.example", HELPDESK, TICKET, false))).isEmpty();
    }

    @Test
    void aKeycloakAccountWinsOverTheReportedAddress() {
        assertThat(ReleaseNotifications.plan(settings(true),
                release(OWNER, "old@example.test", HELPDESK, TICKET, false)))
                .singleElement().satisfies(n -> assertThat(n.recipientUserId()).isEqualTo(OWNER));
        assertThat(ReleaseNotifications.plan(settings(true),
                release(OWNER, "olivia@example.test", OWNER, null, false))).isEmpty();
    }

    @Test
    void nobodyIsToldOfAnOwnersOwnReleaseOrOfADeviceWithoutAKnownOwner() {
        assertThat(ReleaseNotifications.plan(settings(true), release(OWNER, OWNER, null, false))).isEmpty();
        assertThat(ReleaseNotifications.plan(settings(true), release(null, HELPDESK, TICKET, false))).isEmpty();
    }

    @Test
    void notifyOwnerOffKeepsTheOwnerOutButNotTheAuditorsOfABreakGlass() {
        List<QueuedNotification> planned = ReleaseNotifications.plan(settings(false, "secops@example.test"),
                release(OWNER, "admin-id", null, true));

        assertThat(planned).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.BREAK_GLASS.name());
            assertThat(n.recipientEmail()).isEqualTo("secops@example.test");
            assertThat(n.reason()).isEqualTo("a reason that is long enough");
            assertThat(n.ticketKey()).isNull();
        });
    }

    @Test
    void eachAuditorAddressIsWrittenToOnceWhateverItsCase() {
        List<QueuedNotification> planned = ReleaseNotifications.plan(
                settings(true, "SecOps@Example.test", "secops@example.test", " ciso@example.test"),
                release(OWNER, "admin-id", null, true));

        assertThat(planned).extracting(QueuedNotification::recipientEmail)
                .containsExactlyInAnyOrder(null, "secops@example.test", "ciso@example.test");
    }

    @Test
    void aTicketedReleaseIsNotABreakGlassForTheAuditors() {
        assertThat(ReleaseNotifications.plan(settings(false, "secops@example.test"),
                release(OWNER, HELPDESK, TICKET, false))).isEmpty();
    }
}
