package io.keygate.bitlocker.it.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.ConfigTable;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * The configuration lives in the extension's own table: Keycloak's realm API neither shows it (to
 * {@code view-realm} admins, in exports) nor overwrites it, and every change reaches the admin-event pipeline.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class ConfigStorageTest {

    private static final String KEK = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
    private static final String TOKEN = "jira-api-token-storage-7";

    @InjectRealm(config = TestRealm.class, ref = "storage")
    ManagedRealm realm;

    /** Never configured through the API; a realm administrator writes a "configuration" into a realm attribute. */
    @InjectRealm(config = TestRealm.class, ref = "legacy")
    ManagedRealm legacy;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    private JsonNode currentConfig(String realmName) {
        Api.Reply reply = Api.get(Api.adminConfig(realmName)).bearer(Tokens.masterAdmin()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private String table(String realmId) {
        return server.fetch(ConfigTable.document(realmId), String.class);
    }

    private void configureWithSecrets() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + KEK + "\"},"
                + "\"ticketing\":{\"baseUrl\":\"https://acme.atlassian.net\",\"username\":\"bot@acme.test\","
                + "\"token\":\"" + TOKEN + "\"}}");
    }

    @Test
    void theRealmRepresentationAndItsExportCarryNoBitLockerConfigurationOrSecret() {
        configureWithSecrets();

        Api.Reply representation = Api.get(Api.BASE + "/admin/realms/" + realm.getName())
                .bearer(Tokens.masterAdmin()).send();
        Api.Reply export = Api.post(Api.BASE + "/admin/realms/" + realm.getName() + "/partial-export", "")
                .bearer(Tokens.masterAdmin()).send();

        assertThat(representation.status()).isEqualTo(200);
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        for (Api.Reply reply : List.of(representation, export)) {
            assertThat(reply.body()).doesNotContain("bitlocker.config").doesNotContain(KEK).doesNotContain(TOKEN);
        }
        assertThat(table(realm.getId())).contains(KEK).contains(TOKEN);
    }

    @Test
    void aRealmPutWithArbitraryAttributesChangesNothingOfTheConfiguration() {
        configureWithSecrets();
        JsonNode before = currentConfig(realm.getName());
        String storedBefore = table(realm.getId());

        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(rep.getAttributes() == null ? Map.of() : rep.getAttributes());
        attributes.put("bitlocker.config", "{\"enabled\":false,\"local\":{\"kek\":\"\"}}");
        attributes.put("something.else", "config-as-code was here");
        rep.setAttributes(attributes);
        realm.admin().update(rep);
        RealmRepresentation withoutAttributes = realm.admin().toRepresentation();
        withoutAttributes.setAttributes(Map.of());
        realm.admin().update(withoutAttributes);

        assertThat(currentConfig(realm.getName())).isEqualTo(before);
        assertThat(table(realm.getId())).isEqualTo(storedBefore);
        Api.Reply listing = Api.get(Api.bitlocker(realm.getName()) + "/keys")
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send();
        assertThat(listing.status()).as("the realm is still enabled: %s", listing).isEqualTo(200);
    }

    /**
     * A realm attribute can be written by any realm administrator through Keycloak's realm API, unvalidated and
     * unaudited: the extension never reads its configuration from there (SPEC §8), not even once to migrate it.
     */
    @Test
    void aBitLockerConfigRealmAttributeIsNeverRead() {
        RealmRepresentation rep = legacy.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(rep.getAttributes() == null ? Map.of() : rep.getAttributes());
        attributes.put("bitlocker.config", "{\"enabled\":true,\"stepUp\":{\"maxAgeSeconds\":123},\"selfService\":"
                + "{\"requireStepUp\":false},\"ticketing\":{\"baseUrl\":\"http://jira.attacker.example\",\"token\":\"legacy-t0ken\"}}");
        rep.setAttributes(attributes);
        legacy.admin().update(rep);

        JsonNode shown = currentConfig(legacy.getName());
        Api.Reply listing = Api.get(Api.bitlocker(legacy.getName()) + "/keys")
                .bearer(Tokens.password(legacy.getName(), TestRealm.HELPDESK)).send();

        assertThat(shown.path("enabled").asBoolean()).as("the documented default, not the attribute's").isFalse();
        assertThat(shown.path("stepUp").path("maxAgeSeconds").asInt()).isEqualTo(300);
        assertThat(shown.path("selfService").path("requireStepUp").asBoolean()).isTrue();
        assertThat(shown.toString()).doesNotContain("attacker").doesNotContain("legacy-t0ken");
        assertThat(table(legacy.getId())).as("nothing moved into the table").isEmpty();
        assertThat(listing.status()).as(listing.toString()).isEqualTo(404);
        assertThat(listing.code()).isEqualTo("not_enabled");
        assertThat(legacy.admin().toRepresentation().getAttributes()).as("left alone, neither read nor moved")
                .containsKey("bitlocker.config");
    }

    @Test
    void configurationAndKekChangesRaiseAdminEventsWithoutSecretValues() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setAdminEventsEnabled(true);
        rep.setAdminEventsDetailsEnabled(true);
        realm.admin().update(rep);
        configureWithSecrets();
        realm.admin().clearAdminEvents();

        Realms.configure(realm.getName(), "{\"stepUp\":{\"maxAgeSeconds\":240},\"ticketing\":{\"token\":\"t0ken-in-event\"}}");
        Api.Reply kek = Api.post(Api.BASE + "/admin/realms/" + realm.getName() + "/bitlocker/kek",
                "{\"kek\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"}").bearer(Tokens.masterAdmin()).send();
        assertThat(kek.status()).as(kek.toString()).isEqualTo(200);

        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        AdminEventRepresentation config = events.stream().filter(e -> "BITLOCKER_CONFIG".equals(e.getResourceType()))
                .findFirst().orElseThrow(() -> new AssertionError("no BITLOCKER_CONFIG admin event in " + events));
        assertThat(config.getOperationType()).isEqualTo("UPDATE");
        assertThat(config.getResourcePath()).contains("bitlocker/config");
        assertThat(config.getRepresentation()).contains("\"maxAgeSeconds\":240")
                .doesNotContain("t0ken-in-event").doesNotContain(TOKEN).doesNotContain(KEK);
        AdminEventRepresentation rotation = events.stream().filter(e -> "BITLOCKER_KEK".equals(e.getResourceType()))
                .findFirst().orElseThrow(() -> new AssertionError("no BITLOCKER_KEK admin event in " + events));
        assertThat(rotation.getOperationType()).isEqualTo("ACTION");
        assertThat(rotation.getRepresentation()).contains("kekId").doesNotContain("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    }
}
