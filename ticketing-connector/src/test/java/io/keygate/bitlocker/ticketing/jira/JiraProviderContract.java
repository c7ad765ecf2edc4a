package io.keygate.bitlocker.ticketing.jira;

import static io.keygate.bitlocker.ticketing.SimulatedSystem.DEVICE_ID;
import static io.keygate.bitlocker.ticketing.SimulatedSystem.DEVICE_NAME;
import static io.keygate.bitlocker.ticketing.SimulatedSystem.JIRA_TOKEN;
import static io.keygate.bitlocker.ticketing.SimulatedSystem.JIRA_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.keygate.bitlocker.simulators.JiraComment;
import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.JiraSimulator;
import io.keygate.bitlocker.simulators.RecordedRequest;
import io.keygate.bitlocker.ticketing.SimulatedSystem;
import io.keygate.bitlocker.ticketing.Ticket;
import io.keygate.bitlocker.ticketing.TicketPolicy;
import io.keygate.bitlocker.ticketing.TicketVerdict;
import io.keygate.bitlocker.ticketing.TicketingSettings;
import io.keygate.bitlocker.ticketing.TicketingSettings.AuthType;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;

/** What both Jira APIs must do, run against the simulator of each; subclasses check the wire shapes that differ. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JiraProviderContract {

    static final TicketPolicy POLICY = new TicketPolicy(List.of("Incident"), true);

    JiraSimulator jira;
    CloseableHttpClient client;
    JiraProvider provider;
    TicketingSettings settings;

    abstract JiraSimulator.Mode mode();

    @BeforeAll
    void startJira() throws IOException {
        jira = JiraSimulator.start(mode(), 0, JIRA_USER, JIRA_TOKEN);
        jira.seed(
                JiraIssue.incident("OPS-1", "Recovery screen on " + DEVICE_NAME),
                JiraIssue.incident("OPS-2", "User locked out of laptop")
                        .describedAs("Reported by phone.\n\nAffected device:\n" + DEVICE_NAME + "\nfirmware update"),
                JiraIssue.incident("OPS-3", "Locked out").labelled("bitlocker", DEVICE_NAME),
                JiraIssue.incident("OPS-4", "Locked out").describedAs("Device " + DEVICE_ID.toUpperCase(Locale.ROOT)),
                JiraIssue.incident("OPS-5", "Encrypt " + DEVICE_NAME).ofType("Task"),
                JiraIssue.incident("OPS-6", "Recovery screen on " + DEVICE_NAME).done(),
                JiraIssue.incident("OPS-7", "Recovery screen on " + DEVICE_NAME + "0")
                        .describedAs("Also see " + DEVICE_NAME + "-OLD and X" + DEVICE_NAME).labelled("bitlocker"),
                JiraIssue.incident("OPS-8", "Recovery screen on " + DEVICE_NAME).inStatus("Waiting for support", "new"),
                JiraIssue.incident("OPS-9", "Nothing about any device"));
        client = HttpClients.createDefault();
        provider = new JiraProvider(client);
        settings = new TicketingSettings(jira.baseUrl(), mode().apiVersion(), AuthType.BASIC, JIRA_USER, JIRA_TOKEN,
                Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @AfterEach
    void nothingSecretSent() {
        SimulatedSystem.assertNoRecoveryPasswordSent(jira);
        jira.reset();
    }

    @AfterAll
    void stopJira() throws IOException {
        jira.stop();
        client.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "OPS-1,  ACCEPTED,               device named in the summary",
            "OPS-2,  ACCEPTED,               device named in the description, on a line of its own",
            "OPS-3,  ACCEPTED,               device named in a label",
            "OPS-4,  ACCEPTED,               device GUID in upper case in the description",
            "OPS-8,  ACCEPTED,               open in the 'new' status category",
            "OPS-5,  TICKET_WRONG_TYPE,      a Task, not an Incident",
            "OPS-6,  TICKET_NOT_OPEN,        status category done",
            "OPS-7,  TICKET_DEVICE_MISMATCH, device name only inside longer names",
            "OPS-9,  TICKET_DEVICE_MISMATCH, no device at all",
            "OPS-404, TICKET_NOT_FOUND,      no such issue"})
    void verdictOfEachTicket(String key, TicketVerdict expected, String why) throws TicketingUnavailableException {
        assertThat(POLICY.evaluate(provider.fetch(settings, key), DEVICE_ID, DEVICE_NAME)).as(why).isEqualTo(expected);
    }

    @Test
    void ticketCarriesWhatTheAuditRecordShows() throws TicketingUnavailableException {
        Ticket ticket = provider.fetch(settings, "OPS-6").orElseThrow();

        assertThat(ticket.system()).isEqualTo("jira");
        assertThat(ticket.key()).isEqualTo("OPS-6");
        assertThat(ticket.url()).isEqualTo(jira.baseUrl() + "/browse/OPS-6");
        assertThat(ticket.status()).isEqualTo("Done");
        assertThat(ticket.type()).isEqualTo("Incident");
        assertThat(ticket.open()).isFalse();
        assertThat(ticket.id()).matches("[0-9]+");
    }

    @Test
    void aMovedIssueIsAnsweredUnderItsNewKeyWithTheIdItAlwaysHad() throws TicketingUnavailableException {
        jira.seed(JiraIssue.incident("MOVE-1", "Recovery screen on " + DEVICE_NAME));
        String id = provider.fetch(settings, "MOVE-1").orElseThrow().id();

        jira.move("MOVE-1", "SUPP-77");
        Ticket byOldKey = provider.fetch(settings, "MOVE-1").orElseThrow();
        Ticket byNewKey = provider.fetch(settings, "SUPP-77").orElseThrow();

        assertThat(byOldKey.key()).isEqualTo("SUPP-77");
        assertThat(byOldKey.url()).isEqualTo(jira.baseUrl() + "/browse/SUPP-77");
        assertThat(byOldKey.id()).isEqualTo(id);
        assertThat(byNewKey.id()).isEqualTo(id);
    }

    @Test
    void readsOneIssueByKeyWithTheFieldsItJudges() throws TicketingUnavailableException {
        provider.fetch(settings, "OPS-1");

        RecordedRequest sent = onlyRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/rest/api/" + mode().apiVersion() + "/issue/OPS-1");
        assertThat(sent.query()).isEqualTo("fields=summary,description,labels,status,issuetype");
        assertThat(sent.header("Authorization")).isEqualTo(expectedAuthorization());
    }

    @Test
    void missingIssueIsNotFound() throws TicketingUnavailableException {
        assertThat(provider.fetch(settings, "OPS-404")).isEqualTo(Optional.empty());
    }

    @Test
    void notFoundFromSomethingThatIsNotJiraIsUnavailable() {
        TicketingSettings wrongBase = new TicketingSettings(jira.baseUrl() + "/wiki", mode().apiVersion(),
                JIRA_USER, JIRA_TOKEN, Duration.ofSeconds(5));

        assertThatThrownBy(() -> provider.fetch(wrongBase, "OPS-1"))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("404");
    }

    @Test
    void refusedCredentialsAreUnavailableAndTheMessageHidesTheToken() {
        String wrongToken = "wrong-token-" + mode();
        TicketingSettings wrong = settings.withCredentials(JIRA_USER, wrongToken);

        assertThatThrownBy(() -> provider.fetch(wrong, "OPS-1"))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("401")
                .hasMessageNotContaining(wrongToken);
    }

    @Test
    void annotationBecomesOneInternalComment() throws TicketingUnavailableException {
        provider.annotate(settings, "OPS-1", SimulatedSystem.annotation());

        RecordedRequest sent = onlyRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/rest/api/" + mode().apiVersion() + "/issue/OPS-1/comment");
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        assertThat(sent.header("Authorization")).isEqualTo(expectedAuthorization());

        assertThat(jira.comments()).hasSize(1);
        JiraComment comment = jira.comments().get(0);
        assertThat(comment.issueKey()).isEqualTo("OPS-1");
        assertThat(comment.internal()).isTrue();
        assertThat(comment.request().path("properties").get(0).path("key").asText()).isEqualTo("sd.public.comment");
        assertThat(comment.request().path("properties").get(0).path("value").path("internal").asBoolean()).isTrue();
        assertThat(comment.text()).isEqualTo(SimulatedSystem.annotation().text());
        assertCommentBodyShape(comment);
    }

    @Test
    void anEarlierDeliveryIsFoundByItsAuditIdAmongTheNewestComments() throws TicketingUnavailableException {
        assertThat(provider.hasAnnotation(settings, "OPS-2", SimulatedSystem.AUDIT_ID)).isFalse();
        jira.addInternalComment("OPS-2", "An agent's note about the laptop");
        provider.annotate(settings, "OPS-2", SimulatedSystem.annotation());
        jira.addInternalComment("OPS-2", "Later note, audit entry 00000000-0000-4000-8000-000000000000 elsewhere");

        assertThat(provider.hasAnnotation(settings, "OPS-2", SimulatedSystem.AUDIT_ID)).isTrue();
        assertThat(provider.hasAnnotation(settings, "OPS-3", SimulatedSystem.AUDIT_ID)).as("another issue").isFalse();
        RecordedRequest asked = jira.requests().get(jira.requests().size() - 1);
        assertThat(asked.method()).isEqualTo("GET");
        assertThat(asked.path()).isEqualTo("/rest/api/" + mode().apiVersion() + "/issue/OPS-3/comment");
        assertThat(asked.query()).isEqualTo("orderBy=-created&startAt=0&maxResults=100");
    }

    @Test
    void theAuditIdMustBeAUuidBeforeAnyRequest() {
        assertThatThrownBy(() -> provider.hasAnnotation(settings, "OPS-1", "x' OR 1=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(jira.requests()).isEmpty();
    }

    @Test
    void annotatingAVanishedIssueFails() {
        assertThatThrownBy(() -> provider.annotate(settings, "OPS-404", SimulatedSystem.annotation()))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("OPS-404");
        assertThat(jira.comments()).isEmpty();
    }

    @Test
    void unknownApiVersionFailsClosedWithoutACall() {
        TicketingSettings v4 = new TicketingSettings(jira.baseUrl(), "4", JIRA_USER, JIRA_TOKEN, Duration.ofSeconds(1));

        assertThatThrownBy(() -> provider.fetch(v4, "OPS-1")).isInstanceOf(TicketingUnavailableException.class);
        assertThat(jira.requests()).isEmpty();
    }

    abstract String expectedAuthorization();

    abstract void assertCommentBodyShape(JiraComment comment);

    RecordedRequest onlyRequest() {
        assertThat(jira.requests()).hasSize(1);
        return jira.requests().get(0);
    }
}
