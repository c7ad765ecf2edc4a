package io.keygate.bitlocker.ticketing.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.keygate.bitlocker.simulators.JiraComment;
import io.keygate.bitlocker.simulators.JiraSimulator;
import io.keygate.bitlocker.ticketing.SimulatedSystem;
import io.keygate.bitlocker.ticketing.TicketAnnotation;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

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

    @Test
    void wikiMarkupInADeviceNameIsEscapedSoItShowsAsText() throws TicketingUnavailableException {
        TicketAnnotation hostile = new TicketAnnotation("[Click here|https://phish.example]{html}<b>x</b>{html}",
                SimulatedSystem.DEVICE_ID, "2b7e1516-28ae-4d2a-abf7-15880928f0a1", "*helpdesk*",
                Instant.parse("2026-11-25T10:15:30Z"), SimulatedSystem.AUDIT_ID);

        provider.annotate(settings, "OPS-1", hostile);

        String body = jira.comments().get(0).request().path("body").asText();
        assertThat(body).contains("Device: \\[Click here\\|https://phish.example\\]\\{html\\}<b>x</b>\\{html\\}")
                .contains("Released by: \\*helpdesk\\*").doesNotContain("Device: [");
        assertThat(body).contains("Audit entry: " + SimulatedSystem.AUDIT_ID);
    }

    @Override
    void assertCommentBodyShape(JiraComment comment) {
        assertThat(comment.request().path("body").isTextual()).isTrue();
        assertThat(comment.request().path("body").asText()).isEqualTo(SimulatedSystem.annotation().text());
    }
}
