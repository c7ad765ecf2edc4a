package io.keygate.bitlocker.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.bitlocker.simulators.graph.GraphSimulator;
import io.keygate.bitlocker.simulators.graph.GraphTls;

/** The demo's sample tickets are what the demo's walkthrough (docs/demo.md) promises. */
class SimulatorMainTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jiraDemoTickets() throws Exception {
        try (JiraSimulator jira = new JiraSimulator(JiraSimulator.Mode.CLOUD_V3, SimulatorMain.JIRA_USER, SimulatorMain.JIRA_TOKEN)) {
            SimulatorMain.seedJira(jira);
            jira.start(0);
            String auth = "Basic " + Base64.getEncoder().encodeToString(
                    (SimulatorMain.JIRA_USER + ":" + SimulatorMain.JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));

            assertThat(fields(jira, "ITSM-101", auth).path("status").path("statusCategory").path("key").asText()).isNotEqualTo("done");
            assertThat(fields(jira, "ITSM-101", auth).path("summary").asText()).contains("DEMO-LAPTOP-01");
            assertThat(fields(jira, "ITSM-102", auth).path("status").path("statusCategory").path("key").asText()).isEqualTo("done");
            assertThat(fields(jira, "ITSM-103", auth).path("issuetype").path("name").asText()).isEqualTo("Task");
            assertThat(fields(jira, "ITSM-104", auth).path("summary").asText()).contains("DEMO-LAPTOP-02");
            assertThat(fields(jira, "ITSM-106", auth).path("summary").asText()).contains(SimulatorMain.AD_DEVICE);
            assertThat(fields(jira, "ITSM-107", auth).path("issuetype").path("name").asText()).isEqualTo("Major Incident");
        }
    }

    @Test
    void serviceNowDemoIncidents() throws Exception {
        try (ServiceNowSimulator serviceNow = new ServiceNowSimulator(SimulatorMain.SERVICENOW_USER, SimulatorMain.SERVICENOW_PASSWORD)) {
            SimulatorMain.seedServiceNow(serviceNow);
            serviceNow.start(0);
            String auth = "Basic " + Base64.getEncoder().encodeToString(
                    (SimulatorMain.SERVICENOW_USER + ":" + SimulatorMain.SERVICENOW_PASSWORD).getBytes(StandardCharsets.UTF_8));

            JsonNode open = row(serviceNow, "INC0010001", auth);
            JsonNode closed = row(serviceNow, "INC0010002", auth);
            assertThat(open.path("state").path("display_value").asText()).isEqualTo("In Progress");
            assertThat(open.path("cmdb_ci").path("display_value").asText()).isEqualTo("DEMO-LAPTOP-01");
            assertThat(closed.path("state").path("value").asText()).isEqualTo("7");
            assertThat(closed.path("active").path("value").asText()).isEqualTo("false");
            assertThat(row(serviceNow, "INC0010003", auth).path("cmdb_ci").path("display_value").asText()).isEqualTo("DEMO-LAPTOP-02");
        }
    }

    @Test
    void graphDemoAppAndFleet() throws Exception {
        try (GraphSimulator graph = new GraphSimulator()) {
            SimulatorMain.seedGraph(graph);
            graph.startHttps("127.0.0.1", 0);
            HttpClient https = HttpClient.newBuilder().sslContext(GraphTls.clientSslContext()).build();
            String form = "grant_type=client_credentials&client_id=" + SimulatorMain.GRAPH_CLIENT_ID + "&client_secret="
                    + SimulatorMain.GRAPH_CLIENT_SECRET + "&scope=" + URLEncoder.encode(graph.scope(), StandardCharsets.UTF_8);
            HttpResponse<String> token = https.send(HttpRequest.newBuilder(URI.create(graph.tokenEndpoint(SimulatorMain.GRAPH_TENANT_ID)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(token.statusCode()).isEqualTo(200);
            // The generated fleet (every 50th without a key, every 3rd with a data-drive key) and olivia's laptop.
            assertThat(graph.fleet().deviceCount()).isEqualTo(SimulatorMain.GRAPH_DEVICES + 1);
            assertThat(graph.fleet().keyCount()).isEqualTo(25 + 8 + 1);
            assertThat(graph.fleet().owner(graph.fleet().deviceNamed(SimulatorMain.GRAPH_OLIVIA_DEVICE).deviceId())
                    .userPrincipalName()).isEqualTo("olivia@demo.example.test");
        }
    }

    private static JsonNode fields(JiraSimulator jira, String key, String auth) throws Exception {
        HttpResponse<String> response = ControlApi.get(jira.baseUrl() + "/rest/api/3/issue/" + key, auth);
        return JSON.readTree(response.body()).path("fields");
    }

    private static JsonNode row(ServiceNowSimulator serviceNow, String number, String auth) throws Exception {
        HttpResponse<String> response = ControlApi.get(serviceNow.baseUrl() + "/api/now/table/incident?number=" + number
                + "&sysparm_display_value=all", auth);
        return JSON.readTree(response.body()).path("result").get(0);
    }
}
