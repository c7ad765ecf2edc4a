package io.keygate.bitlocker.it.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.DeviceClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/** A used key is rotated: reveal → rotation requested → agent told → new key escrowed → old key superseded. */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class RevealRotationCycleTest {

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    @BeforeEach
    void enable() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"ticketing\":{\"breakGlass\":true},\"rotation\":{\"afterReveal\":true,\"retainPreviousDays\":7}}");
    }

    private JsonNode device(String deviceId) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/" + deviceId)
                .bearer(Tokens.password(realm.getName(), TestRealm.ADMIN)).send().json();
    }

    private List<String> actions(String deviceId) {
        JsonNode items = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=500&deviceId=" + deviceId)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
        List<String> actions = new java.util.ArrayList<>();
        items.forEach(e -> actions.add(0, e.path("action").asText()));
        return actions;
    }

    @Test
    void theRotationCompletesOnlyWhenTheRevealedKeyIsGoneAndANewKeyOfItsVolumeIsThere() {
        Fleet.Device laptop = Fleet.escrow(realm.getName(), "ROTATE-FOR-REAL", TestRealm.OWNER);
        Api.Reply reveal = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId() + "/reveal", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER)).send();
        assertThat(reveal.json().path("rotation").path("status").asText()).isEqualTo("PENDING");

        // A new data-drive key while the revealed OS key is still there: not a rotation of the OS key.
        Fleet.Key dataKey = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "FIXED_DATA");
        Api.Reply dataDrive = Fleet.checkIn(realm.getName(), laptop.deviceId(), Fleet.checkInBody("ROTATE-FOR-REAL",
                TestRealm.OWNER, "ENCRYPTED", List.of(laptop.osKey(), dataKey)));
        assertThat(dataDrive.json().path("rotationRequested").asBoolean()).isTrue();
        assertThat(device(laptop.deviceId()).path("rotation").path("status").asText()).isEqualTo("PENDING");

        // A new OS key, but the revealed one still listed (the agent added a protector without removing the old).
        Fleet.Key newOs = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        Api.Reply both = Fleet.checkIn(realm.getName(), laptop.deviceId(), Fleet.checkInBody("ROTATE-FOR-REAL",
                TestRealm.OWNER, "ENCRYPTED", List.of(laptop.osKey(), dataKey, newOs)));
        assertThat(both.json().path("rotationRequested").asBoolean()).isTrue();
        assertThat(device(laptop.deviceId()).path("rotation").path("status").asText()).isEqualTo("PENDING");

        // The revealed key is gone and the new OS key is there: done.
        Api.Reply replaced = Fleet.checkIn(realm.getName(), laptop.deviceId(), Fleet.checkInBody("ROTATE-FOR-REAL",
                TestRealm.OWNER, "ENCRYPTED", List.of(dataKey, newOs)));
        assertThat(replaced.json().path("rotationRequested").asBoolean()).isFalse();
        assertThat(device(laptop.deviceId()).path("rotation").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(actions(laptop.deviceId())).containsSubsequence("ROTATION_REQUESTED", "KEY_ESCROWED", "KEY_ESCROWED",
                "ROTATION_COMPLETED").containsOnlyOnce("ROTATION_COMPLETED");
    }

    @Test
    void aRevealedKeyIsRotatedByTheAgentAndTheOldKeyStaysRevealable() {
        Fleet.Device laptop = Fleet.escrow(realm.getName(), "ROTATE-ME", TestRealm.OWNER);
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER);

        Api.Reply reveal = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId() + "/reveal", "{}")
                .bearer(token).send();
        assertThat(reveal.status()).as(reveal.toString()).isEqualTo(200);
        JsonNode rotation = reveal.json().path("rotation");
        assertThat(rotation.path("status").asText()).isEqualTo("PENDING");
        String rotationId = rotation.path("rotationId").asText();
        assertThat(device(laptop.deviceId()).path("rotation").path("rotationId").asText()).isEqualTo(rotationId);

        // The agent checks in with the same key: it is told to rotate.
        Api.Reply told = Fleet.checkIn(realm.getName(), laptop.deviceId(),
                Fleet.checkInBody("ROTATE-ME", TestRealm.OWNER, "ENCRYPTED", laptop.keys()));
        assertThat(told.json().path("rotationRequested").asBoolean()).isTrue();

        // A second reveal does not open a second rotation.
        Api.Reply again = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId() + "/reveal", "{}")
                .bearer(token).send();
        assertThat(again.json().path("rotation").path("rotationId").asText()).isEqualTo(rotationId);

        // The agent rotated BitLocker's protector and checks in with the new key only.
        Fleet.Key fresh = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        Api.Reply done = Fleet.checkIn(realm.getName(), laptop.deviceId(),
                Fleet.checkInBody("ROTATE-ME", TestRealm.OWNER, "ENCRYPTED", List.of(fresh)));
        assertThat(done.json().path("rotationRequested").asBoolean()).isFalse();
        assertThat(done.json().path("escrowStatus").asText()).isEqualTo("ESCROWED");

        JsonNode after = device(laptop.deviceId());
        assertThat(after.path("rotation").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(after.path("keys")).hasSize(2);
        after.path("keys").forEach(k -> assertThat(k.path("state").asText())
                .isEqualTo(k.path("keyId").asText().equals(fresh.keyId()) ? "ACTIVE" : "SUPERSEDED"));

        // The default is now the new key. The superseded one stays revealable by its ID for the helpdesk side
        // (here an admin's break-glass), never through self-service: the owner gets active keys only.
        Api.Reply current = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId() + "/reveal", "{}")
                .bearer(token).send();
        assertThat(current.json().path("recoveryPassword").asText()).isEqualTo(fresh.recoveryPassword());
        String previousKey = "{\"keyId\":\"" + laptop.osKey().keyId() + "\"";
        Api.Reply byOwner = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId() + "/reveal",
                previousKey + "}").bearer(token).send();
        assertThat(byOwner.status()).as(byOwner.toString()).isEqualTo(403);
        assertThat(byOwner.code()).isEqualTo("forbidden");
        assertThat(byOwner.body()).doesNotContain(laptop.osKey().recoveryPassword());
        Api.Reply previous = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId() + "/reveal",
                previousKey + ",\"breakGlass\":true,\"reason\":\"Recovery of data sealed under the previous key\"}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
        assertThat(previous.status()).as(previous.toString()).isEqualTo(200);
        assertThat(previous.json().path("recoveryPassword").asText()).isEqualTo(laptop.osKey().recoveryPassword());

        assertThat(actions(laptop.deviceId())).containsSubsequence("KEY_ESCROWED", "KEY_REVEALED", "ROTATION_REQUESTED",
                "KEY_REVEALED", "KEY_ESCROWED", "ROTATION_COMPLETED", "KEY_REVEAL_DENIED", "BREAK_GLASS", "KEY_REVEALED");
    }

    @Test
    void anAdminRequestsARotationWithoutATicketAndTheOpenOneIsReturnedAgain() {
        Fleet.Device pc = Fleet.escrow(realm.getName(), "MANUAL-ROTATE", null);
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN);

        Api.Reply first = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + pc.deviceId() + "/rotate",
                "{\"reason\":\"device left the building\"}").bearer(token).send();
        Api.Reply second = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + pc.deviceId() + "/rotate", "{}")
                .bearer(token).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(first.json().path("deviceId").asText()).isEqualTo(pc.deviceId());
        assertThat(first.json().path("requestedAt").asText()).isNotBlank();
        assertThat(second.json().path("rotationId").asText()).isEqualTo(first.json().path("rotationId").asText());
        assertThat(actions(pc.deviceId()).stream().filter("ROTATION_REQUESTED"::equals)).hasSize(1);
    }

    @Test
    void helpdeskNeedsATicketToRotateAndOthersMayNot() {
        Fleet.Device pc = Fleet.escrow(realm.getName(), "HELPDESK-ROTATE", TestRealm.OWNER);
        String url = Api.bitlocker(realm.getName()) + "/keys/" + pc.deviceId() + "/rotate";

        Api.Reply helpdesk = Api.post(url, "{}").bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK)).send();
        Api.Reply owner = Api.post(url, "{}").bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER)).send();
        Api.Reply auditor = Api.post(url, "{}").bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send();
        Api.Reply unknown = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + Fleet.guid() + "/rotate", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();

        assertThat(helpdesk.status()).isEqualTo(403);
        assertThat(helpdesk.code()).isEqualTo("ticket_required");
        assertThat(owner.code()).isEqualTo("forbidden");
        assertThat(auditor.code()).isEqualTo("forbidden");
        assertThat(unknown.code()).isEqualTo("device_not_found");
    }

    @Test
    void aSupersededKeyIsPurgedAfterTheRetentionAndThePurgeIsAudited() {
        Realms.configure(realm.getName(), "{\"rotation\":{\"retainPreviousDays\":0}}");
        Fleet.Device pc = Fleet.escrow(realm.getName(), "PURGE-ME", null);
        Fleet.Key fresh = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        Fleet.checkIn(realm.getName(), pc.deviceId(), Fleet.checkInBody("PURGE-ME", null, "ENCRYPTED", List.of(fresh)));

        // The housekeeping task runs every second in the tests (hourly by default).
        JsonNode keys = Eventually.await(() -> device(pc.deviceId()).path("keys"), k -> k.size() == 1, 15);
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).path("keyId").asText()).isEqualTo(fresh.keyId());
        JsonNode purged = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=KEY_PURGED&deviceId=" + pc.deviceId())
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
        assertThat(purged).hasSize(1);
        assertThat(purged.get(0).path("keyId").asText()).isEqualTo(pc.osKey().keyId());
        assertThat(purged.get(0).path("source").asText()).isEqualTo("SYSTEM");
        Api.Reply gone = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + pc.deviceId() + "/reveal",
                "{\"keyId\":\"" + pc.osKey().keyId() + "\"}").bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("key_not_found");
        Realms.configure(realm.getName(), "{\"rotation\":{\"retainPreviousDays\":7}}");
    }

    @Test
    void aRotationNoAgentCompletesWithinTheTimeoutFailsAndANewOneMayBeRequested() {
        Fleet.Device pc = Fleet.escrow(realm.getName(), "NEVER-ROTATES", null);
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN);
        String url = Api.bitlocker(realm.getName()) + "/keys/" + pc.deviceId() + "/rotate";
        String rotationId = Api.post(url, "{}").bearer(token).send().json().path("rotationId").asText();

        // The timeout is 168 hours: the rotation is made 169 hours old behind the extension's back.
        server.run(DeviceClock.rotationRequestedHoursAgo(rotationId, 169));
        JsonNode rotation = Eventually.await(() -> device(pc.deviceId()).path("rotation"),
                r -> "FAILED".equals(r.path("status").asText()), 15);
        assertThat(rotation.path("status").asText()).isEqualTo("FAILED");
        assertThat(rotation.path("rotationId").asText()).isEqualTo(rotationId);
        assertThat(actions(pc.deviceId())).containsSubsequence("ROTATION_REQUESTED", "ROTATION_FAILED");
        // The device keeps its key, and the agent is no longer told to rotate.
        assertThat(device(pc.deviceId()).path("keys").get(0).path("state").asText()).isEqualTo("ACTIVE");
        Api.Reply checkIn = Fleet.checkIn(realm.getName(), pc.deviceId(),
                Fleet.checkInBody("NEVER-ROTATES", null, "ENCRYPTED", pc.keys()));
        assertThat(checkIn.json().path("rotationRequested").asBoolean()).isFalse();

        Api.Reply again = Api.post(url, "{}").bearer(token).send();
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("rotationId").asText()).isNotEqualTo(rotationId);
    }
}
