package io.keygate.bitlocker.it.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.agent.DeviceAgent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * One agent secret sits on every laptop; whoever extracts it must still not speak for another device.
 * Each device is bound to the DPoP key its agent proved first (RFC 9449): a check-in under another
 * key is refused, on record, and changes nothing.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class DeviceBindingTest {

    @InjectRealm(config = TestRealm.class, ref = "binding")
    ManagedRealm realm;

    @BeforeEach
    void enable() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"escrow\":{\"deviceBinding\":\"dpop\",\"checkInsPerKeyPerHour\":60}}");
    }

    private String checkInUrl(String deviceId) {
        return Api.bitlocker(realm.getName()) + "/escrow/devices/" + deviceId;
    }

    private JsonNode device(String deviceId) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/" + deviceId)
                .bearer(Tokens.password(realm.getName(), TestRealm.ADMIN)).send().json();
    }

    private JsonNode audit(String deviceId, String action) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?deviceId=" + deviceId + "&action=" + action)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
    }

    @Test
    void anAgentCannotCheckInForAnotherDeviceWithItsOwnKeyAndNothingChanges() {
        Fleet.Device victim = Fleet.escrow(realm.getName(), "VICTIM-PC", TestRealm.OWNER);
        JsonNode before = device(victim.deviceId());
        DeviceAgent attacker = DeviceAgent.withNewKey();
        Fleet.Key attackerKey = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");

        Api.Reply hijack = Fleet.checkIn(attacker, realm.getName(), victim.deviceId(),
                Fleet.checkInBody("VICTIM-PC", TestRealm.OTHER, "ENCRYPTED", List.of(attackerKey)));

        assertThat(hijack.status()).as(hijack.toString()).isEqualTo(403);
        assertThat(hijack.code()).isEqualTo("device_binding_mismatch");
        assertThat(device(victim.deviceId())).isEqualTo(before);
        JsonNode rejected = audit(victim.deviceId(), "DEVICE_BINDING_REJECTED");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("outcome").asText()).isEqualTo("DENIED");
        assertThat(rejected.get(0).path("code").asText()).isEqualTo("device_binding_mismatch");
        assertThat(rejected.get(0).path("reason").asText()).contains(attacker.thumbprint());
        assertThat(audit(victim.deviceId(), "OWNER_CHANGED")).isEmpty();
        // The device's own agent goes on as before.
        assertThat(Fleet.checkIn(realm.getName(), victim.deviceId(),
                Fleet.checkInBody("VICTIM-PC", TestRealm.OWNER, "ENCRYPTED", victim.keys())).status()).isEqualTo(200);
    }

    @Test
    void aPlainBearerCheckInGetsTheDPoPChallenge() {
        Api.Reply reply = Api.put(checkInUrl(Fleet.guid()), Fleet.checkInBody("BEARER-PC", null, "NOT_ENCRYPTED", List.of()))
                .bearer(Fleet.agentToken(realm.getName())).send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("authentication_required");
        assertThat(reply.header("WWW-Authenticate")).startsWith("DPoP ").contains("error=\"invalid_dpop_proof\"")
                .contains("algs=\"");
    }

    @Test
    void aReplayedProofOrOneForAnotherRequestIsRefused() {
        DeviceAgent agent = DeviceAgent.withNewKey();
        String deviceId = Fleet.guid();
        String body = Fleet.checkInBody("REPLAY-PC", null, "NOT_ENCRYPTED", List.of());
        String token = Fleet.agentToken(realm.getName(), agent);
        String proof = agent.proof("PUT", checkInUrl(deviceId), token);

        Api.Reply first = Api.put(checkInUrl(deviceId), body).header("Authorization", "DPoP " + token)
                .header("DPoP", proof).send();
        Api.Reply replayed = Api.put(checkInUrl(deviceId), body).header("Authorization", "DPoP " + token)
                .header("DPoP", proof).send();
        Api.Reply otherUrl = Api.put(checkInUrl(Fleet.guid()), body).header("Authorization", "DPoP " + token)
                .header("DPoP", agent.proof("PUT", checkInUrl(deviceId), token)).send();
        Api.Reply otherMethod = Api.put(checkInUrl(deviceId), body).header("Authorization", "DPoP " + token)
                .header("DPoP", agent.proof("POST", checkInUrl(deviceId), token)).send();
        Api.Reply otherToken = Api.put(checkInUrl(deviceId), body).header("Authorization", "DPoP " + token)
                .header("DPoP", agent.proof("PUT", checkInUrl(deviceId), "some other token")).send();
        Api.Reply otherKey = Api.put(checkInUrl(deviceId), body).header("Authorization", "DPoP " + token)
                .header("DPoP", DeviceAgent.withNewKey().proof("PUT", checkInUrl(deviceId), token)).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        for (Api.Reply refused : List.of(replayed, otherUrl, otherMethod, otherToken, otherKey)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("DPoP ").contains("invalid_dpop_proof");
        }
    }

    @Test
    void anAdminResetLetsARebuiltDeviceBindToItsNewAgent() {
        Fleet.Device pc = Fleet.escrow(realm.getName(), "REIMAGED-PC", TestRealm.OWNER);
        DeviceAgent reinstalled = DeviceAgent.withNewKey();
        String body = Fleet.checkInBody("REIMAGED-PC", TestRealm.OWNER, "ENCRYPTED", pc.keys());
        assertThat(Fleet.checkIn(reinstalled, realm.getName(), pc.deviceId(), body).status()).isEqualTo(403);
        String binding = Api.bitlocker(realm.getName()) + "/escrow/devices/" + pc.deviceId() + "/binding";

        Api.Reply helpdesk = Api.delete(binding).bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK)).send();
        Api.Reply weakAdmin = Api.delete(binding).bearer(Tokens.password(realm.getName(), TestRealm.ADMIN)).send();
        Api.Reply reset = Api.delete(binding).bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();

        assertThat(helpdesk.status()).isEqualTo(403);
        assertThat(weakAdmin.status()).isEqualTo(401);
        assertThat(weakAdmin.code()).isEqualTo("insufficient_user_authentication");
        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
        assertThat(audit(pc.deviceId(), "DEVICE_BINDING_RESET")).hasSize(1);
        assertThat(Fleet.checkIn(reinstalled, realm.getName(), pc.deviceId(), body).status()).isEqualTo(200);
        // Now bound to the new agent: the old one is the stranger.
        assertThat(Fleet.checkIn(realm.getName(), pc.deviceId(), body).code()).isEqualTo("device_binding_mismatch");
    }

    @Test
    void aRealmThatRunsUnboundTakesPlainBearerCheckInsAndSaysSo() {
        Realms.configure(realm.getName(), "{\"escrow\":{\"deviceBinding\":\"none\"}}");
        try {
            Api.Reply plain = Api.put(checkInUrl(Fleet.guid()), Fleet.checkInBody("UNBOUND-PC", null, "NOT_ENCRYPTED",
                    List.of())).bearer(Fleet.agentToken(realm.getName())).send();
            JsonNode status = Api.get(Api.bitlocker(realm.getName()) + "/escrow/status")
                    .bearer(Tokens.password(realm.getName(), TestRealm.ADMIN)).send().json();

            assertThat(plain.status()).as(plain.toString()).isEqualTo(200);
            assertThat(status.path("deviceBinding").asText()).isEqualTo("none");
        } finally {
            Realms.configure(realm.getName(), "{\"escrow\":{\"deviceBinding\":\"dpop\"}}");
        }
        JsonNode status = Api.get(Api.bitlocker(realm.getName()) + "/escrow/status")
                .bearer(Tokens.password(realm.getName(), TestRealm.ADMIN)).send().json();
        assertThat(status.path("deviceBinding").asText()).isEqualTo("dpop");
    }

    private String bindingUrl(String deviceId) {
        return Api.bitlocker(realm.getName()) + "/escrow/devices/" + deviceId + "/binding";
    }

    private static String pinBody(String jkt) {
        ObjectNode body = Api.JSON.createObjectNode();
        body.put("jkt", jkt);
        return body.toString();
    }

    private String keyState(String deviceId, String keyId) {
        for (JsonNode key : device(deviceId).path("keys")) {
            if (key.path("keyId").asText().equals(keyId)) {
                return key.path("state").asText();
            }
        }
        return "missing";
    }

    /** A device escrowed while the realm ran unbound: it has keys and no pinned agent key. */
    private Fleet.Device escrowedWhileUnbound(String name) {
        Realms.configure(realm.getName(), "{\"escrow\":{\"deviceBinding\":\"none\"}}");
        try {
            return Fleet.escrow(realm.getName(), name, TestRealm.OWNER);
        } finally {
            Realms.configure(realm.getName(), "{\"escrow\":{\"deviceBinding\":\"dpop\"}}");
        }
    }

    @Test
    void aStrangerWithTheAgentSecretCannotTakeADeviceThatHasKeysButNoPinnedKey() {
        Fleet.Device victim = escrowedWhileUnbound("UNPINNED-PC");
        String keyId = victim.osKey().keyId();
        JsonNode before = device(victim.deviceId());
        DeviceAgent attacker = DeviceAgent.withNewKey();
        Fleet.Key own = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        Fleet.Key guessed = new Fleet.Key(keyId, Fleet.recoveryPassword(), "OPERATING_SYSTEM");

        List<Api.Reply> attempts = List.of(
                Fleet.checkIn(attacker, realm.getName(), victim.deviceId(),
                        Fleet.checkInBody("UNPINNED-PC", TestRealm.OTHER, "ENCRYPTED", List.of(own))),
                Fleet.checkIn(attacker, realm.getName(), victim.deviceId(),
                        Fleet.checkInBody("UNPINNED-PC", TestRealm.OTHER, "ENCRYPTED", List.of(guessed))),
                Fleet.checkIn(attacker, realm.getName(), victim.deviceId(),
                        Fleet.checkInBody("UNPINNED-PC", TestRealm.OTHER, "NOT_ENCRYPTED", List.of())));

        for (Api.Reply attempt : attempts) {
            assertThat(attempt.status()).as(attempt.toString()).isEqualTo(403);
            assertThat(attempt.code()).isEqualTo("device_binding_mismatch");
            assertThat(attempt.body()).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
        }
        assertThat(device(victim.deviceId())).isEqualTo(before);
        assertThat(keyState(victim.deviceId(), keyId)).isEqualTo("ACTIVE");
        JsonNode rejected = audit(victim.deviceId(), "DEVICE_BINDING_REJECTED");
        assertThat(rejected).hasSize(3);
        rejected.forEach(entry -> {
            assertThat(entry.path("outcome").asText()).isEqualTo("DENIED");
            assertThat(entry.path("code").asText()).isEqualTo("device_binding_mismatch");
            assertThat(entry.path("reason").asText()).contains(attacker.thumbprint())
                    .doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
        });
        assertThat(audit(victim.deviceId(), "OWNER_CHANGED")).isEmpty();

        // The device itself proves it with its own password and is pinned; the stranger stays a stranger.
        DeviceAgent owner = Fleet.agent(realm.getName(), victim.deviceId());
        assertThat(Fleet.checkIn(owner, realm.getName(), victim.deviceId(),
                Fleet.checkInBody("UNPINNED-PC", TestRealm.OWNER, "ENCRYPTED", victim.keys())).status()).isEqualTo(200);
        Api.Reply later = Fleet.checkIn(attacker, realm.getName(), victim.deviceId(),
                Fleet.checkInBody("UNPINNED-PC", TestRealm.OTHER, "ENCRYPTED", victim.keys()));
        assertThat(later.code()).isEqualTo("device_binding_mismatch");
        assertThat(audit(victim.deviceId(), "DEVICE_BINDING_REJECTED").get(0).path("reason").asText())
                .contains("bound to " + owner.thumbprint());
    }

    @Test
    void afterAnAdminForgetsThePinOnlyTheDevicesOwnPasswordPinsItAgain() {
        Fleet.Device pc = Fleet.escrow(realm.getName(), "FORGOTTEN-PC", TestRealm.OWNER);
        assertThat(Api.delete(bindingUrl(pc.deviceId())).bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN))
                .send().status()).isEqualTo(204);
        DeviceAgent attacker = DeviceAgent.withNewKey();

        Api.Reply hijack = Fleet.checkIn(attacker, realm.getName(), pc.deviceId(), Fleet.checkInBody("FORGOTTEN-PC",
                TestRealm.OTHER, "ENCRYPTED", List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM"))));

        assertThat(hijack.status()).as(hijack.toString()).isEqualTo(403);
        assertThat(hijack.code()).isEqualTo("device_binding_mismatch");
        assertThat(keyState(pc.deviceId(), pc.osKey().keyId())).isEqualTo("ACTIVE");
        assertThat(device(pc.deviceId()).path("owner").path("username").asText()).isEqualTo(TestRealm.OWNER);
        assertThat(audit(pc.deviceId(), "DEVICE_BINDING_REJECTED")).hasSize(1);
        assertThat(Fleet.checkIn(realm.getName(), pc.deviceId(),
                Fleet.checkInBody("FORGOTTEN-PC", TestRealm.OWNER, "ENCRYPTED", pc.keys())).status()).isEqualTo(200);
    }

    @Test
    void aReleasedPasswordProvesNothing() {
        Fleet.Device pc = escrowedWhileUnbound("RELEASED-PC");
        Api.Reply revealed = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + pc.deviceId() + "/reveal", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER)).send();
        assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
        String password = revealed.json().path("recoveryPassword").asText();
        assertThat(password).isEqualTo(pc.osKey().recoveryPassword());
        DeviceAgent attacker = DeviceAgent.withNewKey();

        Api.Reply hijack = Fleet.checkIn(attacker, realm.getName(), pc.deviceId(), Fleet.checkInBody("RELEASED-PC",
                TestRealm.OTHER, "ENCRYPTED", List.of(new Fleet.Key(pc.osKey().keyId(), password, "OPERATING_SYSTEM"))));

        assertThat(hijack.status()).as(hijack.toString()).isEqualTo(403);
        assertThat(hijack.code()).isEqualTo("device_binding_mismatch");
        assertThat(device(pc.deviceId()).path("owner").path("username").asText()).isEqualTo(TestRealm.OWNER);
        assertThat(audit(pc.deviceId(), "DEVICE_BINDING_REJECTED")).hasSize(1);
    }

    @Test
    void anAdminPinsAReimagedDevicesNewKeyAndOnlyThenMayItRetireTheOldKeys() {
        Fleet.Device pc = Fleet.escrow(realm.getName(), "REBUILT-PC", TestRealm.OWNER);
        String oldKey = pc.osKey().keyId();
        DeviceAgent reimaged = DeviceAgent.withNewKey();
        Fleet.Key newKey = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        String body = Fleet.checkInBody("REBUILT-PC", TestRealm.OWNER, "ENCRYPTED", List.of(newKey));
        assertThat(Fleet.checkIn(reimaged, realm.getName(), pc.deviceId(), body).code()).isEqualTo("device_binding_mismatch");
        String admin = BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN);
        String jkt = reimaged.thumbprint();

        Api.Reply helpdesk = Api.put(bindingUrl(pc.deviceId()), pinBody(jkt))
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK)).send();
        Api.Reply weakAdmin = Api.put(bindingUrl(pc.deviceId()), pinBody(jkt))
                .bearer(Tokens.password(realm.getName(), TestRealm.ADMIN)).send();
        List<Api.Reply> malformed = new ArrayList<>();
        for (String bad : List.of(pinBody(jkt.substring(1)), pinBody(jkt + "A"), pinBody(jkt.substring(1) + "="),
                pinBody(jkt.substring(0, 42) + "+"), pinBody(jkt.substring(0, 42) + "B"), pinBody(""),
                "{\"jkt\":42}", "{}", "{\"jkt\":\"" + jkt + "\",\"by\":\"me\"}", "[]", "")) {
            malformed.add(Api.put(bindingUrl(pc.deviceId()), bad).bearer(admin).send());
        }
        Api.Reply unknown = Api.put(bindingUrl(Fleet.guid()), pinBody(jkt)).bearer(admin).send();
        Api.Reply pinned = Api.put(bindingUrl(pc.deviceId()), pinBody(jkt)).bearer(admin).send();

        assertThat(helpdesk.status()).isEqualTo(403);
        assertThat(weakAdmin.status()).isEqualTo(401);
        assertThat(weakAdmin.code()).isEqualTo("insufficient_user_authentication");
        for (Api.Reply reply : malformed) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("invalid_request");
        }
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("device_not_found");
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(204);
        JsonNode resets = audit(pc.deviceId(), "DEVICE_BINDING_RESET");
        assertThat(resets).hasSize(1);
        assertThat(resets.get(0).path("source").asText()).isEqualTo("ADMIN");
        assertThat(resets.get(0).path("reason").asText()).contains(jkt);

        // The re-imaged device's agent now checks in with its new key; the keys of its previous life retire.
        Api.Reply checkIn = Fleet.checkIn(reimaged, realm.getName(), pc.deviceId(), body);
        assertThat(checkIn.status()).as(checkIn.toString()).isEqualTo(200);
        assertThat(keyState(pc.deviceId(), oldKey)).isEqualTo("SUPERSEDED");
        assertThat(keyState(pc.deviceId(), newKey.keyId())).isEqualTo("ACTIVE");
        // The old agent is the stranger now.
        assertThat(Fleet.checkIn(realm.getName(), pc.deviceId(), Fleet.checkInBody("REBUILT-PC", TestRealm.OWNER,
                "ENCRYPTED", pc.keys())).code()).isEqualTo("device_binding_mismatch");
    }

    @Test
    void aKeyThatProvedTheDeviceDoesNotRetireKeysEscrowedUnderTheOldPin() {
        Fleet.Key os = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        Fleet.Key data = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "FIXED_DATA");
        String deviceId = Fleet.guid();
        assertThat(Fleet.checkIn(realm.getName(), deviceId, Fleet.checkInBody("TWO-DRIVES-PC", TestRealm.OWNER,
                "ENCRYPTED", List.of(os, data))).status()).isEqualTo(200);
        assertThat(Api.delete(bindingUrl(deviceId)).bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN))
                .send().status()).isEqualTo(204);
        DeviceAgent other = DeviceAgent.withNewKey();
        Fleet.Key fresh = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");

        // It knows the OS key's password (it proves the device) and no longer lists the data drive's key.
        Api.Reply proven = Fleet.checkIn(other, realm.getName(), deviceId,
                Fleet.checkInBody("TWO-DRIVES-PC", TestRealm.OWNER, "ENCRYPTED", List.of(os, fresh)));
        Api.Reply withoutOld = Fleet.checkIn(other, realm.getName(), deviceId,
                Fleet.checkInBody("TWO-DRIVES-PC", TestRealm.OWNER, "ENCRYPTED", List.of(fresh)));

        assertThat(proven.status()).as(proven.toString()).isEqualTo(200);
        assertThat(withoutOld.status()).as(withoutOld.toString()).isEqualTo(200);
        assertThat(keyState(deviceId, data.keyId())).isEqualTo("ACTIVE");
        assertThat(keyState(deviceId, os.keyId())).isEqualTo("ACTIVE");
        assertThat(keyState(deviceId, fresh.keyId())).isEqualTo("ACTIVE");
        // Pinned to the key that proved it: the previous agent is refused.
        assertThat(Fleet.checkIn(realm.getName(), deviceId, Fleet.checkInBody("TWO-DRIVES-PC", TestRealm.OWNER,
                "ENCRYPTED", List.of(os, data))).code()).isEqualTo("device_binding_mismatch");
    }

    @Test
    void checkInsAreLimitedPerAgentKeyAndTheFirstRefusalIsOnRecord() throws Exception {
        Realms.configure(realm.getName(), "{\"escrow\":{\"checkInsPerKeyPerHour\":5}}");
        DeviceAgent agent = DeviceAgent.withNewKey();
        Fleet.agentToken(realm.getName(), agent);
        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Api.Reply>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String deviceId = Fleet.guid();
                runs.add(pool.submit(() -> Fleet.checkIn(agent, realm.getName(), deviceId,
                        Fleet.checkInBody("LIMITED-PC", null, "NOT_ENCRYPTED", List.of()))));
            }
            for (Future<Api.Reply> run : runs) {
                statuses.add(run.get().status());
            }
        } finally {
            pool.shutdownNow();
        }
        Api.Reply refused = Fleet.checkIn(agent, realm.getName(), Fleet.guid(),
                Fleet.checkInBody("LIMITED-PC", null, "NOT_ENCRYPTED", List.of()));
        Api.Reply otherAgent = Fleet.checkIn(DeviceAgent.withNewKey(), realm.getName(), Fleet.guid(),
                Fleet.checkInBody("LIMITED-PC", null, "NOT_ENCRYPTED", List.of()));

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(3);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(otherAgent.status()).as(otherAgent.toString()).isEqualTo(200);
        JsonNode limited = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=CHECK_IN_LIMITED")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
        assertThat(limited).hasSize(1);
        assertThat(limited.get(0).path("outcome").asText()).isEqualTo("DENIED");
        assertThat(limited.get(0).path("code").asText()).isEqualTo("rate_limited");
        assertThat(limited.get(0).path("reason").asText()).contains(agent.thumbprint());

        // Unbound, the limit counts per device.
        Realms.configure(realm.getName(), "{\"escrow\":{\"deviceBinding\":\"none\",\"checkInsPerKeyPerHour\":2}}");
        String deviceId = Fleet.guid();
        List<Integer> unbound = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            unbound.add(Api.put(checkInUrl(deviceId), Fleet.checkInBody("UNBOUND-LIMITED", null, "NOT_ENCRYPTED", List.of()))
                    .bearer(Fleet.agentToken(realm.getName())).send().status());
        }
        assertThat(unbound).containsExactly(200, 200, 429, 429);
        assertThat(audit(deviceId, "CHECK_IN_LIMITED")).hasSize(1);

        for (String range : List.of("0", "100001", "\"60\"")) {
            Api.Reply invalid = Api.put(Api.adminConfig(realm.getName()), "{\"escrow\":{\"checkInsPerKeyPerHour\":" + range + "}}")
                    .bearer(Tokens.masterAdmin()).send();
            assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        }
    }

    @Test
    void devicesSharingANameAreFlaggedInTheEscrowStatus() {
        String name = "TWIN-" + System.nanoTime() % 100000;
        Fleet.Device first = Fleet.escrow(realm.getName(), name, TestRealm.OWNER);
        Fleet.Device single = Fleet.escrow(realm.getName(), "SINGLE-" + System.nanoTime() % 100000, TestRealm.OWNER);
        // Read once before the twin exists: the shared names are kept between requests, and must not outlive a change.
        assertThat(flaggedInEscrowStatus()).doesNotContain(first.deviceId());

        Fleet.Device second = Fleet.escrow(realm.getName(), name.toLowerCase(java.util.Locale.ROOT), TestRealm.OTHER);
        JsonNode attention = escrowStatus().path("attention");
        assertThat(flaggedInEscrowStatus()).contains(first.deviceId(), second.deviceId());
        assertThat(attention.findValuesAsText("deviceId")).doesNotContain(single.deviceId());

        // The twin renamed by its agent: neither shares a name any more.
        Api.Reply renamed = Fleet.checkIn(realm.getName(), second.deviceId(),
                Fleet.checkInBody(name + "-RENAMED", TestRealm.OTHER, "ENCRYPTED", second.keys()));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(flaggedInEscrowStatus()).doesNotContain(first.deviceId(), second.deviceId());
    }

    private JsonNode escrowStatus() {
        return Api.get(Api.bitlocker(realm.getName()) + "/escrow/status")
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send().json();
    }

    private List<String> flaggedInEscrowStatus() {
        List<String> flagged = new ArrayList<>();
        escrowStatus().path("attention").forEach(d -> {
            if (d.path("duplicateName").asBoolean(false)) {
                flagged.add(d.path("deviceId").asText());
            }
        });
        return flagged;
    }
}
