package io.keygate.bitlocker.it.keys;

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
import io.keygate.bitlocker.it.support.server.AuditTampering;
import io.keygate.bitlocker.it.support.server.VaultRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/** Every denial of the release path that needs no ticketing system, each one audited with its code. */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class RevealDenialsTest {

    private static final String BASE_CONFIG = "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
            + "\"ticketing\":{\"breakGlass\":false},\"rotation\":{\"afterReveal\":false},"
            + "\"selfService\":{\"enabled\":true,\"requireStepUp\":true},\"limits\":{\"revealsPerUserPerHour\":20}}";

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    private Fleet.Device device;

    @BeforeEach
    void setUp() {
        Realms.configure(realm.getName(), BASE_CONFIG);
        device = Fleet.escrow(realm.getName(), "DENIAL-PC-" + System.nanoTime() % 100000, TestRealm.OWNER);
    }

    private Api.Reply reveal(String deviceId, String body, String token) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + deviceId + "/reveal", body).bearer(token).send();
    }

    private String stepUp(String user) {
        return BrowserLogin.cachedStepUpToken(realm, user);
    }

    /** The newest KEY_REVEAL_DENIED entry must carry the code of the denial. */
    private JsonNode lastDenial() {
        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=KEY_REVEAL_DENIED&max=1")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send();
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().path("items").get(0);
    }

    private void assertDenied(Api.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.body()).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
        JsonNode denial = lastDenial();
        assertThat(denial.path("code").asText()).isEqualTo(code);
        assertThat(denial.path("outcome").asText()).isEqualTo("DENIED");
    }

    @Test
    void withoutATokenNothingIsRevealed() {
        Api.Reply reply = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal", "{}").send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("authentication_required");
    }

    @Test
    void auditorsAgentsAndStrangersAreForbidden() {
        for (String user : List.of(TestRealm.AUDITOR, TestRealm.OTHER)) {
            assertDenied(reveal(device.deviceId(), "{}", Tokens.password(realm.getName(), user)), 403, "forbidden");
            assertThat(lastDenial().path("actor").path("username").asText()).isEqualTo(user);
        }
        assertDenied(reveal(device.deviceId(), "{}", Fleet.agentToken(realm.getName())), 403, "forbidden");
    }

    @Test
    void aRoleRemovedAfterTheTokenWasIssuedNoLongerCounts() {
        String token = stepUp(TestRealm.HELPDESK);
        var user = realm.admin().users().search(TestRealm.HELPDESK).get(0);
        var role = realm.admin().roles().get("bitlocker-helpdesk").toRepresentation();
        realm.admin().users().get(user.getId()).roles().realmLevel().remove(List.of(role));
        try {
            Api.Reply reply = reveal(device.deviceId(), "{\"ticket\":\"ITSM-1\"}", token);
            assertDenied(reply, 403, "forbidden");
        } finally {
            realm.admin().users().get(user.getId()).roles().realmLevel().add(List.of(role));
        }
    }

    @Test
    void aPasswordOnlyTokenGetsTheStepUpChallenge() {
        Api.Reply reply = reveal(device.deviceId(), "{}", Tokens.password(realm.getName(), TestRealm.OWNER));

        assertDenied(reply, 401, "insufficient_user_authentication");
        String challenge = reply.header("WWW-Authenticate");
        assertThat(challenge).startsWith("Bearer ").contains("error=\"insufficient_user_authentication\"")
                .contains("acr_values=\"2\"").contains("max_age=300").contains("error_description=\"");
    }

    @Test
    void malformedInputIsRefused() {
        String token = stepUp(TestRealm.ADMIN);
        assertDenied(reveal("not-a-guid", "{}", token), 400, "invalid_request");
        assertDenied(reveal(device.deviceId(), "{\"keyId\":\"123\"}", token), 400, "invalid_request");
        assertDenied(reveal(device.deviceId(), "{\"breakGlass\":true,\"reason\":\"too short\"}", token), 400, "invalid_request");
        Api.Reply unknownField = reveal(device.deviceId(), "{\"tiket\":\"ITSM-1\"}", token);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.code()).isEqualTo("invalid_request");
    }

    @Test
    void theBodyIsReadOnlyAfterRolesAndStepUpSoAMalformedOneFromAStrangerIsForbidden() {
        String garbage = "{\"keyId\":";
        assertDenied(reveal(device.deviceId(), garbage, Tokens.password(realm.getName(), TestRealm.OTHER)), 403, "forbidden");
        Api.Reply weak = reveal(device.deviceId(), garbage, Tokens.password(realm.getName(), TestRealm.HELPDESK));
        assertDenied(weak, 401, "insufficient_user_authentication");
        assertDenied(reveal(device.deviceId(), garbage, stepUp(TestRealm.HELPDESK)), 400, "invalid_request");
    }

    @Test
    void aMalformedTicketIsRefusedBeforeAnyLookup() {
        String token = stepUp(TestRealm.HELPDESK);
        for (String ticket : List.of("ITSM-1 OR 1=1", "itsm-1", "ITSM-1/../../rest", "\" or \"\"=\"", "INC0012345")) {
            Api.Reply reply = reveal(device.deviceId(), Api.JSON.createObjectNode().put("ticket", ticket).toString(), token);
            assertDenied(reply, 400, "invalid_ticket");
        }
    }

    @Test
    void anUnknownDeviceOrKeyIsNotFound() {
        String token = stepUp(TestRealm.ADMIN);
        assertDenied(reveal(Fleet.guid(), "{}", token), 404, "device_not_found");
        assertDenied(reveal(device.deviceId(), "{\"keyId\":\"" + Fleet.guid() + "\"}", token), 404, "key_not_found");
    }

    @Test
    void helpdeskWithoutATicketIsToldOneIsRequired() {
        assertDenied(reveal(device.deviceId(), "{}", stepUp(TestRealm.HELPDESK)), 403, "ticket_required");
        assertThat(lastDenial().path("source").asText()).isEqualTo("HELPDESK");
    }

    @Test
    void breakGlassIsRefusedWhenTheRealmDoesNotAllowIt() {
        String body = "{\"breakGlass\":true,\"reason\":\"Ticketing outage during quarter close, CFO laptop\"}";
        assertDenied(reveal(device.deviceId(), body, stepUp(TestRealm.ADMIN)), 403, "forbidden");
        assertDenied(reveal(device.deviceId(), body, stepUp(TestRealm.HELPDESK)), 403, "forbidden");
    }

    @Test
    void selfServiceCanBeSwitchedOff() {
        Realms.configure(realm.getName(), "{\"selfService\":{\"enabled\":false}}");
        assertDenied(reveal(device.deviceId(), "{}", stepUp(TestRealm.OWNER)), 403, "forbidden");
    }

    @Test
    void theHourlyLimitStopsAUser() {
        Realms.configure(realm.getName(), "{\"limits\":{\"revealsPerUserPerHour\":1}}");
        Fleet.Device mine = Fleet.escrow(realm.getName(), "RATE-PC", TestRealm.OTHER);
        String token = stepUp(TestRealm.OTHER);

        Api.Reply first = reveal(mine.deviceId(), "{}", token);
        Api.Reply second = reveal(mine.deviceId(), "{}", token);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertDenied(second, 429, "rate_limited");
        assertThat(second.header("Retry-After")).isNotBlank();
    }

    @Test
    void aKeySealedUnderAnotherKekCannotBeFetched() {
        server.run(VaultRows.nameKek(device.osKey().keyId(), "0123456789abcdef"));
        assertDenied(reveal(device.deviceId(), "{}", stepUp(TestRealm.OWNER)), 503, "key_source_unavailable");
    }

    @Test
    void whenTheAuditEntryCannotBeCommittedTheKeyIsWithheld() {
        String blocker = Fleet.guid();
        server.run(AuditTampering.blockNextAppend(realm.getId(), blocker));
        Api.Reply reply;
        try {
            reply = reveal(device.deviceId(), "{}", stepUp(TestRealm.OWNER));
        } finally {
            server.run(AuditTampering.removeEntry(blocker));
        }

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("audit_unavailable");
        assertThat(reply.body()).doesNotContain(device.osKey().recoveryPassword()).doesNotContain("recoveryPassword");
        Api.Reply revealed = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=KEY_REVEALED&deviceId="
                + device.deviceId()).bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send();
        assertThat(revealed.json().path("items")).isEmpty();
    }
}
