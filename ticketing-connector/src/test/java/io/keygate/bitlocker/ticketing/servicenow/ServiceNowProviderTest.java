package io.keygate.bitlocker.ticketing.servicenow;

import static io.keygate.bitlocker.ticketing.SimulatedSystem.DEVICE_ID;
import static io.keygate.bitlocker.ticketing.SimulatedSystem.DEVICE_NAME;
import static io.keygate.bitlocker.ticketing.SimulatedSystem.SERVICENOW_PASSWORD;
import static io.keygate.bitlocker.ticketing.SimulatedSystem.SERVICENOW_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.keygate.bitlocker.simulators.Fault;
import io.keygate.bitlocker.simulators.RecordedRequest;
import io.keygate.bitlocker.simulators.ServiceNowIncident;
import io.keygate.bitlocker.simulators.ServiceNowSimulator;
import io.keygate.bitlocker.simulators.WorkNote;
import io.keygate.bitlocker.ticketing.SimulatedSystem;
import io.keygate.bitlocker.ticketing.Ticket;
import io.keygate.bitlocker.ticketing.TicketAnnotation;
import io.keygate.bitlocker.ticketing.TicketPolicy;
import io.keygate.bitlocker.ticketing.TicketVerdict;
import io.keygate.bitlocker.ticketing.TicketingSettings;
import io.keygate.bitlocker.ticketing.TicketingSettings.AuthType;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;

/** ServiceNow's Table API with Basic authentication (OAuth has its own test). */
class ServiceNowProviderTest {

    static final TicketPolicy POLICY = new TicketPolicy(List.of("Incident"), true);
    static final String LOOKUP_QUERY = "sysparm_limit=1&sysparm_display_value=all"
            + "&sysparm_fields=sys_id,number,short_description,description,state,active,cmdb_ci,sys_class_name";

    static ServiceNowSimulator serviceNow;
    static CloseableHttpClient client;
    static ServiceNowProvider provider;
    static TicketingSettings settings;

