package io.keygate.bitlocker.it.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Mailbox;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.DeviceClock;
import io.keygate.bitlocker.it.support.server.Outbox;
import io.keygate.bitlocker.it.support.server.RealmStateTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * E-mails through Keycloak's own mail stack to a real SMTP server: the owner hears of a release by
 * someone else, the auditors of every break-glass release and, daily, of the attention list. No
 * e-mail ever carries a key.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class NotificationTest {

    private static final String SECOPS = "secops@example.test";
    private static final String CISO = "ciso@example.test";
    private static final String OWNER_EMAIL = TestRealm.OWNER + "@example.test";
    private static final String REASON = "Laptop locked at the airport, service desk unreachable";

    @InjectMailServer
    MailServer mail;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    @BeforeEach
    void enable() {
        realm.updateWithCleanup(r -> r.smtp("localhost", 3025, "keygate@example.test"));
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"ticketing\":{\"breakGlass\":true},\"rotation\":{\"afterReveal\":false},"
                + "\"limits\":{\"revealsPerUserPerHour\":1000},\"notifications\":{\"notifyOwner\":true,"
                + "\"auditorEmails\":[\"" + SECOPS + "\",\"SecOps@Example.test\",\"" + CISO + "\"]}}");
    }

    private Api.Reply breakGlass(Fleet.Device device) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal",
                Api.JSON.createObjectNode().put("breakGlass", true).put("reason", REASON).toString())
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
    }

    private static void assertNoKey(Mailbox.Mail m, Fleet.Device device) {
        assertThat(m.all()).doesNotContain(device.osKey().recoveryPassword())
                .doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
    }

    @Test
    void aBreakGlassReleaseReachesTheOwnerAndEachAuditorOnceAndNoMailCarriesTheKey() {
        Fleet.Device laptop = Fleet.escrow(realm.getName(), "AIRPORT-LAPTOP", TestRealm.OWNER);

        Api.Reply reply = breakGlass(laptop);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String auditId = reply.json().path("auditId").asText();

        Mailbox.Mail owner = Mailbox.await(mail, OWNER_EMAIL, m -> m.text().contains(auditId), 20);
        assertThat(owner.subject()).isEqualTo("The BitLocker recovery key of your device AIRPORT-LAPTOP was released");
        assertThat(owner.text()).contains("Released by: " + TestRealm.ADMIN, "Device ID: " + laptop.deviceId(),
                "Key ID: " + laptop.osKey().keyId(), "Break-glass reason: " + REASON, " UTC");
        assertThat(owner.html()).contains(TestRealm.ADMIN, auditId);
        assertNoKey(owner, laptop);

        for (String auditor : List.of(SECOPS, CISO)) {
            Mailbox.Mail m = Mailbox.await(mail, auditor, x -> x.text().contains(auditId), 20);
            assertThat(m.subject()).isEqualTo("Break-glass release of the BitLocker recovery key of AIRPORT-LAPTOP");
            assertThat(m.text()).contains("Released by: " + TestRealm.ADMIN, "Break-glass reason: " + REASON);
            assertNoKey(m, laptop);
        }
        // The address listed twice (in another case) is written to once.
        assertThat(Mailbox.to(mail, SECOPS).stream().filter(m -> m.text().contains(auditId))).hasSize(1);
    }

    @Test
    void anOwnerWithoutAnAccountIsWrittenToAtTheAddressTheAgentReported() {
        Fleet.Device pc = Fleet.escrow(realm.getName(), "CONTRACTOR-PC", "Contractor@Partner.example");

        Api.Reply reply = breakGlass(pc);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String auditId = reply.json().path("auditId").asText();

        Mailbox.Mail m = Mailbox.await(mail, "contractor@partner.example", x -> x.text().contains(auditId), 20);
        assertThat(m.subject()).isEqualTo("The BitLocker recovery key of your device CONTRACTOR-PC was released");
        assertNoKey(m, pc);
    }

    @Test
    void theOwnerIsNotWrittenToAboutTheirOwnReleaseNorWhenNotifyOwnerIsOff() throws InterruptedException {
        Fleet.Device own = Fleet.escrow(realm.getName(), "SELF-SERVED-PC", TestRealm.OWNER);
        Api.Reply self = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + own.deviceId() + "/reveal", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER)).send();
        assertThat(self.status()).as(self.toString()).isEqualTo(200);

        Realms.configure(realm.getName(), "{\"notifications\":{\"notifyOwner\":false}}");
        Fleet.Device quiet = Fleet.escrow(realm.getName(), "QUIET-PC", TestRealm.OWNER);
        Api.Reply released = breakGlass(quiet);
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        String auditId = released.json().path("auditId").asText();

        // The auditors' e-mail of the same release is queued in the same transaction: once it is
        // here, the owner's would be too.
        Mailbox.await(mail, SECOPS, m -> m.text().contains(auditId), 20);
        Thread.sleep(2000);
        assertThat(Mailbox.to(mail, OWNER_EMAIL)).as("owner e-mails").isEmpty();
    }

    @Test
    void anSmtpOutageDelaysTheMailButDoesNotLoseItNorTheRelease() throws InterruptedException {
        realm.updateWithCleanup(r -> r.smtp("localhost", 3, "keygate@example.test"));
        Fleet.Device pc = Fleet.escrow(realm.getName(), "OUTAGE-PC", TestRealm.OWNER);

        Api.Reply reply = breakGlass(pc);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String auditId = reply.json().path("auditId").asText();
        Thread.sleep(3000);
        assertThat(Mailbox.to(mail, OWNER_EMAIL).stream().filter(m -> m.text().contains(auditId))).isEmpty();
        // Owner, secops, ciso: all still queued.
        assertThat(server.fetch(Outbox.notificationStatuses(auditId), String.class)).isEqualTo("QUEUED,QUEUED,QUEUED");

        realm.updateWithCleanup(r -> r.smtp("localhost", 3025, "keygate@example.test"));
        Mailbox.Mail late = Mailbox.await(mail, OWNER_EMAIL, m -> m.text().contains(auditId), 30);
        assertNoKey(late, pc);

        // Sent e-mails leave the outbox after the retention (zero days in the tests, 30 by default).
        assertThat(Eventually.await(() -> server.fetch(Outbox.notificationStatuses(auditId), String.class),
                String::isEmpty, 15)).isEmpty();
    }

    @Test
    void theDigestListsFailedUnavailableLongPendingDevicesAndKeysNotRotatedAfterARelease() {
        String failedId = Fleet.guid();
        Api.Reply failed = Fleet.checkIn(realm.getName(), failedId,
                Fleet.checkInBody("NO-KEY-<WORKSTATION>", TestRealm.OWNER, "ENCRYPTED", List.of()));
        assertThat(failed.json().path("escrowStatus").asText()).isEqualTo("FAILED");
        String plainId = Fleet.guid();
        Fleet.checkIn(realm.getName(), plainId, Fleet.checkInBody("UNENCRYPTED-KIOSK", null, "NOT_ENCRYPTED", List.of()));
        String stuckId = Fleet.guid();
        Fleet.checkIn(realm.getName(), stuckId, Fleet.checkInBody("STUCK-ENCRYPTING", null, "ENCRYPTING", List.of()));
        server.run(DeviceClock.statusSinceHoursAgo(stuckId, 25));
        String freshId = Fleet.guid();
        Fleet.checkIn(realm.getName(), freshId, Fleet.checkInBody("JUST-ENCRYPTING", null, "ENCRYPTING", List.of()));
        // A released key whose rotation the agent never carried out, 25 hours on.
        Fleet.Device released = Fleet.escrow(realm.getName(), "RELEASED-NOT-ROTATED", null);
        String rotationId = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + released.deviceId() + "/rotate", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send().json().path("rotationId").asText();
        server.run(DeviceClock.rotationRequestedHoursAgo(rotationId, 25));

        JsonNode status = Api.get(Api.bitlocker(realm.getName()) + "/escrow/status")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json();
        List<String> attention = new ArrayList<>();
        status.path("attention").forEach(d -> attention.add(d.path("deviceId").asText()));
        assertThat(attention).contains(failedId, plainId, stuckId).doesNotContain(freshId);
        assertThat(status.path("counts").path("PENDING").asLong()).isEqualTo(2);

        // The digest interval is three seconds in the tests (a day by default).
        Mailbox.Mail digest = Mailbox.await(mail, CISO, m -> m.subject().startsWith("BitLocker key escrow:")
                && m.text().contains(failedId) && m.text().contains(plainId) && m.text().contains(stuckId)
                && m.text().contains(released.deviceId()), 30);

        assertThat(digest.subject()).matches("BitLocker key escrow: \\d+ device\\(s\\) need attention");
        assertThat(digest.text()).contains("NO-KEY-<WORKSTATION> (" + failedId + "): FAILED",
                "UNENCRYPTED-KIOSK (" + plainId + "): NOT_AVAILABLE", "STUCK-ENCRYPTING (" + stuckId + "): PENDING",
                TestRealm.OWNER, "RELEASED-NOT-ROTATED (" + released.deviceId() + "): rotation PENDING",
                "(" + TestRealm.ADMIN + ")").doesNotContain(freshId);
        // The disclosed-but-not-rotated device is escrowed: it is in the digest, not in the status page's list.
        assertThat(attention).doesNotContain(released.deviceId());
        // Device names come from agents: they are escaped in the HTML part.
        assertThat(digest.html()).contains("NO-KEY-&lt;WORKSTATION&gt;").doesNotContain("<WORKSTATION>");
    }

    @Test
    void theDigestCarriesACheckpointOfTheAuditChainSignedWithTheRealmsKey() throws Exception {
        // Asking for a checkpoint once tells the realm its issuer URL; the digest, which has no request, uses it.
        String auditor = Tokens.password(realm.getName(), TestRealm.AUDITOR);
        assertThat(Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/checkpoint").bearer(auditor).send().status())
                .isEqualTo(200);

        Mailbox.Mail digest = Mailbox.await(mail, SECOPS, m -> m.subject().startsWith("BitLocker key escrow:")
                && m.text().contains("Signed checkpoint"), 30);
        String text = digest.text();
        String jws = text.substring(text.indexOf("JWKS):") + "JWKS):".length()).strip().lines().findFirst().orElseThrow();

        com.nimbusds.jwt.SignedJWT signed = com.nimbusds.jwt.SignedJWT.parse(jws);
        com.nimbusds.jose.jwk.JWKSet jwks = com.nimbusds.jose.jwk.JWKSet.load(java.net.URI.create(Api.BASE + "/realms/"
                + realm.getName() + "/protocol/openid-connect/certs").toURL());
        assertThat(signed.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(
                jwks.getKeyByKeyId(signed.getHeader().getKeyID()).toRSAKey()))).isTrue();
        assertThat(text).contains("Head hash: " + signed.getJWTClaimsSet().getStringClaim("hash"));
        JsonNode verified = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/verify?checkpoint=" + jws).bearer(auditor)
                .send().json();
        assertThat(verified.path("checkpoint").path("valid").asBoolean()).as(verified.toString()).isTrue();
        // The issuer and the digest's schedule are the extension's own state, never realm attributes.
        assertThat(server.fetch(RealmStateTable.digestLastDueAt(realm.getId()), String.class)).matches("\\d+");
        assertThat(server.fetch(RealmStateTable.bitLockerRealmAttributes(realm.getId()), String.class)).isEmpty();
        assertThat(java.util.Objects.requireNonNullElse(realm.admin().toRepresentation().getAttributes(), java.util.Map.<String, String>of()).keySet()).noneMatch(name -> name.startsWith("bitlocker"));
    }
}
