package io.keygate.bitlocker.it.stepup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * SPEC §4 through Keycloak's own level-of-authentication browser flow: password is level 1, OTP
 * level 2. Logins post the real login forms with a real TOTP code.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class StepUpTest {

    private static final Pattern AUTH_PARAM = Pattern.compile("([a-z_]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]+))");

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    private Fleet.Device device;

    @BeforeEach
    void setUp() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"stepUp\":{\"acr\":\"2\",\"maxAgeSeconds\":300},\"rotation\":{\"afterReveal\":false},"
                + "\"selfService\":{\"enabled\":true,\"requireStepUp\":true},\"limits\":{\"revealsPerUserPerHour\":1000}}");
        device = Fleet.escrow(realm.getName(), "STEPUP-PC-" + System.nanoTime() % 100000, TestRealm.OWNER);
    }

    private Api.Reply reveal(String token) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal", "{}").bearer(token).send();
    }

    /** The RFC 9470 challenge as auth-params; fails the test unless it is well-formed. */
    static Map<String, String> challenge(Api.Reply reply) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("insufficient_user_authentication");
        String header = reply.header("WWW-Authenticate");
        assertThat(header).startsWith("Bearer ");
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = AUTH_PARAM.matcher(header.substring("Bearer ".length()));
        int consumed = 0;
        while (m.find()) {
            params.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
            consumed++;
        }
        assertThat(consumed).isEqualTo(4);
        assertThat(params).containsKeys("error", "error_description", "acr_values", "max_age");
        assertThat(params.get("error")).isEqualTo("insufficient_user_authentication");
        return params;
    }

    @Test
    void aPasswordLoginIsChallengedAndTheOtpLoginItAsksForIsAccepted() {
        String weak = new BrowserLogin(realm.getName()).passwordToken(TestRealm.OWNER);
        assertThat(Tokens.claims(weak).path("acr").asText()).isEqualTo("1");

        Map<String, String> challenge = challenge(reveal(weak));
        assertThat(challenge.get("acr_values")).isEqualTo("2");
        assertThat(challenge.get("max_age")).isEqualTo("300");
        assertThat(challenge.get("error_description")).isNotBlank();

        // The client re-authenticates with what the challenge asked for, answering the OTP form.
        String strong = new BrowserLogin(realm.getName()).login(TestRealm.OWNER, challenge.get("acr_values"),
                Integer.valueOf(challenge.get("max_age")), true);
        JsonNode claims = Tokens.claims(strong);
        assertThat(claims.path("acr").asText()).isEqualTo("2");
        assertThat(claims.path("auth_time").asLong()).isPositive();

        Api.Reply retry = reveal(strong);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json().path("recoveryPassword").asText()).isEqualTo(device.osKey().recoveryPassword());
    }

    @Test
    void aLevelTwoLoginOlderThanTheMaximumAgeIsChallenged() throws InterruptedException {
        String strong = BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER);
        Realms.configure(realm.getName(), "{\"stepUp\":{\"maxAgeSeconds\":1}}");
        Thread.sleep(2100);

        Map<String, String> challenge = challenge(reveal(strong));

        assertThat(challenge.get("max_age")).isEqualTo("1");
    }

    @Test
    void aTokenWithoutAuthTimeIsInsufficientEvenAtTheRightLevel() {
        Realms.configure(realm.getName(), "{\"stepUp\":{\"acr\":\"1\"}}");
        String directGrant = Tokens.password(realm.getName(), TestRealm.OWNER);
        JsonNode claims = Tokens.claims(directGrant);
        assertThat(claims.path("acr").asText()).isEqualTo("1");
        assertThat(claims.has("auth_time")).isFalse();

        challenge(reveal(directGrant));
    }

    @Test
    void aTokenFromAClientWhoseScopesDropAcrIsInsufficient() {
        String noAcr = new BrowserLogin(realm.getName(), TestRealm.CLIENT_WITHOUT_ACR).login(TestRealm.OWNER, "2", null, true);
        assertThat(Tokens.claims(noAcr).has("acr")).isFalse();

        challenge(reveal(noAcr));
    }

    @Test
    void acrNamesAreComparedThroughTheRealmsLevelMapAndAnUnknownNameIsInsufficient() {
        realm.admin().update(withAttribute(realm.admin().toRepresentation(), "acr.loa.map", "{\"silver\":1,\"gold\":2}"));
        Realms.configure(realm.getName(), "{\"stepUp\":{\"acr\":\"gold\"}}");
        try {
            String gold = new BrowserLogin(realm.getName()).login(TestRealm.OWNER, "gold", null, true);
            assertThat(Tokens.claims(gold).path("acr").asText()).isEqualTo("gold");
            assertThat(reveal(gold).status()).isEqualTo(200);

            // The realm renames its levels: a token naming a level the map no longer knows is insufficient.
            realm.admin().update(withAttribute(realm.admin().toRepresentation(), "acr.loa.map",
                    "{\"bronze\":1,\"platinum\":2}"));
            Realms.configure(realm.getName(), "{\"stepUp\":{\"acr\":\"platinum\"}}");
            Map<String, String> challenge = challenge(reveal(gold));
            assertThat(challenge.get("acr_values")).isEqualTo("platinum");
        } finally {
            realm.admin().update(withAttribute(realm.admin().toRepresentation(), "acr.loa.map", "{}"));
        }
    }

    @Test
    void theLevelMapOfTheClientThatGotTheTokenDecidesBeforeTheRealms() {
        var client = realm.admin().clients().findByClientId(TestRealm.CLIENT).get(0);
        if (client.getAttributes() == null) {
            client.setAttributes(new LinkedHashMap<>());
        }
        client.getAttributes().put("acr.loa.map", "{\"silver\":1,\"gold\":2}");
        realm.admin().clients().get(client.getId()).update(client);
        Realms.configure(realm.getName(), "{\"stepUp\":{\"acr\":\"2\"}}");
        try {
            String gold = new BrowserLogin(realm.getName()).login(TestRealm.OWNER, "gold", null, true);
            assertThat(Tokens.claims(gold).path("acr").asText()).isEqualTo("gold");

            Api.Reply reply = reveal(gold);

            assertThat(reply.status()).as("'gold' is level 2 in the client's map: %s", reply).isEqualTo(200);
        } finally {
            // A client update keeps attributes it is not sent: the map is emptied, not left out.
            client.getAttributes().put("acr.loa.map", "{}");
            realm.admin().clients().get(client.getId()).update(client);
        }
    }

    @Test
    void aClientAcceptedOnlyThroughAStarCannotLowerTheLevelWithItsOwnMap() {
        // Whoever administers this client says its acr "1" (a password) is level 2.
        var client = realm.admin().clients().findByClientId(TestRealm.CLIENT).get(0);
        if (client.getAttributes() == null) {
            client.setAttributes(new LinkedHashMap<>());
        }
        client.getAttributes().put("acr.loa.map", "{\"1\":2}");
        realm.admin().clients().get(client.getId()).update(client);
        try {
            Realms.configure(realm.getName(), "{\"access\":{\"clients\":[\"*\"]}}");
            // A browser login that asks for no level: password only, acr "1", with auth_time.
            String password = new BrowserLogin(realm.getName()).login(TestRealm.OWNER, null, null, false);
            JsonNode claims = Tokens.claims(password);
            assertThat(claims.path("acr").asText()).isEqualTo("1");
            assertThat(claims.path("auth_time").asLong()).isPositive();

            Map<String, String> challenge = challenge(reveal(password));

            assertThat(challenge.get("acr_values")).isEqualTo("2");

            // Named in access.clients, the client is trusted with its own map (SPEC §2): the same token passes.
            Realms.configure(realm.getName(), "{\"access\":{\"clients\":[\"" + TestRealm.CLIENT + "\"]}}");
            Api.Reply named = reveal(password);
            assertThat(named.status()).as(named.toString()).isEqualTo(200);
        } finally {
            client.getAttributes().put("acr.loa.map", "{}");
            realm.admin().clients().get(client.getId()).update(client);
            Realms.enable(realm.getName());
        }
    }

    @Test
    void selfServiceWithoutStepUpAcceptsAPasswordLogin() {
        Realms.configure(realm.getName(), "{\"selfService\":{\"requireStepUp\":false}}");
        String weak = Tokens.password(realm.getName(), TestRealm.OWNER);

        Api.Reply reply = reveal(weak);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void listingNeedsNoStepUp() {
        Api.Reply list = Api.get(Api.bitlocker(realm.getName()) + "/keys")
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send();
        assertThat(list.status()).isEqualTo(200);
    }

    @Test
    void rotationNeedsStepUpToo() {
        Api.Reply reply = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/rotate", "{}")
                .bearer(Tokens.password(realm.getName(), TestRealm.ADMIN)).send();
        challenge(reply);
    }

    private static org.keycloak.representations.idm.RealmRepresentation withAttribute(
            org.keycloak.representations.idm.RealmRepresentation rep, String key, String value) {
        Map<String, String> attributes = new LinkedHashMap<>(rep.getAttributes() == null ? Map.of() : rep.getAttributes());
        attributes.put(key, value);
        rep.setAttributes(attributes);
        return rep;
    }
}