    @BeforeAll
    static void startServiceNow() throws IOException {
        serviceNow = ServiceNowSimulator.start(0, SERVICENOW_USER, SERVICENOW_PASSWORD);
        serviceNow.seed(
                ServiceNowIncident.inProgress("INC0000001", "Recovery screen").forConfigurationItem(DEVICE_NAME),
                ServiceNowIncident.inProgress("INC0000002", "Recovery screen on " + DEVICE_NAME).inState(1),
                ServiceNowIncident.inProgress("INC0000003", "Locked out")
                        .describedAs("Device ID: " + DEVICE_ID.toUpperCase(Locale.ROOT)).inState(3),
                ServiceNowIncident.inProgress("INC0000004", "Recovery screen").forConfigurationItem(DEVICE_NAME).inState(6),
                ServiceNowIncident.inProgress("INC0000005", "Recovery screen").forConfigurationItem(DEVICE_NAME).closed(),
                new ServiceNowIncident("INC0000006", "Recovery screen on " + DEVICE_NAME, "", 2, false, "", "incident"),
                ServiceNowIncident.inProgress("INC0000007", "Recovery screen on " + DEVICE_NAME + "-B")
                        .forConfigurationItem("HD-LAPTOP-8"),
                ServiceNowIncident.inProgress("INC0000008", "Recovery screen on " + DEVICE_NAME)
                        .ofClass("u_incident_security"),
                ServiceNowIncident.inProgress("INC0000009", "Recovery screen").describedAs("on " + DEVICE_NAME + "."));
        client = HttpClients.createDefault();
        provider = new ServiceNowProvider(client);
        settings = new TicketingSettings(serviceNow.baseUrl(), "", AuthType.BASIC, SERVICENOW_USER, SERVICENOW_PASSWORD,
                Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @AfterEach
    void nothingSecretSent() {
        SimulatedSystem.assertNoRecoveryPasswordSent(serviceNow);
        serviceNow.reset();
    }

    @AfterAll
    static void stopServiceNow() throws IOException {
        serviceNow.stop();
        client.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "INC0000001, ACCEPTED,               In Progress, device is the configuration item",
            "INC0000002, ACCEPTED,               New, device named in the short description",
            "INC0000003, ACCEPTED,               On Hold, device GUID in upper case in the description",
            "INC0000009, ACCEPTED,               device name followed by a full stop",
            "INC0000008, TICKET_WRONG_TYPE,      a record of a table extending incident",
            "INC0000004, TICKET_NOT_OPEN,        Resolved",
            "INC0000005, TICKET_NOT_OPEN,        Closed",
            "INC0000006, TICKET_NOT_OPEN,        In Progress but inactive",
            "INC0000007, TICKET_DEVICE_MISMATCH, another device and a longer name",
            "INC0099999, TICKET_NOT_FOUND,       no such incident"})
    void verdictOfEachIncident(String number, TicketVerdict expected, String why) throws TicketingUnavailableException {
        assertThat(POLICY.evaluate(provider.fetch(settings, number), DEVICE_ID, DEVICE_NAME)).as(why).isEqualTo(expected);
    }

    @Test
    void incidentCarriesWhatTheAuditRecordShows() throws TicketingUnavailableException {
        Ticket ticket = provider.fetch(settings, "INC0000001").orElseThrow();
        String sysId = ServiceNowIncident.inProgress("INC0000001", "").sysId();

        assertThat(ticket.system()).isEqualTo("servicenow");
        assertThat(ticket.key()).isEqualTo("INC0000001");
        assertThat(ticket.id()).as("the canonical identity is the sys_id").isEqualTo(sysId);
        assertThat(ticket.url()).isEqualTo(serviceNow.baseUrl() + "/nav_to.do?uri=incident.do?sys_id=" + sysId);
        assertThat(ticket.status()).isEqualTo("In Progress");
        assertThat(ticket.type()).isEqualTo("Incident");
        assertThat(ticket.open()).isTrue();
        assertThat(ticket.references()).contains(DEVICE_NAME);
    }

    @Test
    void looksUpByTheNumberFieldNeverByAnEncodedQuery() throws TicketingUnavailableException {
        provider.fetch(settings, "INC0000001");

        assertThat(serviceNow.requests()).hasSize(1);
        RecordedRequest sent = serviceNow.requests().get(0);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/api/now/table/incident");
        assertThat(sent.query()).isEqualTo("number=INC0000001&" + LOOKUP_QUERY);
        assertThat(sent.query()).doesNotContain("sysparm_query");
        assertThat(sent.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((SERVICENOW_USER + ":" + SERVICENOW_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void annotationIsAWorkNoteOnTheLookedUpRecord() throws TicketingUnavailableException {
        provider.annotate(settings, "INC0000001", SimulatedSystem.annotation());

        String sysId = ServiceNowIncident.inProgress("INC0000001", "").sysId();
        List<RecordedRequest> sent = serviceNow.requests();
        assertThat(sent).extracting(RecordedRequest::method).containsExactly("GET", "PATCH");
        assertThat(sent.get(0).query()).isEqualTo("number=INC0000001&" + LOOKUP_QUERY);
        assertThat(sent.get(1).path()).isEqualTo("/api/now/table/incident/" + sysId);
        assertThat(sent.get(1).header("Content-Type")).startsWith("application/json");

        assertThat(serviceNow.workNotes()).hasSize(1);
        WorkNote note = serviceNow.workNotes().get(0);
        assertThat(note.number()).isEqualTo("INC0000001");
        assertThat(note.sysId()).isEqualTo(sysId);
        assertThat(note.text()).isEqualTo(SimulatedSystem.annotation().text());
        assertThat(note.request().fieldNames()).toIterable().containsExactly("work_notes");
    }

    @Test
    void aDeviceNameCannotSmuggleHtmlIntoTheWorkNote() throws TicketingUnavailableException {
        TicketAnnotation hostile = new TicketAnnotation("PC [CODE]<img src=x onerror=alert(1)>[/code]", DEVICE_ID,
                "key-1", "helpdesk.anna", java.time.Instant.parse("2026-11-25T10:15:30Z"), "audit-1");

        provider.annotate(settings, "INC0000001", hostile);

        assertThat(serviceNow.workNotes()).singleElement().satisfies(note -> {
            assertThat(note.text()).doesNotContainIgnoringCase("[code]").doesNotContainIgnoringCase("[/code]");
            assertThat(note.text()).contains("PC (code)<img src=x onerror=alert(1)>(/code)");
        });
    }

    @Test
    void anEarlierDeliveryIsFoundAmongTheIncidentsWorkNotesByItsAuditId() throws TicketingUnavailableException {
        assertThat(provider.hasAnnotation(settings, "INC0000001", SimulatedSystem.AUDIT_ID)).isFalse();
        serviceNow.addWorkNote("INC0000001", "Called the user back");
        provider.annotate(settings, "INC0000001", SimulatedSystem.annotation());
        serviceNow.clearRequests();

        assertThat(provider.hasAnnotation(settings, "INC0000001", SimulatedSystem.AUDIT_ID)).isTrue();
        String sysId = ServiceNowIncident.inProgress("INC0000001", "").sysId();
        List<RecordedRequest> sent = serviceNow.requests();
        assertThat(sent).extracting(RecordedRequest::method).containsExactly("GET", "GET");
        assertThat(sent.get(1).path()).isEqualTo("/api/now/table/sys_journal_field");
        assertThat(sent.get(1).queryParameters()).containsEntry("sysparm_query",
                "element_id=" + sysId + "^element=work_notes^name=incident^valueLIKE" + SimulatedSystem.AUDIT_ID);
    }

    @Test
    void aWorkNoteOfAnotherIncidentIsNotAnEarlierDelivery() throws TicketingUnavailableException {
        provider.annotate(settings, "INC0000001", SimulatedSystem.annotation());

        assertThat(provider.hasAnnotation(settings, "INC0000002", SimulatedSystem.AUDIT_ID)).isFalse();
    }

    @Test
    void annotatingAMissingIncidentSendsNoPatch() {
        assertThatThrownBy(() -> provider.annotate(settings, "INC0099999", SimulatedSystem.annotation()))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("INC0099999");
        assertThat(serviceNow.requests()).extracting(RecordedRequest::method).containsExactly("GET");
    }

    @Test
    void refusedCredentialsAreUnavailableAndTheMessageHidesThePassword() {
        TicketingSettings wrong = settings.withCredentials(SERVICENOW_USER, "wrong-password-123");

        assertThatThrownBy(() -> provider.fetch(wrong, "INC0000001"))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("401")
                .hasMessageNotContaining("wrong-password-123");
    }

    @Test
    void wrongBaseUrlIsUnavailable() {
        TicketingSettings wrongBase = new TicketingSettings(serviceNow.baseUrl() + "/portal", "", SERVICENOW_USER,
                SERVICENOW_PASSWORD, Duration.ofSeconds(1));

        assertThatThrownBy(() -> provider.fetch(wrongBase, "INC0000001"))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("400");
    }

    @Test
    void olderReleasesAnswerNoMatchWith404AndTheirErrorDocument() throws TicketingUnavailableException {
        serviceNow.injectFault(Fault.answer(404,
                "{\"error\":{\"message\":\"No Record found\",\"detail\":\"\"},\"status\":\"failure\"}"));

        assertThat(provider.fetch(settings, "INC0000001")).isEmpty();
    }

    @Test
    void plainValuesWithoutDisplayValuesAreReadToo() throws TicketingUnavailableException {
        serviceNow.injectFault(Fault.answer(200, "{\"result\":[{\"sys_id\":\"0123456789abcdef0123456789abcdef\","
                + "\"number\":\"INC0000001\",\"short_description\":\"on " + DEVICE_NAME + "\",\"state\":\"2\","
                + "\"active\":\"true\",\"sys_class_name\":\"incident\"}]}"));

        Ticket ticket = provider.fetch(settings, "INC0000001").orElseThrow();

        assertThat(ticket.open()).isTrue();
        assertThat(POLICY.evaluate(java.util.Optional.of(ticket), DEVICE_ID, DEVICE_NAME)).isEqualTo(TicketVerdict.ACCEPTED);
    }

    @Test
    void aDifferentIncidentInTheAnswerIsNotTrusted() {
        // What an instance that ignored the number filter would answer: the first incident of the table.
        serviceNow.injectFault(Fault.answer(200, "{\"result\":[{\"sys_id\":\"0123456789abcdef0123456789abcdef\","
                + "\"number\":\"INC0000002\",\"state\":\"2\",\"active\":\"true\"}]}"));

        assertThatThrownBy(() -> provider.fetch(settings, "INC0000001"))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("different record");
    }

    @Test
    void aSysIdThatIsNotOneNeverReachesTheWriteBackUrl() {
        serviceNow.injectFault(Fault.answer(200, "{\"result\":[{\"sys_id\":\"../../sys_user/6816f79cc0a8016401c5a33be04be441\","
                + "\"number\":\"INC0000001\",\"state\":\"2\",\"active\":\"true\"}]}"));

        assertThatThrownBy(() -> provider.annotate(settings, "INC0000001", SimulatedSystem.annotation()))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("sys_id");
        assertThat(serviceNow.requests()).extracting(RecordedRequest::method).containsExactly("GET");
    }
}
