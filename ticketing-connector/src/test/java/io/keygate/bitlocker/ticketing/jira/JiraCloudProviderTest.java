package io.keygate.bitlocker.ticketing.jira;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.bitlocker.simulators.JiraComment;
import io.keygate.bitlocker.simulators.JiraSimulator;
import io.keygate.bitlocker.ticketing.SimulatedSystem;

/** Jira Cloud, REST v3: Basic e-mail + API token, descriptions and comments in ADF. */
class JiraCloudProviderTest extends JiraProviderContract {

    @Override
    JiraSimulator.Mode mode() {
        return JiraSimulator.Mode.CLOUD_V3;
    }

    @Override
    String expectedAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (SimulatedSystem.JIRA_USER + ":" + SimulatedSystem.JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    void assertCommentBodyShape(JiraComment comment) {
        JsonNode body = comment.request().path("body");
        assertThat(body.path("type").asText()).isEqualTo("doc");
        assertThat(body.path("version").asInt()).isEqualTo(1);
        String[] lines = SimulatedSystem.annotation().text().split("\n");
        assertThat(body.path("content")).hasSize(lines.length);
        for (int i = 0; i < lines.length; i++) {
            JsonNode paragraph = body.path("content").get(i);
            assertThat(paragraph.path("type").asText()).isEqualTo("paragraph");
            assertThat(paragraph.path("content").get(0).path("type").asText()).isEqualTo("text");
            assertThat(paragraph.path("content").get(0).path("text").asText()).isEqualTo(lines[i]);
        }
    }
}
