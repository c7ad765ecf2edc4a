package io.keygate.bitlocker.it.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.ConfigTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class ConfigAdminTest {

    private static final String KEK = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

    /** A realm that does not predeclare the roles: enabling must create them. */
    @InjectRealm(ref = "bare")
    ManagedRealm bare;

    @InjectRealm(config = TestRealm.class, ref = "users")
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    /** Never configured by any test of this class. */
    @InjectRealm(ref = "untouched")
    ManagedRealm untouched;

    private JsonNode currentConfig(String realmName) {
        Api.Reply reply = Api.get(Api.adminConfig(realmName)).bearer(Tokens.masterAdmin()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void enablingCreatesTheRolesAndTheConsoleClientOnceOnly() {
        Realms.enable(bare.getName());
        Realms.enable(bare.getName());

        List<String> roles = bare.admin().roles().list().stream().map(RoleRepresentation::getName).toList();
        assertThat(roles).containsOnlyOnce("bitlocker-helpdesk", "bitlocker-admin", "bitlocker-auditor",
                "bitlocker-approver", "bitlocker-escrow-agent");
        List<ClientRepresentation> consoles = bare.admin().clients().findByClientId("bitlocker-console");
        assertThat(consoles).hasSize(1);
        assertThat(consoles.get(0).isPublicClient()).isTrue();
        assertThat(currentConfig(bare.getName()).path("enabled").asBoolean()).isTrue();
    }

    @Test
    void anUnconfiguredRealmShowsTheDocumentedDefaults() {
        JsonNode config = currentConfig(untouched.getName());

        assertThat(config.path("enabled").asBoolean()).isFalse();
        assertThat(config.path("keySource").asText()).isEqualTo("local");
        assertThat(config.path("stepUp").path("acr").asText()).isEqualTo("2");
        assertThat(config.path("stepUp").path("maxAgeSeconds").asInt()).isEqualTo(300);
        assertThat(config.path("ticketing").path("incidentTypes").get(0).asText()).isEqualTo("Incident");
        assertThat(config.path("limits").path("revealsPerUserPerHour").asInt()).isEqualTo(20);
        assertThat(config.path("limits").path("requestsPerUserPerHour").asInt()).isEqualTo(10);
        assertThat(config.path("access").path("clients")).hasSize(2);
        assertThat(config.path("access").path("clients").get(0).asText()).isEqualTo("bitlocker-console");
        assertThat(config.path("access").path("clients").get(1).asText()).isEqualTo("account-console");
        assertThat(config.path("entra").path("graphBaseUrl").asText()).isEqualTo("https://graph.microsoft.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"enabled\":true",                                  // malformed JSON
            "[]",                                                 // not an object
            "{\"enabled\":true,\"colour\":\"blue\"}",             // unknown top-level key
            "{\"ticketing\":{\"sytem\":\"jira\"}}",               // unknown nested key
            "{\"enabled\":\"yes\"}",                              // wrong type
            "{\"limits\":{\"revealsPerUserPerHour\":\"20\"}}",   // number as string
            "{\"stepUp\":{\"maxAgeSeconds\":1.5}}",               // fraction for an integer
            "{\"ticketing\":{\"incidentTypes\":\"Incident\"}}",   // string for a list
            "{\"keySource\":\"usb-stick\"}",                      // bad enum
            "{\"ticketing\":{\"system\":\"remedy\"}}",            // bad enum
            "{\"ticketing\":{\"maxDevicesPerTicket\":0}}",        // out of range
            "{\"local\":{\"kek\":\"c2hvcnQ=\"}}",                 // KEK not 256 bits
            "{\"ticketing\":{\"baseUrl\":\"ftp://jira\"}}",       // not an http(s) URL
            "{\"notifications\":{\"auditorEmails\":[\"nobody\"]}}",
            "{\"access\":{\"clients\":[]}}",                    // no client: once meant any client
            "{\"access\":{\"clients\":[\"*\",\"bitlocker-console\"]}}", // "*" beside names
            "{\"limits\":{\"requestsPerUserPerHour\":0}}",      // out of range
            "{\"limits\":{\"requestsPerUserPerHour\":1001}}",   // out of range
            "{\"stepUp\":null}"
    })
    void invalidDocumentsAreRefusedAndChangeNothing(String body) {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"limits\":{\"revealsPerUserPerHour\":7}}");
        JsonNode before = currentConfig(realm.getName());

        Api.Reply reply = Api.put(Api.adminConfig(realm.getName()), body).bearer(Tokens.masterAdmin()).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo("invalid_request");
        assertThat(reply.json().path("detail").asText()).isNotBlank();
        assertThat(currentConfig(realm.getName())).isEqualTo(before);
    }

    @Test
    void literalSecretsAreMaskedAndAMaskedValueKeepsTheStoredSecret() {
        Realms.configure(realm.getName(), "{\"local\":{\"kek\":\"" + KEK + "\"},"
                + "\"ticketing\":{\"token\":\"jira-api-token-123\",\"username\":\"svc@example.test\"},"
                + "\"entra\":{\"clientSecret\":\"${vault.entra-secret}\"}}");

        JsonNode shown = currentConfig(realm.getName());
        assertThat(shown.path("local").path("kek").asText()).isEqualTo("**********");
        assertThat(shown.path("ticketing").path("token").asText()).isEqualTo("**********");
        assertThat(shown.path("ticketing").path("username").asText()).isEqualTo("svc@example.test");
        assertThat(shown.path("entra").path("clientSecret").asText()).isEqualTo("${vault.entra-secret}");
        assertThat(shown.toString()).doesNotContain("jira-api-token-123").doesNotContain(KEK);

        // Sending back what GET showed keeps the secrets.
        Realms.configure(realm.getName(), shown.toString());
        String stored = server.fetch(ConfigTable.document(realm.getId()), String.class);
        assertThat(stored).contains("jira-api-token-123").contains(KEK);
    }

    @Test
    void aRealmAdministratorCannotSendTheStoredTicketingTokenToAnotherHost() {
        Realms.configure(realm.getName(), "{\"ticketing\":{\"system\":\"jira\",\"baseUrl\":\"https://acme.atlassian.net\","
                + "\"username\":\"svc@example.test\",\"token\":\"jira-api-token-stay-home\"}}");
        String token = Tokens.password(realm.getName(), "admin-cli", TestRealm.REALM_ADMIN, TestRealm.PASSWORD);
        JsonNode before = currentConfig(realm.getName());

        for (String move : List.of("{\"ticketing\":{\"baseUrl\":\"https://jira.attacker.example\"}}",
                "{\"ticketing\":{\"baseUrl\":\"https://jira.attacker.example\",\"token\":\"**********\"}}",
                "{\"ticketing\":{\"system\":\"servicenow\",\"baseUrl\":\"https://attacker.service-now.com\"}}",
                "{\"ticketing\":{\"username\":\"someone-else@example.test\"}}")) {
            Api.Reply reply = Api.put(Api.adminConfig(realm.getName()), move).bearer(token).send();
            assertThat(reply.status()).as(move).isEqualTo(400);
            assertThat(reply.json().path("detail").asText()).contains("ticketing.token");
        }
        Api.Reply plainHttp = Api.put(Api.adminConfig(realm.getName()),
                "{\"ticketing\":{\"baseUrl\":\"http://jira.internal.example\",\"token\":\"new\"}}").bearer(token).send();
        assertThat(plainHttp.status()).isEqualTo(400);
        assertThat(plainHttp.json().path("detail").asText()).contains("ticketing.baseUrl").contains("https");

        assertThat(currentConfig(realm.getName())).isEqualTo(before);
        assertThat(server.fetch(ConfigTable.document(realm.getId()), String.class))
                .contains("jira-api-token-stay-home").contains("https://acme.atlassian.net");
    }

    /**
     * A syslog host is a DNS name or an IP literal, nothing else, and the audit log crosses a network only over
     * TLS: plain syslog goes to a loopback address only (SPEC §8). Refusals change nothing.
     */
    @Test
    void syslogGoesToAHostNameOrAddressAndInTheClearOnlyToLoopback() {
        Realms.configure(realm.getName(), "{\"forwarding\":{\"syslog\":{\"enabled\":false,\"host\":\"siem.example.com\","
                + "\"port\":6514,\"tls\":true}}}");
        String token = Tokens.password(realm.getName(), "admin-cli", TestRealm.REALM_ADMIN, TestRealm.PASSWORD);
        JsonNode before = currentConfig(realm.getName());
        String storedBefore = server.fetch(ConfigTable.document(realm.getId()), String.class);

        for (String refused : List.of(
                "{\"forwarding\":{\"syslog\":{\"enabled\":true,\"host\":\"evil host/../\",\"tls\":true}}}",
                "{\"forwarding\":{\"syslog\":{\"enabled\":true,\"host\":\"siem.example.com:514\",\"tls\":true}}}",
                "{\"forwarding\":{\"syslog\":{\"enabled\":true,\"host\":\"siem.example.com\",\"port\":514,\"tls\":false}}}",
                "{\"forwarding\":{\"syslog\":{\"enabled\":true,\"host\":\"10.20.30.40\",\"port\":514,\"tls\":false}}}",
                "{\"forwarding\":{\"syslog\":{\"tls\":false}}}")) {
            Api.Reply reply = Api.put(Api.adminConfig(realm.getName()), refused).bearer(token).send();
            assertThat(reply.status()).as(refused).isEqualTo(400);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            assertThat(reply.code()).isEqualTo("invalid_request");
            assertThat(reply.json().path("detail").asText()).as(refused).containsPattern("forwarding\\.syslog\\.(host|tls)");
        }
        assertThat(currentConfig(realm.getName())).isEqualTo(before);
        assertThat(server.fetch(ConfigTable.document(realm.getId()), String.class)).isEqualTo(storedBefore);

        Api.Reply loopback = Api.put(Api.adminConfig(realm.getName()), "{\"forwarding\":{\"syslog\":{\"enabled\":false,"
                + "\"host\":\"127.0.0.1\",\"port\":1514,\"tls\":false}}}").bearer(token).send();
        assertThat(loopback.status()).as(loopback.toString()).isEqualTo(200);
        assertThat(loopback.json().path("forwarding").path("syslog").path("tls").asBoolean()).isFalse();
        Realms.configure(realm.getName(), "{\"forwarding\":{\"syslog\":{\"enabled\":false,\"host\":\"\",\"tls\":true}}}");
    }

    /** SPEC §8's document as documented (outside clients send it whole). */
    @Test
    void theDocumentedDocumentIsAcceptedWhole() {
        String documented = """
                {"enabled":true,"keySource":"local","local":{"kek":"${vault.bitlocker-kek}"},
                 "entra":{"tenantId":"","clientId":"","clientSecret":"","certificate":"",
                          "authorityHost":"https://login.microsoftonline.com/","graphBaseUrl":"https://graph.microsoft.com",
                          "ownerIdentityProvider":"","ownerAttribute":"email","syncIntervalMinutes":15},
                 "ticketing":{"system":"jira","baseUrl":"","apiVersion":"3","username":"","token":"",
                              "incidentTypes":["Incident"],"requireDeviceReference":true,"maxDevicesPerTicket":1,
                              "annotate":true,"breakGlass":false},
                 "stepUp":{"acr":"2","maxAgeSeconds":300},"selfService":{"enabled":true,"requireStepUp":true},
                 "rotation":{"afterReveal":true,"retainPreviousDays":7},
                 "notifications":{"notifyOwner":true,"auditorEmails":[],"approverEmails":[]},
                 "limits":{"revealsPerUserPerHour":20,"requestsPerUserPerHour":10},
                 "access":{"clients":["bitlocker-console","account-console"]},"escrow":{"deviceBinding":"dpop"},
                 "approval":{"requiredFor":[],"useWithinMinutes":60,"pendingHours":24},
                 "forwarding":{"syslog":{"enabled":false,"host":"","port":6514,"tls":true},
                               "webhook":{"enabled":false,"url":"","secret":""}}}""";

        Api.Reply reply = Api.put(Api.adminConfig(realm.getName()), documented).bearer(Tokens.masterAdmin()).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("approval").path("pendingHours").asInt()).isEqualTo(24);
        assertThat(reply.json().path("forwarding").path("syslog").path("port").asInt()).isEqualTo(6514);
    }

    @Test
    void theLimitOfReleaseRequestsTakesOneToOneThousand() {
        Realms.configure(realm.getName(), "{\"limits\":{\"requestsPerUserPerHour\":1}}");
        assertThat(currentConfig(realm.getName()).path("limits").path("requestsPerUserPerHour").asInt()).isEqualTo(1);
        Realms.configure(realm.getName(), "{\"limits\":{\"requestsPerUserPerHour\":1000}}");
        assertThat(currentConfig(realm.getName()).path("limits").path("requestsPerUserPerHour").asInt()).isEqualTo(1000);
    }

    @Test
    void aStoredEmptyClientListOfAnEarlierVersionBecomesTheDefaultListOnceAndAudited() {
        Realms.enable(realm.getName());
        assertThat(server.fetch(ConfigTable.storeEmptyClientList(realm.getId()), String.class))
                .contains("\"access\":{\"clients\":[]}");

        // The first use after the upgrade: any client's token was accepted under [], now only the default clients'.
        Api.Reply testClient = Api.get(Api.bitlocker(realm.getName()) + "/keys")
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send();
        assertThat(testClient.status()).as(testClient.toString()).isEqualTo(401);
        assertThat(testClient.code()).isEqualTo("authentication_required");
        assertThat(server.fetch(ConfigTable.document(realm.getId()), String.class))
                .contains("\"access\":{\"clients\":[\"bitlocker-console\",\"account-console\"]}");
        JsonNode shown = currentConfig(realm.getName());
        assertThat(shown.path("access").path("clients").toString()).isEqualTo("[\"bitlocker-console\",\"account-console\"]");

        Realms.enable(realm.getName());   // lists the test clients again, so the auditor can read the log
        JsonNode entries = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=CONFIG_CHANGED&max=500")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
        List<JsonNode> upgrades = new java.util.ArrayList<>();
        entries.forEach(e -> {
            if (e.path("reason").asText().contains("upgrade")) {
                upgrades.add(e);
            }
        });
        assertThat(upgrades).as(entries.toString()).hasSize(1);
        assertThat(upgrades.get(0).path("source").asText()).isEqualTo("SYSTEM");
        assertThat(upgrades.get(0).path("reason").asText()).contains("access.clients");
    }

    @Test
    void aRealmAdministratorOfThisRealmMayConfigureIt() {
        String token = Tokens.password(realm.getName(), "admin-cli", TestRealm.REALM_ADMIN, TestRealm.PASSWORD);

        Api.Reply put = Api.put(Api.adminConfig(realm.getName()), "{\"rotation\":{\"retainPreviousDays\":3}}")
                .bearer(token).send();

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().path("rotation").path("retainPreviousDays").asInt()).isEqualTo(3);
    }

    @Test
    void aViewerMayReadButNotChangeTheConfiguration() {
        String token = Tokens.password(realm.getName(), "admin-cli", TestRealm.REALM_VIEWER, TestRealm.PASSWORD);
        JsonNode before = currentConfig(realm.getName());

        Api.Reply get = Api.get(Api.adminConfig(realm.getName())).bearer(token).send();
        Api.Reply put = Api.put(Api.adminConfig(realm.getName()), "{\"enabled\":false}").bearer(token).send();

        assertThat(get.status()).isEqualTo(200);
        assertThat(put.status()).isEqualTo(403);
        assertThat(currentConfig(realm.getName())).isEqualTo(before);
    }

    @Test
    void aUserWithoutAdminRolesIsRefused() {
        String token = Tokens.password(realm.getName(), "admin-cli", TestRealm.NOBODY, TestRealm.PASSWORD);

        Api.Reply get = Api.get(Api.adminConfig(realm.getName())).bearer(token).send();
        Api.Reply put = Api.put(Api.adminConfig(realm.getName()), "{\"enabled\":true}").bearer(token).send();
        Api.Reply anonymous = Api.get(Api.adminConfig(realm.getName())).send();

        assertThat(get.status()).isEqualTo(403);
        assertThat(put.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
