package io.keygate.bitlocker.it.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class RealmApiAuthenticationTest {

    @InjectRealm(config = TestRealm.class, ref = "enabled")
    ManagedRealm realm;

    @InjectRealm(config = TestRealm.class, ref = "other")
    ManagedRealm otherRealm;

    @BeforeEach
    void enable() {
        Realms.enable(realm.getName());
    }

    @Test
    void listingKeysWithoutATokenIsRefusedAsProblemJson() {
        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys").send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo("authentication_required");
        assertThat(reply.json().path("status").asInt()).isEqualTo(401);
        assertThat(reply.json().path("type").asText()).isNotBlank();
        assertThat(reply.json().path("title").asText()).isNotBlank();
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private Api.Reply keys(String token) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys").bearer(token).send();
    }

    private Api.Reply myDevices(String token) {
        return Api.get(Api.bitlocker(realm.getName()) + "/me/devices").bearer(token).send();
    }

    /**
     * A token of the realm's own admin-cli client, which no test lists: a client like any other of a realm. Its
     * direct grant asks users with OTP for a code, so it signs in a user without one (no BitLocker role either).
     */
    private String adminCliToken() {
        return Tokens.password(realm.getName(), "admin-cli", TestRealm.NOBODY, TestRealm.PASSWORD);
    }

    @Test
    void aTokenOfAClientNotInAccessClientsIsRefusedWhateverTheUsersRoles() {
        String testClientToken = Tokens.password(realm.getName(), TestRealm.HELPDESK);
        try {
            Realms.configure(realm.getName(), "{\"access\":{\"clients\":[\"bitlocker-console\"]}}");
            Api.Reply refused = keys(testClientToken);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.code()).isEqualTo("authentication_required");

            Realms.configure(realm.getName(), "{\"access\":{\"clients\":[\"bitlocker-console\",\"" + TestRealm.CLIENT + "\"]}}");
            assertThat(keys(testClientToken).status()).isEqualTo(200);
        } finally {
            Realms.enable(realm.getName());
        }
    }

    @Test
    void byDefaultOnlyTheConsoleAndTheAccountConsoleAreAccepted() {
        Realms.enable(realm.getName());
        assertThat(myDevices(adminCliToken()).status()).as("admin-cli is not a test client").isEqualTo(401);
        try {
            Realms.configure(realm.getName(), "{\"access\":{\"clients\":[\"bitlocker-console\",\"account-console\"]}}");

            Api.Reply refused = keys(Tokens.password(realm.getName(), TestRealm.HELPDESK));

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("authentication_required");
        } finally {
            Realms.enable(realm.getName());
        }
    }

    @Test
    void aStarAloneAcceptsAnyClientOfTheRealm() {
        try {
            Realms.configure(realm.getName(), "{\"access\":{\"clients\":[\"*\"]}}");

            Api.Reply reply = myDevices(adminCliToken());

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        } finally {
            Realms.enable(realm.getName());
        }
    }

    @Test
    void anEmptyListOrAStarBesideClientIdsIsRefusedAndChangesNothing() {
        String admin = Tokens.masterAdmin();
        String before = Api.get(Api.adminConfig(realm.getName())).bearer(admin).send().body();

        for (String clients : java.util.List.of("[]", "[\"*\",\"bitlocker-console\"]", "[\"bitlocker-console\",\"*\"]")) {
            Api.Reply reply = Api.put(Api.adminConfig(realm.getName()), "{\"access\":{\"clients\":" + clients + "}}")
                    .bearer(admin).send();
            assertThat(reply.status()).as(clients + ": " + reply).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("invalid_request");
            assertThat(reply.json().path("detail").asText()).contains("access.clients");
        }

        assertThat(Api.get(Api.adminConfig(realm.getName())).bearer(admin).send().body()).isEqualTo(before);
        assertThat(myDevices(adminCliToken()).status()).isEqualTo(401);
    }

    @Test
    void anAgentChecksInThroughAnUnlistedClientWhoseServiceAccountHoldsTheAgentRoleAndReachesNothingElse() {
        try {
            Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                    + "\"access\":{\"clients\":[\"bitlocker-console\",\"" + TestRealm.CLIENT + "\"]}}");

            // The check-in: a DPoP-bound token of the agent client, which access.clients does not name.
            Fleet.Device device = Fleet.escrow(realm.getName(), "UNLISTED-AGENT-PC", null);

            // People's endpoints, the escrow ones included, follow the list even for the agent's service account.
            String agent = Fleet.agentToken(realm.getName());
            for (Api.Call call : java.util.List.of(
                    Api.get(Api.bitlocker(realm.getName()) + "/escrow/status"),
                    Api.delete(Api.bitlocker(realm.getName()) + "/escrow/devices/" + device.deviceId() + "/binding"),
                    Api.put(Api.bitlocker(realm.getName()) + "/escrow/devices/" + device.deviceId() + "/binding",
                            "{\"jkt\":\"" + Fleet.agent(realm.getName(), device.deviceId()).thumbprint() + "\"}"),
                    Api.get(Api.bitlocker(realm.getName()) + "/me/devices"),
                    Api.get(Api.bitlocker(realm.getName()) + "/keys"))) {
                Api.Reply reply = call.bearer(agent).send();
                assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
                assertThat(reply.code()).isEqualTo("authentication_required");
            }

            // A person's token of an unlisted client does not become acceptable at the check-in's address.
            Api.Reply person = Api.put(Api.bitlocker(realm.getName()) + "/escrow/devices/" + Fleet.guid(),
                    Fleet.checkInBody("PERSON-PC", null, "NOT_ENCRYPTED", java.util.List.of()))
                    .bearer(adminCliToken()).send();
            assertThat(person.status()).as(person.toString()).isEqualTo(401);
            assertThat(person.code()).isEqualTo("authentication_required");
        } finally {
            Realms.enable(realm.getName());
        }
    }

    @Test
    void aMalformedTokenIsRefused() {
        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys").bearer("not.a.jwt").send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("authentication_required");
    }

    @Test
    void aTokenIssuedByAnotherRealmIsRefused() {
        Realms.enable(otherRealm.getName());
        String foreignToken = Tokens.password(otherRealm.getName(), TestRealm.HELPDESK);

        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys").bearer(foreignToken).send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("authentication_required");
    }

    @Test
    void helpdeskWithATokenOfThisRealmGetsAPage() {
        String token = Tokens.password(realm.getName(), TestRealm.HELPDESK);

        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys").bearer(token).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().has("items")).isTrue();
        assertThat(reply.json().has("next")).isTrue();
    }

    @Test
    void aUserWithoutABitLockerRoleIsForbidden() {
        String token = Tokens.password(realm.getName(), TestRealm.OTHER);

        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys").bearer(token).send();

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("forbidden");
    }

    @Test
    void aRealmWithoutTheExtensionEnabledAnswersNotEnabled() {
        Realms.configure(otherRealm.getName(), "{\"enabled\":false}");

        Api.Reply anonymous = Api.get(Api.bitlocker(otherRealm.getName()) + "/keys").send();
        Api.Reply withToken = Api.get(Api.bitlocker(otherRealm.getName()) + "/keys")
                .bearer(Tokens.password(otherRealm.getName(), TestRealm.HELPDESK)).send();

        assertThat(anonymous.status()).isEqualTo(404);
        assertThat(anonymous.code()).isEqualTo("not_enabled");
        assertThat(withToken.status()).isEqualTo(404);
        assertThat(withToken.code()).isEqualTo("not_enabled");
    }
}
