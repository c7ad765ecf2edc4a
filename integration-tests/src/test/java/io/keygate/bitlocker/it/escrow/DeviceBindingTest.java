package io.keygate.bitlocker.it.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
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
                + "\"escrow\":{\"deviceBinding\":\"dpop\"}}");
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
}
