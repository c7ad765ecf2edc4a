package io.keygate.bitlocker.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JiraSimulatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("bot@example.test:tok".getBytes(StandardCharsets.UTF_8));

    JiraSimulator jira;

    @AfterEach
    void stop() {
        jira.stop();
    }

    @Test
    void cloudServesIssuesInJirasShapeWithAdfDescriptions() throws Exception {
        jira = JiraSimulator.start(JiraSimulator.Mode.CLOUD_V3, 0, "bot@example.test", "tok");
        jira.seed(JiraIssue.incident("ITSM-1", "Locked out").describedAs("first\nsecond\n\nnext").labelled("DEV-1"));

        HttpResponse<String> response = ControlApi.get(jira.baseUrl() + "/rest/api/3/issue/ITSM-1?fields=summary,description,labels,status,issuetype", BASIC);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode issue = JSON.readTree(response.body());
        assertThat(issue.path("key").asText()).isEqualTo("ITSM-1");
        assertThat(issue.path("self").asText()).startsWith(jira.baseUrl() + "/rest/api/3/issue/");
        JsonNode fields = issue.path("fields");
        assertThat(fields.path("description").path("type").asText()).isEqualTo("doc");
        assertThat(fields.path("description").path("content")).hasSize(2);
        assertThat(fields.path("description").path("content").get(0).path("content").get(1).path("type").asText())
                .isEqualTo("hardBreak");
        assertThat(fields.path("labels").get(0).asText()).isEqualTo("DEV-1");
        assertThat(fields.path("status").path("statusCategory").path("key").asText()).isEqualTo("indeterminate");
        assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Incident");
    }

    @Test
    void answersLikeJiraToStrangersAndMissingIssues() throws Exception {
        jira = JiraSimulator.start(JiraSimulator.Mode.DATA_CENTER_V2, 0, "ignored", "pat");

        HttpResponse<String> stranger = ControlApi.get(jira.baseUrl() + "/rest/api/2/issue/ITSM-1", BASIC);
        HttpResponse<String> missing = ControlApi.get(jira.baseUrl() + "/rest/api/2/issue/ITSM-1", "Bearer pat");

        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(stranger.body()).path("errorMessages").isArray()).isTrue();
        assertThat(JSON.readTree(stranger.body()).path("errors").isObject()).isTrue();
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("errorMessages").get(0).asText())
                .isEqualTo("Issue does not exist or you do not have permission to see it.");
    }

    @Test
    void cloudRefusesACommentThatIsNotAdf() throws Exception {
        jira = JiraSimulator.start(JiraSimulator.Mode.CLOUD_V3, 0, "bot@example.test", "tok");
        jira.seed(JiraIssue.incident("ITSM-1", "Locked out"));

        HttpResponse<String> plain = ControlApi.postJson(jira.baseUrl() + "/rest/api/3/issue/ITSM-1/comment", BASIC,
                "{\"body\":\"plain text\"}");
        HttpResponse<String> adf = ControlApi.postJson(jira.baseUrl() + "/rest/api/3/issue/ITSM-1/comment", BASIC,
                "{\"body\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"hello\"}]}]},"
                        + "\"properties\":[{\"key\":\"sd.public.comment\",\"value\":{\"internal\":true}}]}");

        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(adf.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(adf.body()).path("jsdPublic").asBoolean(true)).isFalse();
        assertThat(jira.comments()).singleElement().satisfies(comment -> {
            assertThat(comment.text()).isEqualTo("hello");
            assertThat(comment.internal()).isTrue();
        });
    }

    @Test
    void theControlApiSeedsInjectsFaultsAndShowsTraffic() throws Exception {
        jira = JiraSimulator.start(JiraSimulator.Mode.DATA_CENTER_V2, 0, "ignored", "pat");
        String control = jira.baseUrl() + "/__sim/";

        assertThat(ControlApi.postJson(control + "tickets", null,
                "{\"key\":\"OPS-7\",\"summary\":\"Recovery for PC-1\",\"status\":\"Done\",\"statusCategory\":\"done\"}")
                .statusCode()).isEqualTo(201);
        assertThat(ControlApi.postJson(control + "faults", null,
                "{\"status\":429,\"headers\":{\"Retry-After\":\"3\"},\"times\":1}").statusCode()).isEqualTo(204);

        HttpResponse<String> limited = ControlApi.get(jira.baseUrl() + "/rest/api/2/issue/OPS-7", "Bearer pat");
        HttpResponse<String> served = ControlApi.get(jira.baseUrl() + "/rest/api/2/issue/OPS-7", "Bearer pat");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(served.body()).path("fields").path("description").isNull()).isTrue();

        JsonNode requests = JSON.readTree(ControlApi.get(control + "requests", null).body());
        assertThat(requests).hasSize(2); // control calls are not traffic
        assertThat(requests.get(0).path("path").asText()).isEqualTo("/rest/api/2/issue/OPS-7");
        assertThat(requests.get(0).path("headers").path("authorization").get(0).asText()).isEqualTo("Bearer pat");

        assertThat(ControlApi.send("DELETE", control + "requests", null, null, null).statusCode()).isEqualTo(204);
        assertThat(jira.requests()).isEmpty();
        assertThat(ControlApi.get(control + "comments", null).body()).isEqualTo("[]");
    }

    @Test
    void aDelayFaultHoldsTheAnswer() throws IOException, InterruptedException {
        jira = JiraSimulator.start(JiraSimulator.Mode.DATA_CENTER_V2, 0, "ignored", "pat");
        jira.injectFault(Fault.delay(java.time.Duration.ofMillis(400)));

        long started = System.nanoTime();
        ControlApi.get(jira.baseUrl() + "/rest/api/2/issue/OPS-1", "Bearer pat");

        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(390);
    }
}
