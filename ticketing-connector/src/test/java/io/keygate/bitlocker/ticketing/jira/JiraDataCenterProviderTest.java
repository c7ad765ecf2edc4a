package io.keygate.bitlocker.ticketing.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.keygate.bitlocker.simulators.JiraComment;
import io.keygate.bitlocker.simulators.JiraSimulator;
import io.keygate.bitlocker.ticketing.SimulatedSystem;

/** Jira Data Center, REST v2: personal access token as Bearer, plain-text descriptions and comments. */
class JiraDataCenterProviderTest extends JiraProviderContract {

    @Override
    JiraSimulator.Mode mode() {
        return JiraSimulator.Mode.DATA_CENTER_V2;
    }

    @Override
    String expectedAuthorization() {
        return "Bearer " + SimulatedSystem.JIRA_TOKEN;
    }

    @Override
    void assertCommentBodyShape(JiraComment comment) {
        assertThat(comment.request().path("body").isTextual()).isTrue();
        assertThat(comment.request().path("body").asText()).isEqualTo(SimulatedSystem.annotation().text());
    }
}
