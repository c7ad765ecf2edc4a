package io.keygate.bitlocker.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ServiceNowSimulatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("svc:pw".getBytes(StandardCharsets.UTF_8));

    ServiceNowSimulator serviceNow;

    @BeforeEach
    void start() throws Exception {
        serviceNow = ServiceNowSimulator.start(0, "svc", "pw").withOAuthClient("client", "secret");
        serviceNow.seed(ServiceNowIncident.inProgress("INC0010001", "Locked out").forConfigurationItem("PC-1"),
                ServiceNowIncident.inProgress("INC0010002", "Old").closed());
    }

    @AfterEach
    void stop() {
        serviceNow.stop();
    }

    @Test
    void rowsHaveTheDisplayValueAllShape() throws Exception {
        HttpResponse<String> response = ControlApi.get(serviceNow.baseUrl()
                + "/api/now/table/incident?number=INC0010001&sysparm_limit=1&sysparm_display_value=all", BASIC);

        JsonNode row = JSON.readTree(response.body()).path("result").get(0);
        assertThat(row.path("state").path("value").asText()).isEqualTo("2");
        assertThat(row.path("state").path("display_value").asText()).isEqualTo("In Progress");
        assertThat(row.path("active").path("value").asText()).isEqualTo("true");
        assertThat(row.path("cmdb_ci").path("display_value").asText()).isEqualTo("PC-1");
        assertThat(row.path("cmdb_ci").path("value").asText()).hasSize(32);
        assertThat(row.path("cmdb_ci").path("link").asText()).startsWith(serviceNow.baseUrl() + "/api/now/table/cmdb_ci/");
        assertThat(row.path("sys_id").path("value").asText()).isEqualTo(
                ServiceNowIncident.inProgress("INC0010001", "").sysId());
    }

    @Test
    void unknownNumbersGiveAnEmptyResultAndStrangersTheAuthError() throws Exception {
        HttpResponse<String> empty = ControlApi.get(serviceNow.baseUrl() + "/api/now/table/incident?number=INC0099999", BASIC);
        HttpResponse<String> stranger = ControlApi.get(serviceNow.baseUrl() + "/api/now/table/incident?number=INC0010001", null);

        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(empty.body()).path("result")).isEmpty();
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(stranger.body()).path("error").path("message").asText()).isEqualTo("User Not Authenticated");
        assertThat(JSON.readTree(stranger.body()).path("status").asText()).isEqualTo("failure");
    }

    @Test
    void likeServiceNowAnEncodedQueryIsIgnoredAndWidensTheAnswer() throws Exception {
        HttpResponse<String> response = ControlApi.get(serviceNow.baseUrl()
                + "/api/now/table/incident?sysparm_query=number%3DINC0010001%5EORactive%3Dfalse", BASIC);

        assertThat(JSON.readTree(response.body()).path("result")).hasSize(2);
    }

    @Test
    void oauthTokensOpenTheTableApi() throws Exception {
        HttpResponse<String> refused = ControlApi.send("POST", serviceNow.baseUrl() + "/oauth_token.do", null,
                "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=client&client_secret=nope");
        HttpResponse<String> granted = ControlApi.send("POST", serviceNow.baseUrl() + "/oauth_token.do", null,
                "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=client&client_secret=secret");
        String token = JSON.readTree(granted.body()).path("access_token").asText();

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(ControlApi.get(serviceNow.baseUrl() + "/api/now/table/incident?number=INC0010001", "Bearer " + token)
                .statusCode()).isEqualTo(200);
        serviceNow.revokeTokens();
        assertThat(ControlApi.get(serviceNow.baseUrl() + "/api/now/table/incident?number=INC0010001", "Bearer " + token)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void workNotesArriveThroughPatchAndTheControlApi() throws Exception {
        String sysId = ServiceNowIncident.inProgress("INC0010001", "").sysId();

        HttpResponse<String> patched = ControlApi.send("PATCH", serviceNow.baseUrl() + "/api/now/table/incident/" + sysId,
                BASIC, "application/json", "{\"work_notes\":\"Key released\"}");

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(serviceNow.workNotes()).singleElement().satisfies(note -> {
            assertThat(note.number()).isEqualTo("INC0010001");
            assertThat(note.text()).isEqualTo("Key released");
        });
        JsonNode notes = JSON.readTree(ControlApi.get(serviceNow.baseUrl() + "/__sim/comments", null).body());
        assertThat(notes.get(0).path("text").asText()).isEqualTo("Key released");
    }

    @Test
    void incidentsCanBeSeededOverHttp() throws Exception {
        HttpResponse<String> seeded = ControlApi.postJson(serviceNow.baseUrl() + "/__sim/tickets", null,
                "{\"number\":\"INC0020000\",\"shortDescription\":\"x\",\"state\":3,\"active\":true,\"configurationItem\":\"PC-9\"}");

        assertThat(seeded.statusCode()).isEqualTo(201);
        JsonNode row = JSON.readTree(ControlApi.get(serviceNow.baseUrl()
                + "/api/now/table/incident?number=INC0020000&sysparm_display_value=all", BASIC).body()).path("result").get(0);
        assertThat(row.path("state").path("display_value").asText()).isEqualTo("On Hold");
        assertThat(row.path("cmdb_ci").path("display_value").asText()).isEqualTo("PC-9");
    }
}
