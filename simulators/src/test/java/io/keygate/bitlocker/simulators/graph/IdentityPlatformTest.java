package io.keygate.bitlocker.simulators.graph;

import static io.keygate.bitlocker.simulators.graph.GraphClient.CLIENT;
import static io.keygate.bitlocker.simulators.graph.GraphClient.SECRET;
import static io.keygate.bitlocker.simulators.graph.GraphClient.TENANT;
import static io.keygate.bitlocker.simulators.graph.GraphClient.json;
import static io.keygate.bitlocker.simulators.graph.GraphClient.secretForm;
import static io.keygate.bitlocker.simulators.graph.GraphClient.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.bitlocker.simulators.Fault;
import io.keygate.bitlocker.simulators.graph.TokenRequest.AuthMethod;

class IdentityPlatformTest {

    static final String CERT_CLIENT = "c2e5a7d0-0000-4000-8000-0000000000b2";

    GraphSimulator graph;
    ClientCertificate certificate = GraphTls.clientCertificate();

    @BeforeEach
    void start() throws Exception {
        graph = GraphSimulator.startHttps(0);
        graph.registerApp(TENANT, CLIENT, SECRET, null, GraphPermissions.ALL);
        graph.registerApp(TENANT, CERT_CLIENT, null, certificate.certificate(), Set.of(GraphPermissions.BITLOCKER_KEY_READ_ALL));
    }

    @AfterEach
    void stop() {
        graph.stop();
    }

    @Test
    void issuesATokenForTheClientSecret() throws Exception {
        assertThat(graph.baseUrl()).startsWith("https://127.0.0.1:");
        HttpResponse<String> response = tokenRequest(graph, TENANT, secretForm(CLIENT, SECRET, graph.scope()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode token = json(response);
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.path("expires_in").asInt()).isEqualTo(3599);
        assertThat(token.path("ext_expires_in").asInt()).isEqualTo(3599);
        assertThat(token.path("access_token").asText()).isNotBlank();
        assertThat(graph.tokenRequests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo(AuthMethod.CLIENT_SECRET);
            assertThat(request.granted()).isTrue();
            assertThat(request.clientId()).isEqualTo(CLIENT);
        });
        assertThat(graph.tokensIssued()).isEqualTo(1);
    }

