package io.keygate.bitlocker.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.GoAgent;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.agent.DeviceAgent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The Windows agent (agent/, Go) does what SPEC §3 asks of a device agent, against the real server: its Linux build
 * runs with the fake BitLocker layer, so everything but the PowerShell calls and CNG is the code that ships. The
 * server is the judge of its DPoP proofs and thumbprint: it accepts them, pins the device to them, and refuses
 * another key.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class GoAgentTest {

    @InjectRealm(config = TestRealm.class, ref = "goagent")
    ManagedRealm realm;

    @TempDir
    Path devices;

    @BeforeEach
    void enable() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"escrow\":{\"deviceBinding\":\"dpop\",\"checkInsPerKeyPerHour\":60},\"rotation\":{\"afterReveal\":true}}");
    }

    private String admin;

    private JsonNode device(String deviceId) {
        if (admin == null) {
            admin = Tokens.password(realm.getName(), TestRealm.ADMIN);
        }
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/" + deviceId).bearer(admin).send().json();
    }

    private String keyState(String deviceId, String keyId) {
        for (JsonNode key : device(deviceId).path("keys")) {
            if (key.path("keyId").asText().equals(keyId)) {
                return key.path("state").asText();
            }
        }
        return "missing";
    }

    private Api.Reply reveal(String deviceId, String body) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + deviceId + "/reveal", body)
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER)).send();
    }

    private JsonNode audit(String deviceId, String action) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?deviceId=" + deviceId + "&action=" + action)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
    }

    private static void assertNoKeyIn(GoAgent.Run run) {
        assertThat(run.stdout() + run.stderr()).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
    }

    @Test
    void theAgentEnrolsTheDeviceEscrowsEveryRecoveryPasswordAndBindsItToItsKey() {
        GoAgent laptop = new GoAgent(devices, realm.getName(), "GO-LAPTOP", TestRealm.OWNER);
        String thumbprint = laptop.thumbprint("agent");

        GoAgent.Run run = laptop.once();

        assertThat(run.ok()).as(run.toString()).isTrue();
        assertThat(run.stdout()).contains("escrowStatus=ESCROWED rotationRequested=false");
        assertNoKeyIn(run);
        JsonNode device = device(laptop.deviceId);
        assertThat(device.path("deviceName").asText()).isEqualTo("GO-LAPTOP");
        assertThat(device.path("owner").path("username").asText()).isEqualTo(TestRealm.OWNER);
        assertThat(device.path("encryption").asText()).isEqualTo("ENCRYPTED");
        List<Fleet.Key> onDisk = laptop.recoveryPasswords();
        assertThat(device.path("keys")).hasSize(2);
        for (Fleet.Key key : onDisk) {
            assertThat(keyState(laptop.deviceId, key.keyId())).isEqualTo("ACTIVE");
            Api.Reply revealed = reveal(laptop.deviceId, "{\"keyId\":\"" + key.keyId() + "\"}");
            assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
            assertThat(revealed.json().path("recoveryPassword").asText()).isEqualTo(key.recoveryPassword());
            assertThat(revealed.json().path("volumeType").asText()).isEqualTo(key.volumeType());
        }

        // Pinned to the Go agent's key: the server names the very thumbprint `keygate-agent thumbprint` printed, and
        // another agent (Java's, or the Go agent with another key) is refused.
        Api.Reply stranger = Fleet.checkIn(DeviceAgent.withNewKey(), realm.getName(), laptop.deviceId,
                Fleet.checkInBody("GO-LAPTOP", TestRealm.OTHER, "ENCRYPTED", onDisk));
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.code()).isEqualTo("device_binding_mismatch");
        assertThat(audit(laptop.deviceId, "DEVICE_BINDING_REJECTED").get(0).path("reason").asText())
                .contains("bound to " + thumbprint);
        GoAgent.Run otherKey = laptop.once("other");
        assertThat(otherKey.exitCode()).as(otherKey.toString()).isEqualTo(1);
        assertThat(otherKey.stderr()).contains("HTTP 403 device_binding_mismatch");
        assertNoKeyIn(otherKey);
        // Its own key goes on checking in; a check-in is idempotent.
        assertThat(laptop.once().ok()).isTrue();
        assertThat(device(laptop.deviceId).path("owner").path("username").asText()).isEqualTo(TestRealm.OWNER);
    }

    @Test
    void theServerTakesTheProofsTheGoAgentSignsOnlyForTheRequestTheyWereMadeFor() {
        GoAgent pc = new GoAgent(devices, realm.getName(), "GO-PROOFS", null);
        String thumbprint = pc.thumbprint("agent");
        String tokenUrl = Api.BASE + "/realms/" + realm.getName() + "/protocol/openid-connect/token";
        String form = "grant_type=client_credentials&client_id=" + TestRealm.AGENT_CLIENT + "&client_secret=" + TestRealm.AGENT_SECRET;

        Api.Reply tokenReply = Api.post(tokenUrl, form).header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", pc.proof("agent", "POST", tokenUrl, "")).send();

        assertThat(tokenReply.status()).as(tokenReply.toString()).isEqualTo(200);
        assertThat(tokenReply.json().path("token_type").asText()).isEqualToIgnoringCase("DPoP");
        String token = tokenReply.json().path("access_token").asText();
        assertThat(Tokens.claims(token).path("cnf").path("jkt").asText()).as("Keycloak's thumbprint of the Go agent's key")
                .isEqualTo(thumbprint);

        String url = Api.bitlocker(realm.getName()) + "/escrow/devices/" + pc.deviceId;
        String body = Fleet.checkInBody("GO-PROOFS", null, "NOT_ENCRYPTED", List.of());
        String proof = pc.proof("agent", "PUT", url, token);
        Api.Reply accepted = Api.put(url, body).header("Authorization", "DPoP " + token).header("DPoP", proof).send();
        Api.Reply replayed = Api.put(url, body).header("Authorization", "DPoP " + token).header("DPoP", proof).send();
        Api.Reply otherDevice = Api.put(Api.bitlocker(realm.getName()) + "/escrow/devices/" + Fleet.guid(), body)
                .header("Authorization", "DPoP " + token).header("DPoP", pc.proof("agent", "PUT", url, token)).send();
        Api.Reply withoutAth = Api.put(url, body).header("Authorization", "DPoP " + token)
                .header("DPoP", pc.proof("agent", "PUT", url, "")).send();
        Api.Reply otherKey = Api.put(url, body).header("Authorization", "DPoP " + token)
                .header("DPoP", pc.proof("other", "PUT", url, token)).send();

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        for (Api.Reply refused : List.of(replayed, otherDevice, withoutAth, otherKey)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("DPoP ").contains("invalid_dpop_proof");
        }
    }

    @Test
    void afterARevealTheAgentRotatesEveryRecoveryPasswordAndLeavesTheTpmProtectorAlone() {
        GoAgent laptop = new GoAgent(devices, realm.getName(), "GO-ROTATE", TestRealm.OWNER);
        assertThat(laptop.once().ok()).isTrue();
        List<Fleet.Key> before = laptop.recoveryPasswords();
        Fleet.Key os = before.stream().filter(k -> k.volumeType().equals("OPERATING_SYSTEM")).findFirst().orElseThrow();
        Api.Reply revealed = reveal(laptop.deviceId, "{}");
        assertThat(revealed.json().path("keyId").asText()).isEqualTo(os.keyId());
        assertThat(revealed.json().path("rotation").path("status").asText()).isEqualTo("PENDING");
        String tpm = laptop.volumes().get(0).path("protectors").get(0).path("id").asText();

        GoAgent.Run run = laptop.once();

        assertThat(run.ok()).as(run.toString()).isTrue();
        assertThat(run.stdout()).contains("rotationRequested=false");
        assertNoKeyIn(run);
        List<Fleet.Key> after = laptop.recoveryPasswords();
        assertThat(after).hasSize(2).noneMatch(before::contains);
        assertThat(laptop.volumes().get(0).path("protectors").findValuesAsText("id")).contains(tpm);
        JsonNode device = device(laptop.deviceId);
        assertThat(device.path("rotation").path("status").asText()).isEqualTo("COMPLETED");
        before.forEach(k -> assertThat(keyState(laptop.deviceId, k.keyId())).isEqualTo("SUPERSEDED"));
        after.forEach(k -> assertThat(keyState(laptop.deviceId, k.keyId())).isEqualTo("ACTIVE"));
        Fleet.Key newOs = after.stream().filter(k -> k.volumeType().equals("OPERATING_SYSTEM")).findFirst().orElseThrow();
        Api.Reply current = reveal(laptop.deviceId, "{}");
        assertThat(current.json().path("recoveryPassword").asText()).isEqualTo(newOs.recoveryPassword());
        // The new password was escrowed before the old one left the drive.
        List<String> actions = new ArrayList<>();
        Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=500&deviceId=" + laptop.deviceId)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items")
                .forEach(e -> actions.add(0, e.path("action").asText()));
        assertThat(actions).containsSubsequence("KEY_REVEALED", "ROTATION_REQUESTED", "KEY_ESCROWED", "ROTATION_COMPLETED")
                .containsOnlyOnce("ROTATION_COMPLETED");
    }

    @Test
    void aReimagedDeviceChecksInOnlyOnceAnAdminPinnedTheThumbprintItsNewAgentShows() {
        GoAgent laptop = new GoAgent(devices, realm.getName(), "GO-REIMAGED", TestRealm.OWNER);
        assertThat(laptop.once().ok()).isTrue();
        List<Fleet.Key> previousLife = laptop.recoveryPasswords();
        // Re-imaged: new BitLocker protectors, a new agent key, the same device ID.
        GoAgent rebuilt = new GoAgent(devices.resolve("rebuilt"), realm.getName(), "GO-REIMAGED", TestRealm.OWNER);
        laptop.write(rebuilt.volumes());
        List<Fleet.Key> newLife = laptop.recoveryPasswords();

        GoAgent.Run refused = laptop.once("reimaged");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).contains("device_binding_mismatch");
        previousLife.forEach(k -> assertThat(keyState(laptop.deviceId, k.keyId())).isEqualTo("ACTIVE"));

        String jkt = laptop.thumbprint("reimaged");
        Api.Reply pinned = Api.put(Api.bitlocker(realm.getName()) + "/escrow/devices/" + laptop.deviceId + "/binding",
                "{\"jkt\":\"" + jkt + "\"}").bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(204);

        GoAgent.Run accepted = laptop.once("reimaged");
        assertThat(accepted.ok()).as(accepted.toString()).isTrue();
        previousLife.forEach(k -> assertThat(keyState(laptop.deviceId, k.keyId())).isEqualTo("SUPERSEDED"));
        newLife.forEach(k -> assertThat(keyState(laptop.deviceId, k.keyId())).isEqualTo("ACTIVE"));
        assertThat(laptop.once("agent").stderr()).as("the previous life's agent is the stranger now")
                .contains("device_binding_mismatch");
    }

    @Test
    void fiftyAgentsCheckInAtOnce() throws Exception {
        List<GoAgent> fleet = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fleet.add(new GoAgent(devices.resolve("fleet"), realm.getName(), "GO-FLEET-" + i, i % 2 == 0 ? TestRealm.OWNER : null));
        }
        List<Process> running = new ArrayList<>();
        fleet.forEach(agent -> running.add(agent.start("agent", "once")));
        List<GoAgent.Run> runs = new ArrayList<>();
        for (Process p : running) {
            runs.add(GoAgent.finish(p));
        }

        for (int i = 0; i < fleet.size(); i++) {
            assertThat(runs.get(i).ok()).as("agent %d: %s", i, runs.get(i)).isTrue();
            assertNoKeyIn(runs.get(i));
            JsonNode device = device(fleet.get(i).deviceId);
            assertThat(device.path("escrowStatus").asText()).isEqualTo("ESCROWED");
            assertThat(device.path("keys")).hasSize(2);
        }
        assertThat(Files.list(devices.resolve("fleet")).filter(p -> p.toString().endsWith(".agent")).count()).isEqualTo(50);
    }
}
