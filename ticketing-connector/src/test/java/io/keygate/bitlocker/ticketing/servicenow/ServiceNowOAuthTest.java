package io.keygate.bitlocker.ticketing.servicenow;

import static io.keygate.bitlocker.ticketing.SimulatedSystem.SERVICENOW_CLIENT;
import static io.keygate.bitlocker.ticketing.SimulatedSystem.SERVICENOW_PASSWORD;
import static io.keygate.bitlocker.ticketing.SimulatedSystem.SERVICENOW_SECRET;
import static io.keygate.bitlocker.ticketing.SimulatedSystem.SERVICENOW_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keygate.bitlocker.simulators.RecordedRequest;
import io.keygate.bitlocker.simulators.ServiceNowIncident;
import io.keygate.bitlocker.simulators.ServiceNowSimulator;
import io.keygate.bitlocker.ticketing.SimulatedSystem;
import io.keygate.bitlocker.ticketing.TicketingSettings;
import io.keygate.bitlocker.ticketing.TicketingSettings.AuthType;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;

/** ServiceNow with an OAuth application (client-credentials grant) instead of a user's password. */
class ServiceNowOAuthTest {

    ServiceNowSimulator serviceNow;
    CloseableHttpClient client;
    ClientCredentialsTokens tokens;
    TicketingSettings settings;

    @BeforeEach
    void startServiceNow() throws IOException {
        serviceNow = ServiceNowSimulator.start(0, SERVICENOW_USER, SERVICENOW_PASSWORD)
                .withOAuthClient(SERVICENOW_CLIENT, SERVICENOW_SECRET);
        serviceNow.seed(ServiceNowIncident.inProgress("INC0000001", "Recovery screen")
                .forConfigurationItem(SimulatedSystem.DEVICE_NAME));
        client = HttpClients.createDefault();
        tokens = new ClientCredentialsTokens();
        settings = new TicketingSettings(serviceNow.baseUrl(), "", AuthType.OAUTH_CLIENT_CREDENTIALS, SERVICENOW_CLIENT,
                SERVICENOW_SECRET, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServiceNow() throws IOException {
        SimulatedSystem.assertNoRecoveryPasswordSent(serviceNow);
        serviceNow.stop();
        client.close();
    }

    @Test
    void oneTokenServesEveryCallOfEverySession() throws TicketingUnavailableException {
        new ServiceNowProvider(client, tokens).fetch(settings, "INC0000001");
        new ServiceNowProvider(client, tokens).annotate(settings, "INC0000001", SimulatedSystem.annotation());

        assertThat(serviceNow.tokensIssued()).isEqualTo(1);
        List<RecordedRequest> sent = serviceNow.requests();
        assertThat(sent).extracting(RecordedRequest::method, RecordedRequest::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/oauth_token.do"),
                org.assertj.core.groups.Tuple.tuple("GET", "/api/now/table/incident"),
                org.assertj.core.groups.Tuple.tuple("GET", "/api/now/table/incident"),
                org.assertj.core.groups.Tuple.tuple("PATCH", "/api/now/table/incident/"
                        + ServiceNowIncident.inProgress("INC0000001", "").sysId()));
        assertThat(RecordedRequest.formParameters(sent.get(0).body()))
                .containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", SERVICENOW_CLIENT);
        assertThat(sent.subList(1, 4)).allSatisfy(request ->
                assertThat(request.header("Authorization")).startsWith("Bearer ").doesNotContain(SERVICENOW_SECRET));
        assertThat(serviceNow.workNotes()).hasSize(1);
    }

    @Test
    void aRevokedTokenIsReplacedOnce() throws TicketingUnavailableException {
        ServiceNowProvider provider = new ServiceNowProvider(client, tokens);
        provider.fetch(settings, "INC0000001");
        serviceNow.revokeTokens();

        assertThat(provider.fetch(settings, "INC0000001")).isPresent();
        assertThat(serviceNow.tokensIssued()).isEqualTo(2);
    }

    @Test
    void aTokenNearItsExpiryIsNotReused() throws TicketingUnavailableException {
        serviceNow.tokenLifetime(Duration.ofSeconds(30)); // inside the renewal margin
        ServiceNowProvider provider = new ServiceNowProvider(client, tokens);

        provider.fetch(settings, "INC0000001");
        provider.fetch(settings, "INC0000001");

        assertThat(serviceNow.tokensIssued()).isEqualTo(2);
    }

    @Test
    void aChangedSecretNeverReusesTheOldToken() throws TicketingUnavailableException {
        ServiceNowProvider provider = new ServiceNowProvider(client, tokens);
        provider.fetch(settings, "INC0000001");

        TicketingSettings rotated = settings.withCredentials(SERVICENOW_CLIENT, "rotated-secret");
        assertThatThrownBy(() -> provider.fetch(rotated, "INC0000001"))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("401")
                .hasMessageNotContaining("rotated-secret");
    }

    @Test
    void aRefusedClientIsUnavailableAndTheMessageHidesTheSecret() {
        TicketingSettings wrong = settings.withCredentials(SERVICENOW_CLIENT, "not-the-secret");

        assertThatThrownBy(() -> new ServiceNowProvider(client, tokens).fetch(wrong, "INC0000001"))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("401")
                .hasMessageContaining("OAuth")
                .hasMessageNotContaining("not-the-secret");
        assertThat(serviceNow.requests()).extracting(RecordedRequest::path).containsExactly("/oauth_token.do");
    }

    @Test
    void authTypeIsReadFromTheConfigurationSpelling() {
        assertThat(AuthType.fromConfig(null)).isEqualTo(AuthType.BASIC);
        assertThat(AuthType.fromConfig("basic")).isEqualTo(AuthType.BASIC);
        assertThat(AuthType.fromConfig("OAuth")).isEqualTo(AuthType.OAUTH_CLIENT_CREDENTIALS);
        assertThatThrownBy(() -> AuthType.fromConfig("kerberos")).isInstanceOf(IllegalArgumentException.class);
    }
}
