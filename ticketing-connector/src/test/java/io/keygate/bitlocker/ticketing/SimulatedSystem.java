package io.keygate.bitlocker.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.JiraSimulator;
import io.keygate.bitlocker.simulators.RecordedRequest;
import io.keygate.bitlocker.simulators.ServiceNowIncident;
import io.keygate.bitlocker.simulators.ServiceNowSimulator;
import io.keygate.bitlocker.simulators.Simulator;
import io.keygate.bitlocker.ticketing.TicketingSettings.AuthType;
import io.keygate.bitlocker.ticketing.jira.JiraProvider;
import io.keygate.bitlocker.ticketing.servicenow.ServiceNowProvider;

/**
 * One ticketing system under test: its simulator on a free port with an open incident naming
 * {@link #DEVICE_NAME}, the real provider on a real HTTP client, and settings pointing at it.
 */
public final class SimulatedSystem implements AutoCloseable {

    public static final String DEVICE_NAME = "HD-LAPTOP-7";
    public static final String DEVICE_ID = "6f1c2a9e-4b7d-4c1e-9a3b-2d5e8f0a1b2c";
    public static final String JIRA_USER = "svc-keygate@example.test";
    public static final String JIRA_TOKEN = "jira-token-must-never-leak";
    public static final String SERVICENOW_USER = "keygate.integration";
    public static final String SERVICENOW_PASSWORD = "servicenow-password-must-never-leak";
    public static final String SERVICENOW_CLIENT = "keygate-client";
    public static final String SERVICENOW_SECRET = "servicenow-secret-must-never-leak";

    private final String name;
    private final Simulator simulator;
    private final TicketingProvider provider;
    private final CloseableHttpClient client;
    private final TicketingSettings settings;
    private final String openTicket;

    private SimulatedSystem(String name, Simulator simulator, TicketingProvider provider, CloseableHttpClient client,
            TicketingSettings settings, String openTicket) {
        this.name = name;
        this.simulator = simulator;
        this.provider = provider;
        this.client = client;
        this.settings = settings;
        this.openTicket = openTicket;
    }

    public static SimulatedSystem jira(JiraSimulator.Mode mode) {
        JiraSimulator simulator = started(new JiraSimulator(mode, JIRA_USER, JIRA_TOKEN));
        simulator.seed(JiraIssue.incident("OPS-1", "Recovery screen on " + DEVICE_NAME));
        CloseableHttpClient client = HttpClients.createDefault();
        TicketingSettings settings = new TicketingSettings(simulator.baseUrl(), mode.apiVersion(), AuthType.BASIC,
                JIRA_USER, JIRA_TOKEN, Duration.ofSeconds(5), Duration.ofSeconds(5));
        return new SimulatedSystem("jira-" + mode, simulator, new JiraProvider(client), client, settings, "OPS-1");
    }

    public static SimulatedSystem serviceNow(AuthType authType) {
        ServiceNowSimulator simulator = new ServiceNowSimulator(SERVICENOW_USER, SERVICENOW_PASSWORD)
                .withOAuthClient(SERVICENOW_CLIENT, SERVICENOW_SECRET);
        started(simulator);
        simulator.seed(ServiceNowIncident.inProgress("INC0000001", "Recovery screen").forConfigurationItem(DEVICE_NAME));
        CloseableHttpClient client = HttpClients.createDefault();
        boolean oauth = authType == AuthType.OAUTH_CLIENT_CREDENTIALS;
        TicketingSettings settings = new TicketingSettings(simulator.baseUrl(), "", authType,
                oauth ? SERVICENOW_CLIENT : SERVICENOW_USER, oauth ? SERVICENOW_SECRET : SERVICENOW_PASSWORD,
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        return new SimulatedSystem("servicenow-" + authType, simulator, new ServiceNowProvider(client), client,
                settings, "INC0000001");
    }

    private static <S extends Simulator> S started(S simulator) {
        try {
            simulator.start(0);
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Simulator simulator() {
        return simulator;
    }

    public TicketingProvider provider() {
        return provider;
    }

    public TicketingSettings settings() {
        return settings;
    }

    /** A seeded, open incident that names {@link #DEVICE_NAME}. */
    public String openTicket() {
        return openTicket;
    }

    /** The configured secret, which no message may show. */
    public String secret() {
        return settings.token();
    }

    public static final String AUDIT_ID = "5f0c9a3e-8b1d-4e27-9c4a-2d6e8f1b3a70";

    public static TicketAnnotation annotation() {
        return new TicketAnnotation(DEVICE_NAME, DEVICE_ID, "2b7e1516-28ae-4d2a-abf7-15880928f0a1", "helpdesk.anna",
                Instant.parse("2026-11-25T10:15:30Z"), AUDIT_ID);
    }

    /** SPEC §5: no recovery password in anything sent to a ticketing system. */
    public static void assertNoRecoveryPasswordSent(Simulator simulator) {
        assertThat(simulator.requests()).noneMatch(RecordedRequest::containsRecoveryPassword);
    }

    @Override
    public void close() throws IOException {
        assertNoRecoveryPasswordSent(simulator);
        simulator.stop();
        client.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