    @Test
    void acceptsMsalsExtraOidcScopes() throws Exception {
        HttpResponse<String> response = tokenRequest(graph, TENANT,
                secretForm(CLIENT, SECRET, "openid " + graph.scope() + " profile offline_access"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void issuesATokenForASignedClientAssertionRs256AndPs256() throws Exception {
        for (String alg : new String[] {"RS256", "PS256"}) {
            Map<String, String> form = assertionForm(GraphClient.assertion(alg, graph.tokenEndpoint(TENANT), CERT_CLIENT,
                    certificate.privateKey(), certificate.certificate()));

            HttpResponse<String> response = tokenRequest(graph, TENANT, form);

            assertThat(response.statusCode()).as(alg + ": " + response.body()).isEqualTo(200);
        }
        assertThat(graph.tokenRequests()).extracting(TokenRequest::method)
                .containsExactly(AuthMethod.CLIENT_ASSERTION, AuthMethod.CLIENT_ASSERTION);
    }

    @Test
    void refusesABadAssertion() throws Exception {
        String wrongAudience = GraphClient.assertion("RS256", "https://login.microsoftonline.com/" + TENANT + "/oauth2/v2.0/token",
                CERT_CLIENT, certificate.privateKey(), certificate.certificate());
        String jwt = GraphClient.assertion("RS256", graph.tokenEndpoint(TENANT), CERT_CLIENT, certificate.privateKey(),
                certificate.certificate());
        String tampered = jwt.substring(0, jwt.length() - 4) + (jwt.endsWith("AAAA") ? "BBBB" : "AAAA");

        for (String assertion : new String[] {wrongAudience, tampered}) {
            HttpResponse<String> response = tokenRequest(graph, TENANT, assertionForm(assertion));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).path("error").asText()).isEqualTo("invalid_client");
            assertThat(json(response).path("error_codes").get(0).asInt()).isEqualTo(700027);
        }
    }

    @Test
    void refusesAWrongSecretUnknownClientTenantAndScopeLikeTheIdentityPlatform() throws Exception {
        HttpResponse<String> wrongSecret = tokenRequest(graph, TENANT, secretForm(CLIENT, "nope", graph.scope()));
        HttpResponse<String> wrongScope = tokenRequest(graph, TENANT, secretForm(CLIENT, SECRET,
                "https://graph.microsoft.com/.default"));
        HttpResponse<String> unknownClient = tokenRequest(graph, TENANT, secretForm("0000", SECRET, graph.scope()));
        HttpResponse<String> unknownTenant = tokenRequest(graph, "other-tenant", secretForm(CLIENT, SECRET, graph.scope()));

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        JsonNode error = json(wrongSecret);
        assertThat(error.path("error").asText()).isEqualTo("invalid_client");
        assertThat(error.path("error_description").asText()).startsWith("AADSTS7000215: Invalid client secret provided.");
        assertThat(error.path("error_codes").get(0).asInt()).isEqualTo(7000215);
        assertThat(error.path("trace_id").asText()).hasSize(36);
        assertThat(error.path("correlation_id").asText()).hasSize(36);
        assertThat(error.path("timestamp").asText()).isNotBlank();
        assertThat(wrongScope.statusCode()).isEqualTo(400);
        assertThat(json(wrongScope).path("error").asText()).isEqualTo("invalid_scope");
        assertThat(json(wrongScope).path("error_codes").get(0).asInt()).isEqualTo(70011);
        assertThat(unknownClient.statusCode()).isEqualTo(400);
        assertThat(json(unknownClient).path("error").asText()).isEqualTo("unauthorized_client");
        assertThat(json(unknownClient).path("error_codes").get(0).asInt()).isEqualTo(700016);
        assertThat(unknownTenant.statusCode()).isEqualTo(400);
        assertThat(json(unknownTenant).path("error_codes").get(0).asInt()).isEqualTo(90002);
        assertThat(graph.tokenRequestCount()).isEqualTo(4);
        assertThat(graph.tokensIssued()).isZero();
    }

    @Test
    void servesInstanceDiscoveryAndOpenIdConfiguration() throws Exception {
        JsonNode discovery = json(GraphClient.get(graph.baseUrl() + "/common/discovery/instance?api-version=1.1"
                + "&authorization_endpoint=" + graph.authority(TENANT) + "/oauth2/v2.0/authorize", null));
        JsonNode configuration = json(GraphClient.get(graph.authority(TENANT) + "/v2.0/.well-known/openid-configuration", null));

        String hostPort = graph.baseUrl().substring("https://".length());
        assertThat(discovery.path("tenant_discovery_endpoint").asText())
                .isEqualTo(graph.authority(TENANT) + "/v2.0/.well-known/openid-configuration");
        assertThat(discovery.path("metadata").get(0).path("aliases").get(0).asText()).isEqualTo(hostPort);
        assertThat(configuration.path("token_endpoint").asText()).isEqualTo(graph.tokenEndpoint(TENANT));
        assertThat(configuration.path("issuer").asText()).isEqualTo(graph.authority(TENANT) + "/v2.0");
    }

    @Test
    void faultsLeaveTheTokenEndpointAloneUnlessAsked() throws Exception {
        graph.injectFault(Fault.status(503));
        assertThat(tokenRequest(graph, TENANT, secretForm(CLIENT, SECRET, graph.scope())).statusCode()).isEqualTo(200);

        graph.clearFaults();
        graph.faultTarget(GraphSimulator.FaultTarget.IDENTITY_PLATFORM);
        graph.injectFault(Fault.status(503));
        HttpResponse<String> failed = tokenRequest(graph, TENANT, secretForm(CLIENT, SECRET, graph.scope()));
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(json(failed).path("error").asText()).isEqualTo("temporarily_unavailable");
    }

    @Test
    void tlsMaterialIsUsable(@TempDir Path dir) throws Exception {
        Path pem = GraphTls.writeServerCertificatePem(dir.resolve("sub/graph-simulator.pem"));

        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(GraphTls.serverCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(certificate.pem()).startsWith("-----BEGIN PRIVATE KEY-----").contains("-----BEGIN CERTIFICATE-----");
    }

    private Map<String, String> assertionForm(String assertion) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", CERT_CLIENT);
        form.put("client_assertion_type", IdentityPlatform.JWT_BEARER);
        form.put("client_assertion", assertion);
        form.put("scope", graph.scope());
        return form;
    }
}
