package io.keygate.bitlocker.it.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.AtOnce;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Mailbox;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.JiraSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Dual control (SPEC §11) on the real server: a helpdesk release needs a request that a second person
 * approved (with step-up), used once, by the one who asked, for the device, key and ticket asked for,
 * with the ticket still open at reveal time.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class DualControlTest {

    private static final String REASON = "User locked out after a firmware update";
    private static final String APPROVER_EMAIL = TestRealm.APPROVER + "@example.test";
    private static final String HELPDESK_EMAIL = TestRealm.HELPDESK + "@example.test";
    private static final String SECOPS = "approvals@example.test";
    private static JiraSimulator jira;
    private static int tickets = 8000;

    @InjectMailServer
    MailServer mail;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    /**
     * A realm of its own for the hourly limit of requests: nobody has asked for anything there before. Named for
     * this test alone: a realm's ID is its name here, and another class's realm of the same name may have left rows.
     */
    @InjectRealm(config = TestRealm.class, ref = "request-limit")
    ManagedRealm limited;

    @BeforeAll
    static void startJira() throws IOException {
        jira = JiraSimulator.start(JiraSimulator.Mode.CLOUD_V3, 0, "helpdesk-bot@example.test", "cloud-api-token");
    }

    @AfterAll
    static void stopJira() {
        jira.stop();
    }

    @BeforeEach
    void enable() {
        // The realm's Frontend URL is Keycloak's configured hostname here: the test server runs without the
        // hostname option, and e-mails carry links only on a configured hostname.
        realm.updateWithCleanup(r -> r.smtp("localhost", 3025, "keygate@example.test").attribute("frontendUrl", Api.BASE));
        configure(60);
    }

    private void configure(int useWithinMinutes) {
        configure(realm, useWithinMinutes, 1000);
    }

    private void configure(ManagedRealm r, int useWithinMinutes, int requestsPerUserPerHour) {
        Realms.configure(r.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":false},\"limits\":{\"revealsPerUserPerHour\":1000,"
                + "\"requestsPerUserPerHour\":" + requestsPerUserPerHour + "},"
                + "\"approval\":{\"requiredFor\":[\"helpdesk\",\"admin\",\"breakGlass\"],\"useWithinMinutes\":" + useWithinMinutes
                + ",\"pendingHours\":24},\"notifications\":{\"approverEmails\":[\"" + SECOPS + "\"]},"
                + "\"ticketing\":{\"system\":\"jira\",\"apiVersion\":\"3\",\"baseUrl\":\"" + jira.baseUrl() + "\","
                + "\"username\":\"helpdesk-bot@example.test\",\"token\":\"cloud-api-token\",\"annotate\":false,"
                + "\"breakGlass\":true,\"requireDeviceReference\":false,\"maxDevicesPerTicket\":1}}");
    }

    /** A device and an open incident for it. */
    private record Case(Fleet.Device device, String ticket) {
    }

    private Case newCase(String name) {
        String ticket = "ITSM-" + (++tickets);
        jira.seed(JiraIssue.incident(ticket, name + " stuck at the BitLocker recovery screen"));
        return new Case(Fleet.escrow(realm.getName(), name, null), ticket);
    }

    private String token(String user) {
        return BrowserLogin.cachedStepUpToken(realm, user);
    }

    private Api.Reply ask(Case c, String user) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + c.device().deviceId() + "/requests",
                "{\"ticket\":\"" + c.ticket() + "\",\"reason\":\"" + REASON + "\"}").bearer(token(user)).send();
    }

    private String asked(Case c) {
        Api.Reply reply = ask(c, TestRealm.HELPDESK);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().path("requestId").asText();
    }

    private Api.Reply decide(String requestId, String verb, String user, String body) {
        return Api.post(Api.bitlocker(realm.getName()) + "/requests/" + requestId + "/" + verb, body).bearer(token(user)).send();
    }

    private Api.Reply reveal(Case c, String requestId, String user) {
        String body = "{\"ticket\":\"" + c.ticket() + "\"" + (requestId == null ? "" : ",\"requestId\":\"" + requestId + "\"") + "}";
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + c.device().deviceId() + "/reveal", body)
                .bearer(token(user)).send();
    }

    private JsonNode request(String requestId) {
        return Api.get(Api.bitlocker(realm.getName()) + "/requests/" + requestId).bearer(token(TestRealm.APPROVER)).send().json();
    }

    private JsonNode audit(String query) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=100&" + query)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
    }

    @Test
    void requestApproveRevealAndTheAuditEntryNamesTheApprover() {
        Case c = newCase("DC-HAPPY");

        Api.Reply created = ask(c, TestRealm.HELPDESK);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode r = created.json();
        String requestId = r.path("requestId").asText();
        assertThat(r.path("status").asText()).isEqualTo("PENDING");
        assertThat(r.path("deviceId").asText()).isEqualTo(c.device().deviceId());
        assertThat(r.path("keyId").asText()).isEqualTo(c.device().osKey().keyId());
        assertThat(r.path("requester").path("username").asText()).isEqualTo(TestRealm.HELPDESK);
        assertThat(r.path("ticket").path("key").asText()).isEqualTo(c.ticket());
        assertThat(r.path("reason").asText()).isEqualTo(REASON);
        assertThat(r.path("breakGlass").asBoolean()).isFalse();
        assertThat(r.path("decidedBy").isNull()).isTrue();
        assertThat(r.path("expiresAt").asText()).isNotEmpty();

        Api.Reply approved = decide(requestId, "approve", TestRealm.APPROVER, "{\"reason\":\"Checked with the user by phone\"}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().path("decidedBy").path("username").asText()).isEqualTo(TestRealm.APPROVER);
        assertThat(approved.json().path("decisionReason").asText()).isEqualTo("Checked with the user by phone");

        Api.Reply revealed = reveal(c, requestId, TestRealm.HELPDESK);
        assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
        assertThat(revealed.json().path("recoveryPassword").asText()).isEqualTo(c.device().osKey().recoveryPassword());
        assertThat(request(requestId).path("status").asText()).isEqualTo("USED");

        JsonNode entry = audit("action=KEY_REVEALED&deviceId=" + c.device().deviceId()).get(0);
        assertThat(entry.path("approval").path("requestId").asText()).isEqualTo(requestId);
        assertThat(entry.path("approval").path("approver").path("username").asText()).isEqualTo(TestRealm.APPROVER);
        assertThat(audit("action=RELEASE_REQUESTED&deviceId=" + c.device().deviceId())).hasSize(1);
        assertThat(audit("action=RELEASE_APPROVED&deviceId=" + c.device().deviceId())).hasSize(1);
        JsonNode verified = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/verify")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json();
        assertThat(verified.path("valid").asBoolean()).isTrue();

        // A second use of the same approval.
        Api.Reply again = reveal(c, requestId, TestRealm.HELPDESK);
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.code()).isEqualTo("approval_required");
    }

    @Test
    void theApproversAreWrittenToAndTheRequesterHearsTheDecisionWithoutAKey() {
        Case c = newCase("DC-MAIL");
        String requestId = asked(c);

        for (String to : List.of(APPROVER_EMAIL, SECOPS, TestRealm.ADMIN + "@example.test")) {
            Mailbox.Mail m = Mailbox.await(mail, to, x -> x.text().contains(requestId), 20);
            assertThat(m.subject()).isEqualTo("Approval needed: release of the BitLocker recovery key of DC-MAIL");
            assertThat(m.text()).contains("Requested by: " + TestRealm.HELPDESK, "Device ID: " + c.device().deviceId(),
                    "Key ID: " + c.device().osKey().keyId(), "Ticket: " + c.ticket(), "Reason: " + REASON,
                    "/devices/security/bitlocker/console/#/requests/" + requestId);
            assertThat(m.all()).doesNotContain(c.device().osKey().recoveryPassword())
                    .doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
        }
        assertThat(Mailbox.to(mail, HELPDESK_EMAIL).stream().filter(m -> m.text().contains(requestId)))
                .as("the requester is not asked to approve their own request").isEmpty();

        assertThat(decide(requestId, "reject", TestRealm.APPROVER, "{\"reason\":\"No callback from the user\"}").status())
                .isEqualTo(200);
        Mailbox.Mail decision = Mailbox.await(mail, HELPDESK_EMAIL, x -> x.subject().startsWith("Rejected"), 20);
        assertThat(decision.subject()).isEqualTo("Rejected: your request to release the BitLocker recovery key of DC-MAIL");
        assertThat(decision.text()).contains("Decided by: " + TestRealm.APPROVER, "Decision reason: No callback from the user");
        assertThat(decision.all()).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
    }

    @Test
    void eMailLinksFollowKeycloaksConfiguredHostnameAndNeverAForgedHostHeader() {
        String forged = "approvals.attacker.example";
        String console = Api.BASE + "/realms/" + realm.getName() + "/devices/security/bitlocker/console/#/requests/";

        // A Frontend URL configured: a request naming another Host (directly, or as a proxy would pass it on)
        // changes nothing in the links, neither the approvers' nor the requester's.
        Case c = newCase("DC-HOST");
        Api.Reply created = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + c.device().deviceId() + "/requests",
                "{\"ticket\":\"" + c.ticket() + "\",\"reason\":\"" + REASON + "\"}").bearer(token(TestRealm.HELPDESK))
                .header("X-Forwarded-Host", forged).sendWithHost(forged + ":8080");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String requestId = created.json().path("requestId").asText();
        for (String to : List.of(APPROVER_EMAIL, SECOPS)) {
            Mailbox.Mail m = Mailbox.await(mail, to, x -> x.text().contains(requestId), 20);
            assertThat(m.all()).contains(console + requestId).doesNotContain(forged);
        }
        Api.Reply rejected = Api.post(Api.bitlocker(realm.getName()) + "/requests/" + requestId + "/reject",
                "{\"reason\":\"No callback from the user\"}").bearer(token(TestRealm.APPROVER))
                .header("X-Forwarded-Host", forged).sendWithHost(forged);
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        Mailbox.Mail decision = Mailbox.await(mail, HELPDESK_EMAIL,
                x -> x.subject().startsWith("Rejected") && x.text().contains("DC-HOST"), 20);
        assertThat(decision.all()).contains(console + requestId).doesNotContain(forged);

        // No hostname configured at all (the server's hostname option unset, no Frontend URL): Keycloak's frontend
        // URL is then the request's Host, so the requester chooses it, token issuer included. The e-mail has no link.
        realm.updateWithCleanup(r -> r.attribute("frontendUrl", ""));
        String forgedIssuerToken = Api.post(Api.BASE + "/realms/" + realm.getName() + "/protocol/openid-connect/token",
                        "grant_type=password&client_id=" + TestRealm.CLIENT + "&username=" + TestRealm.HELPDESK
                                + "&password=" + java.net.URLEncoder.encode(TestRealm.PASSWORD, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Type", "application/x-www-form-urlencoded").sendWithHost(forged + ":8080")
                .json().path("access_token").asText();
        assertThat(Tokens.claims(forgedIssuerToken).path("iss").asText()).startsWith("http://" + forged + ":8080/");
        Case unconfigured = newCase("DC-NO-HOSTNAME");
        Api.Reply asked = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + unconfigured.device().deviceId() + "/requests",
                "{\"ticket\":\"" + unconfigured.ticket() + "\",\"reason\":\"" + REASON + "\"}").bearer(forgedIssuerToken)
                .header("X-Forwarded-Host", forged).sendWithHost(forged + ":8080");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        Mailbox.Mail m = Mailbox.await(mail, APPROVER_EMAIL, x -> x.subject().contains("DC-NO-HOSTNAME"), 20);
        assertThat(m.all()).doesNotContain(forged).doesNotContain("#/requests/")
                .contains("The request is listed under Requests in the BitLocker console.");
    }

    @Test
    void nobodyApprovesTheirOwnRequestAndAPlainHelpdeskUserApprovesNothing() {
        Case c = newCase("DC-SELF");
        Api.Reply mine = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + c.device().deviceId() + "/requests",
                "{\"ticket\":\"" + c.ticket() + "\",\"reason\":\"" + REASON + "\"}").bearer(token(TestRealm.ADMIN)).send();
        String adminsOwn = mine.json().path("requestId").asText();
        String helpdesks = asked(newCase("DC-HELPDESK"));

        Api.Reply self = decide(adminsOwn, "approve", TestRealm.ADMIN, "");
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.code()).isEqualTo("self_approval");
        Api.Reply plain = decide(helpdesks, "approve", TestRealm.HELPDESK, "");
        assertThat(plain.status()).isEqualTo(403);
        assertThat(plain.code()).isEqualTo("forbidden");
        Api.Reply passwordOnly = Api.post(Api.bitlocker(realm.getName()) + "/requests/" + helpdesks + "/approve", "")
                .bearer(Tokens.password(realm.getName(), TestRealm.APPROVER)).send();
        assertThat(passwordOnly.status()).isEqualTo(401);
        assertThat(passwordOnly.code()).isEqualTo("insufficient_user_authentication");
        assertThat(request(adminsOwn).path("status").asText()).isEqualTo("PENDING");
        assertThat(request(helpdesks).path("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void revealingWithoutAnApprovedRequestOfOnesOwnForThisDeviceIsRefused() {
        Case c = newCase("DC-REFUSED");
        Case other = newCase("DC-OTHER");

        Api.Reply none = reveal(c, null, TestRealm.HELPDESK);
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.code()).isEqualTo("approval_required");

        String requestId = asked(c);
        Api.Reply pending = reveal(c, requestId, TestRealm.HELPDESK);
        assertThat(pending.status()).isEqualTo(403);
        assertThat(pending.code()).isEqualTo("approval_pending");

        assertThat(decide(requestId, "approve", TestRealm.APPROVER, "").status()).isEqualTo(200);
        Api.Reply otherDevice = reveal(other, requestId, TestRealm.HELPDESK);
        assertThat(otherDevice.code()).isEqualTo("approval_required");
        Api.Reply otherUser = reveal(c, requestId, TestRealm.ADMIN);
        assertThat(otherUser.code()).isEqualTo("approval_required");
        Api.Reply unknown = reveal(c, "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b", TestRealm.HELPDESK);
        assertThat(unknown.code()).isEqualTo("approval_required");
        assertThat(audit("action=KEY_REVEAL_DENIED&deviceId=" + c.device().deviceId()))
                .extracting(e -> e.path("code").asText()).contains("approval_required", "approval_pending");
        // Still usable by its requester for its device.
        assertThat(reveal(c, requestId, TestRealm.HELPDESK).status()).isEqualTo(200);
    }

    @Test
    void rejectedAndWithdrawnRequestsCannotBeUsedOrDecidedAgain() {
        Case c = newCase("DC-CLOSED");
        String rejected = asked(c);
        assertThat(decide(rejected, "reject", TestRealm.APPROVER, "{}").code()).as("a rejection needs a reason")
                .isEqualTo("invalid_request");
        assertThat(decide(rejected, "reject", TestRealm.APPROVER, "{\"reason\":\"Not justified\"}").status()).isEqualTo(200);
        assertThat(reveal(c, rejected, TestRealm.HELPDESK).code()).isEqualTo("approval_required");
        Api.Reply late = decide(rejected, "approve", TestRealm.ADMIN, "");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("request_closed");

        String withdrawn = asked(c);
        Api.Reply notMine = Api.delete(Api.bitlocker(realm.getName()) + "/requests/" + withdrawn).bearer(token(TestRealm.ADMIN)).send();
        assertThat(notMine.status()).isEqualTo(403);
        Api.Reply withdraw = Api.delete(Api.bitlocker(realm.getName()) + "/requests/" + withdrawn)
                .bearer(token(TestRealm.HELPDESK)).send();
        assertThat(withdraw.status()).as(withdraw.toString()).isEqualTo(204);
        assertThat(request(withdrawn).path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(decide(withdrawn, "approve", TestRealm.APPROVER, "").code()).isEqualTo("request_closed");
        assertThat(reveal(c, withdrawn, TestRealm.HELPDESK).code()).isEqualTo("approval_required");
    }

    @Test
    void aTicketClosedAfterTheApprovalStopsTheRelease() {
        Case c = newCase("DC-CLOSED-TICKET");
        String requestId = asked(c);
        assertThat(decide(requestId, "approve", TestRealm.APPROVER, "").status()).isEqualTo(200);
        jira.seed(JiraIssue.incident(c.ticket(), "DC-CLOSED-TICKET stuck at the BitLocker recovery screen").done());

        Api.Reply reply = reveal(c, requestId, TestRealm.HELPDESK);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("ticket_not_open");
        assertThat(request(requestId).path("status").asText()).as("not used by a refused release").isEqualTo("APPROVED");
    }

    @Test
    void twoApproversAtOnceMakeOneDecisionAndOneApprovalReleasesOnce() throws Exception {
        Case c = newCase("DC-RACE");
        String raced = asked(c);
        String approver = token(TestRealm.APPROVER);
        String admin = token(TestRealm.ADMIN);
        int[] turn = {0};

        List<Api.Reply> decisions = AtOnce.times(8, () -> {
            boolean first;
            synchronized (turn) {
                first = turn[0]++ % 2 == 0;
            }
            return Api.post(Api.bitlocker(realm.getName()) + "/requests/" + raced + (first ? "/approve" : "/reject"),
                    "{\"reason\":\"racing decision\"}").bearer(first ? approver : admin).send();
        });
        Map<Integer, Long> statuses = decisions.stream().collect(Collectors.groupingBy(Api.Reply::status, Collectors.counting()));
        assertThat(statuses).as(decisions.toString()).containsEntry(200, 1L).containsEntry(409, 7L);
        assertThat(audit("deviceId=" + c.device().deviceId()).findValuesAsText("action").stream()
                .filter(a -> a.equals("RELEASE_APPROVED") || a.equals("RELEASE_REJECTED"))).hasSize(1);

        String requestId = raced;
        if (!"APPROVED".equals(request(raced).path("status").asText())) {
            requestId = asked(c);
            assertThat(decide(requestId, "approve", TestRealm.APPROVER, "").status()).isEqualTo(200);
        }
        String used = requestId;
        String helpdesk = token(TestRealm.HELPDESK);
        List<Api.Reply> reveals = AtOnce.times(8, () -> Api.post(Api.bitlocker(realm.getName()) + "/keys/" + c.device().deviceId()
                + "/reveal", "{\"ticket\":\"" + c.ticket() + "\",\"requestId\":\"" + used + "\"}").bearer(helpdesk).send());
        Map<String, Long> outcomes = reveals.stream().collect(Collectors.groupingBy(
                r -> r.status() == 200 ? "released" : r.code(), Collectors.counting()));
        assertThat(outcomes).as(reveals.toString()).containsEntry("released", 1L);
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);
        assertThat(outcomes.keySet()).allMatch(k -> k.equals("released") || k.equals("approval_required")
                || k.equals("ticket_reuse_limit"));
        assertThat(audit("action=KEY_REVEALED&deviceId=" + c.device().deviceId())).hasSize(1);
    }

    @Test
    void anApprovalNotUsedInTimeExpires() throws Exception {
        configure(1);
        Case c = newCase("DC-EXPIRY");
        String approved = asked(c);
        assertThat(decide(approved, "approve", TestRealm.APPROVER, "").status()).isEqualTo(200);

        Thread.sleep(62_000);
        Api.Reply reply = reveal(c, approved, TestRealm.HELPDESK);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("approval_required");
        JsonNode expired = io.keygate.bitlocker.it.support.Eventually.await(() -> request(approved),
                r -> "EXPIRED".equals(r.path("status").asText()), 10);
        assertThat(expired.path("status").asText()).isEqualTo("EXPIRED");
        assertThat(audit("action=RELEASE_REJECTED&deviceId=" + c.device().deviceId()).get(0).path("reason").asText())
                .startsWith("expired");
    }

    @Test
    void approversSeeEveryRequestAndTheHelpdeskOnlyTheirOwn() {
        String helpdesks = asked(newCase("DC-LIST-1"));
        Case adminCase = newCase("DC-LIST-2");
        String admins = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + adminCase.device().deviceId() + "/requests",
                "{\"ticket\":\"" + adminCase.ticket() + "\",\"reason\":\"" + REASON + "\"}").bearer(token(TestRealm.ADMIN))
                .send().json().path("requestId").asText();

        List<String> approverSees = Api.get(Api.bitlocker(realm.getName()) + "/requests?status=PENDING&max=500")
                .bearer(token(TestRealm.APPROVER)).send().json().path("items").findValuesAsText("requestId");
        List<String> helpdeskSees = Api.get(Api.bitlocker(realm.getName()) + "/requests?max=500")
                .bearer(token(TestRealm.HELPDESK)).send().json().path("items").findValuesAsText("requestId");
        Api.Reply foreign = Api.get(Api.bitlocker(realm.getName()) + "/requests/" + admins).bearer(token(TestRealm.HELPDESK)).send();

        assertThat(approverSees).contains(helpdesks, admins);
        assertThat(helpdeskSees).contains(helpdesks).doesNotContain(admins);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("request_not_found");

        JsonNode page = Api.get(Api.bitlocker(realm.getName()) + "/requests?max=1").bearer(token(TestRealm.APPROVER)).send().json();
        assertThat(page.path("items")).hasSize(1);
        JsonNode next = Api.get(Api.bitlocker(realm.getName()) + "/requests?max=1&after=" + page.path("next").asText())
                .bearer(token(TestRealm.APPROVER)).send().json();
        assertThat(next.path("items").get(0).path("requestId").asText())
                .isNotEqualTo(page.path("items").get(0).path("requestId").asText());
    }

    @Test
    void simultaneousRequestsOfOneUserNeverExceedTheHourlyLimit() throws Exception {
        limited.updateWithCleanup(r -> r.smtp("localhost", 3025, "keygate@example.test"));
        configure(limited, 60, 3);
        String ticket = "ITSM-" + (++tickets);
        jira.seed(JiraIssue.incident(ticket, "LIMIT-PC stuck at the BitLocker recovery screen"));
        Fleet.Device device = Fleet.escrow(limited.getName(), "LIMIT-PC", null);
        String helpdesk = BrowserLogin.cachedStepUpToken(limited, TestRealm.HELPDESK);

        List<Api.Reply> replies = AtOnce.times(12, () -> Api.post(Api.bitlocker(limited.getName()) + "/keys/" + device.deviceId()
                + "/requests", "{\"ticket\":\"" + ticket + "\",\"reason\":\"" + REASON + "\"}").bearer(helpdesk).send());

        Map<Integer, Long> statuses = replies.stream().collect(Collectors.groupingBy(Api.Reply::status, Collectors.counting()));
        assertThat(statuses).as(replies.toString()).containsOnly(Map.entry(201, 3L), Map.entry(429, 9L));
        assertThat(replies.stream().filter(r -> r.status() == 429)).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo("rate_limited");
            assertThat(r.header("Retry-After")).isEqualTo("3600");
        });
        JsonNode requested = Api.get(Api.bitlocker(limited.getName()) + "/keys/audit?max=100&action=RELEASE_REQUESTED")
                .bearer(Tokens.password(limited.getName(), TestRealm.AUDITOR)).send().json().path("items");
        assertThat(requested).hasSize(3);
        // The limit is the user's: another helpdesk user (here an admin) may still ask.
        assertThat(Api.post(Api.bitlocker(limited.getName()) + "/keys/" + device.deviceId() + "/requests",
                "{\"ticket\":\"" + ticket + "\",\"reason\":\"" + REASON + "\"}")
                .bearer(BrowserLogin.cachedStepUpToken(limited, TestRealm.ADMIN)).send().status()).isEqualTo(201);
    }

    @Test
    void aRequestNeedsAReasonAndHelpdeskOrAdmin() {
        Case c = newCase("DC-INPUT");
        Api.Reply noReason = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + c.device().deviceId() + "/requests",
                "{\"ticket\":\"" + c.ticket() + "\",\"reason\":\"short\"}").bearer(token(TestRealm.HELPDESK)).send();
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.code()).isEqualTo("invalid_request");
        Api.Reply approverAsks = ask(c, TestRealm.APPROVER);
        assertThat(approverAsks.status()).isEqualTo(403);
        Api.Reply closedTicket = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + c.device().deviceId() + "/requests",
                "{\"ticket\":\"ITSM-404404\",\"reason\":\"" + REASON + "\"}").bearer(token(TestRealm.HELPDESK)).send();
        assertThat(closedTicket.code()).isEqualTo("ticket_not_found");
    }
}
