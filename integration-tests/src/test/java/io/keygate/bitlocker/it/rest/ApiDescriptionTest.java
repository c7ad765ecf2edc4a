package io.keygate.bitlocker.it.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.ApiDescription;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.TestRealm;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * SPEC §10: {@code GET …/bitlocker/openapi.yaml} without a token describes every endpoint of the contract in OpenAPI
 * 3.1, with the problem codes each can answer — read here with swagger-parser, as an integration tool would.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class ApiDescriptionTest {

    /** Never enabled: the description is served all the same. */
    @InjectRealm(config = TestRealm.class, ref = "description")
    ManagedRealm realm;

    private static final String BASE = "/realms/{realm}/devices/security/bitlocker";
    private static final String ADMIN = "/admin/realms/{realm}/bitlocker";

    /** Every endpoint SPEC.md names, with its methods. */
    private static final Map<String, Set<String>> SPEC = Map.ofEntries(
            Map.entry(BASE + "/keys", Set.of("GET")),
            Map.entry(BASE + "/keys/{deviceId}", Set.of("GET")),
            Map.entry(BASE + "/keys/{deviceId}/rotate", Set.of("POST")),
            Map.entry(BASE + "/keys/{deviceId}/reveal", Set.of("POST")),
            Map.entry(BASE + "/keys/{deviceId}/requests", Set.of("POST")),
            Map.entry(BASE + "/keys/audit", Set.of("GET")),
            Map.entry(BASE + "/keys/audit/verify", Set.of("GET")),
            Map.entry(BASE + "/keys/audit/checkpoint", Set.of("GET")),
            Map.entry(BASE + "/me/devices", Set.of("GET")),
            Map.entry(BASE + "/escrow/devices/{deviceId}", Set.of("PUT")),
            Map.entry(BASE + "/escrow/devices/{deviceId}/binding", Set.of("PUT", "DELETE")),
            Map.entry(BASE + "/escrow/status", Set.of("GET")),
            Map.entry(BASE + "/requests", Set.of("GET")),
            Map.entry(BASE + "/requests/{requestId}", Set.of("GET", "DELETE")),
            Map.entry(BASE + "/requests/{requestId}/approve", Set.of("POST")),
            Map.entry(BASE + "/requests/{requestId}/reject", Set.of("POST")),
            Map.entry(BASE + "/campaigns", Set.of("GET", "POST")),
            Map.entry(BASE + "/campaigns/{campaignId}", Set.of("GET", "DELETE")),
            Map.entry(BASE + "/campaigns/{campaignId}/approve", Set.of("POST")),
            Map.entry(BASE + "/campaigns/{campaignId}/reject", Set.of("POST")),
            Map.entry(BASE + "/campaigns/{campaignId}/devices", Set.of("GET")),
            Map.entry(BASE + "/openapi.yaml", Set.of("GET")),
            Map.entry(ADMIN + "/config", Set.of("GET", "PUT")),
            Map.entry(ADMIN + "/kek", Set.of("POST")),
            Map.entry(ADMIN + "/sync", Set.of("POST")));

    /** SPEC §7. */
    private static final List<String> CODES = List.of("authentication_required", "insufficient_user_authentication",
            "forbidden", "invalid_request", "invalid_ticket", "device_not_found", "key_not_found", "ticket_required",
            "ticket_not_found", "ticket_wrong_type", "ticket_not_open", "ticket_device_mismatch", "ticket_reuse_limit",
            "rate_limited", "escrow_not_local", "ticketing_unavailable", "key_source_unavailable", "audit_unavailable",
            "not_enabled", "device_binding_mismatch", "approval_required", "approval_pending", "request_not_found",
            "request_closed", "self_approval", "key_package_not_found", "campaign_not_found", "campaign_closed",
            "device_not_in_campaign", "rotation_not_supported", "keys_unreadable");

    private Api.Reply fetch() {
        return Api.get(Api.bitlocker(realm.getName()) + "/openapi.yaml").send();
    }

    @Test
    void isServedWithoutATokenEvenWhereTheExtensionIsNotEnabled() {
        Api.Reply reply = fetch();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/yaml");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(reply.body()).isEqualTo(ApiDescription.readResource());
        assertThat(Api.get(Api.bitlocker(realm.getName()) + "/keys").send().code())
                .as("the API itself is not enabled in this realm").isEqualTo("not_enabled");
    }

    @Test
    void anUnchangedDescriptionIsRevalidatedWithoutBeingSentAgain() {
        String tag = fetch().header("ETag");
        assertThat(tag).isNotBlank();

        Api.Reply again = Api.get(Api.bitlocker(realm.getName()) + "/openapi.yaml").header("If-None-Match", tag).send();

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void parsesAsOpenApi31AndDescribesEveryEndpointOfTheSpec() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(fetch().body(), null, options);

        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        for (Map.Entry<String, Set<String>> endpoint : SPEC.entrySet()) {
            PathItem item = api.getPaths().get(endpoint.getKey());
            assertThat(item).as(endpoint.getKey()).isNotNull();
            Set<String> methods = new TreeSet<>();
            item.readOperationsMap().keySet().forEach(m -> methods.add(m.name()));
            assertThat(methods).as(endpoint.getKey()).containsAll(endpoint.getValue());
        }
        assertThat(api.getPaths().keySet()).as("nothing beyond the contract").hasSameSizeAs(SPEC.keySet());
    }

    @Test
    void declaresEveryProblemCodeOfTheSpecWithItsStatus() {
        String yaml = fetch().body();
        for (String code : CODES) {
            assertThat(yaml).as(code).contains("problem." + code + ":");
            assertThat(yaml).as(code + " answered by some operation").contains("/problem." + code + "'");
        }
    }
}
