package io.keygate.bitlocker.it.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
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

    @Test
    void whenTheRealmListsItsClientsATokenOfAnyOtherClientIsRefused() {
        String testClientToken = Tokens.password(realm.getName(), TestRealm.HELPDESK);
        try {
            Realms.configure(realm.getName(), "{\"access\":{\"clients\":[\"bitlocker-console\"]}}");
            Api.Reply refused = Api.get(Api.bitlocker(realm.getName()) + "/keys").bearer(testClientToken).send();
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("authentication_required");

            Realms.configure(realm.getName(), "{\"access\":{\"clients\":[\"bitlocker-console\",\"" + TestRealm.CLIENT + "\"]}}");
            assertThat(Api.get(Api.bitlocker(realm.getName()) + "/keys").bearer(testClientToken).send().status())
                    .isEqualTo(200);
        } finally {
            Realms.configure(realm.getName(), "{\"access\":{\"clients\":[]}}");
        }
        assertThat(Api.get(Api.bitlocker(realm.getName()) + "/keys").bearer(testClientToken).send().status()).isEqualTo(200);
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
