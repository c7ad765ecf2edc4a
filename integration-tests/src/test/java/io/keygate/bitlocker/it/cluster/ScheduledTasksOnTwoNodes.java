package io.keygate.bitlocker.it.cluster;

import static io.keygate.bitlocker.it.cluster.TwoNodes.a;
import static io.keygate.bitlocker.it.cluster.TwoNodes.api;
import static io.keygate.bitlocker.it.cluster.TwoNodes.b;
import static io.keygate.bitlocker.it.cluster.TwoNodes.balanced;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.JiraCloud;
import io.keygate.bitlocker.it.support.KeycloakNode;
import io.keygate.bitlocker.it.support.Mailbox;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.simulators.JiraComment;
import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.RecordedRequest;
import io.keygate.bitlocker.simulators.agent.DeviceAgent;
import io.keygate.bitlocker.simulators.graph.GraphPermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every background task runs on both nodes every second (the Entra ID sync looks every second): what it does
 * must happen once — each e-mail sent once, each ticket comment posted once, each superseded key purged and
 * audited once, each overdue release request expired and audited once — and the Entra ID sync and the
 * auditors' digest must run once per interval, never twice at a time. Run as {@link TwoNodeClusterTest.ScheduledTasks}, on its nodes.
 */
abstract class ScheduledTasksOnTwoNodes {

    private static final String REALM = "cluster-tasks-" + Long.toString(System.currentTimeMillis(), 36);
    private static final String SECOPS = "secops@example.test";
    private static final String OWNER_EMAIL = TestRealm.OWNER + "@example.test";
    private static final String REASON = "User locked out after a firmware update";
    private static final String TENANT = "7d9c1e2a-0000-4000-8000-00000000c1a5";
    private static final String GRAPH_CLIENT = "0c4f6b1e-0000-4000-8000-0000000000d1";
    private static final String GRAPH_SECRET = "cluster-graph-secret";
    private static boolean created;
    private static int tickets;

    @BeforeEach
    void staffRealm() {
        if (!created) {
            TwoNodes.createStaffRealm(REALM, "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                    + "\"ticketing\":{\"system\":\"jira\",\"apiVersion\":\"3\",\"baseUrl\":\"" + TwoNodes.jira.baseUrl() + "\","
                    + "\"username\":\"" + JiraCloud.USER + "\",\"token\":\"" + JiraCloud.TOKEN + "\",\"annotate\":true,"
                    + "\"requireDeviceReference\":false,\"maxDevicesPerTicket\":1},"
                    + "\"approval\":{\"requiredFor\":[\"helpdesk\"]},"
                    + "\"notifications\":{\"notifyOwner\":true,\"approverEmails\":[\"" + SECOPS + "\"]},"
                    + "\"rotation\":{\"afterReveal\":true,\"retainPreviousDays\":0},\"limits\":{\"revealsPerUserPerHour\":1000}}");
            created = true;
        }
    }

    /** A device of the realm's owner, escrowed at {@code node}, and an open incident for it. */
    private record Case(Fleet.Device device, DeviceAgent agent, String ticket) {
    }

    private static Case newCase(KeycloakNode node, String name) {
        String ticket = "TASK-" + (++tickets);
        TwoNodes.jira.seed(JiraIssue.incident(ticket, name + " asks for its BitLocker recovery key"));
        DeviceAgent agent = DeviceAgent.withNewKey();
        return new Case(TwoNodes.escrow(node, REALM, name, TestRealm.OWNER, agent), agent, ticket);
    }

    /**
     * The admin releases the case's key at {@code revealAt} (the follow-up rotation is requested with it); the
     * device's agent then checks in at {@code checkInAt} with a new key, which completes the rotation and
     * supersedes the released key. Returns the release's audit ID.
     */
    private static String releaseAndRotate(Case c, KeycloakNode revealAt, KeycloakNode checkInAt) {
        Api.Reply released = balanced(Api.post(api(revealAt, REALM) + "/keys/" + c.device().deviceId() + "/reveal",
                "{\"ticket\":\"" + c.ticket() + "\",\"reason\":\"" + REASON + "\"}"))
                .bearer(TwoNodes.stepUp(REALM, TestRealm.ADMIN)).send();
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(released.json().path("rotation").path("status").asText()).isEqualTo("PENDING");
        Fleet.Key fresh = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        var checkedIn = TwoNodes.checkIn(checkInAt, REALM, TestRealm.AGENT_CLIENT, TestRealm.AGENT_SECRET, c.agent(),
                c.device().deviceId(), Fleet.checkInBody(c.device().deviceName(), TestRealm.OWNER, "ENCRYPTED", List.of(fresh)));
        assertThat(checkedIn.statusCode()).as(checkedIn.body()).isEqualTo(200);
        return released.json().path("auditId").asText();
    }

    private static JsonNode audit(String query) {
        return balanced(Api.get(api(b, REALM) + "/keys/audit?max=500&" + query))
                .bearer(TwoNodes.password(REALM, TestRealm.AUDITOR)).send().json().path("items");
    }

    private static List<Mailbox.Mail> mailsTo(String address) {
        return Mailbox.to(TwoNodes.mail.getReceivedMessages(), address);
    }

    private static long count(List<String> texts, String needle) {
        return texts.stream().filter(t -> t.contains(needle)).count();
    }

    /** The owner's e-mails, the tickets' comments and the purges the releases of {@code cases} caused, so far. */
    private record Effects(List<String> ownerMails, Map<String, List<String>> comments, List<String> purgedKeys) {

        static Effects now() {
            return new Effects(mailsTo(OWNER_EMAIL).stream().map(Mailbox.Mail::text).toList(),
                    TwoNodes.jira.comments().stream().collect(Collectors.groupingBy(JiraComment::issueKey,
                            Collectors.mapping(JiraComment::text, Collectors.toList()))),
                    audit("action=KEY_PURGED").findValuesAsText("keyId"));
        }

        boolean showAll(List<Case> cases, List<String> auditIds) {
            for (int i = 0; i < cases.size(); i++) {
                if (count(ownerMails, auditIds.get(i)) == 0 || count(comments.getOrDefault(cases.get(i).ticket(), List.of()),
                        auditIds.get(i)) == 0 || !purgedKeys.contains(cases.get(i).device().osKey().keyId())) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void releasesOnBothNodesEachCauseOneEmailOneTicketCommentAndOnePurge() throws Exception {
        TwoNodes.stepUp(REALM, TestRealm.ADMIN); // one login (and TOTP code) for the releases below
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cases.add(newCase(i % 2 == 0 ? a : b, "TASKS-PC-" + i));
        }
        // Released at the same time, half at each node; each device checks in at the other one.
        ExecutorService pool = Executors.newFixedThreadPool(cases.size());
        List<String> auditIds = new ArrayList<>();
        try {
            List<Future<String>> released = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                KeycloakNode revealAt = i % 2 == 0 ? a : b;
                KeycloakNode checkInAt = revealAt == a ? b : a;
                released.add(pool.submit(() -> releaseAndRotate(c, revealAt, checkInAt)));
            }
            for (Future<String> f : released) {
                auditIds.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        Effects effects = Eventually.await(Effects::now, e -> e.showAll(cases, auditIds), 30);
        assertThat(effects.showAll(cases, auditIds)).as("every release mailed, commented and its old key purged: %s", effects)
                .isTrue();
        // A later release has gone through the same tasks since: a second delivery of the first ones would be here by now.
        Case later = newCase(a, "TASKS-PC-LATER");
        String laterAudit = releaseAndRotate(later, b, a);
        effects = Eventually.await(Effects::now, e -> e.showAll(List.of(later), List.of(laterAudit)), 30);
        assertThat(effects.showAll(List.of(later), List.of(laterAudit))).isTrue();

        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String auditId = auditIds.get(i);
            assertThat(count(effects.ownerMails(), auditId)).as("owner's e-mails about release %s", auditId).isEqualTo(1);
            assertThat(effects.comments().get(c.ticket())).as("comments on %s", c.ticket()).hasSize(1);
            assertThat(effects.comments().get(c.ticket()).get(0)).contains(auditId);
            assertThat(effects.purgedKeys()).as("purges of the released key").containsOnlyOnce(c.device().osKey().keyId());
            assertThat(audit("action=TICKET_ANNOTATED&ticket=" + c.ticket())).as("write-back audited once").hasSize(1);
            assertThat(audit("action=ROTATION_COMPLETED&deviceId=" + c.device().deviceId())).hasSize(1);
        }
        assertThat(effects.ownerMails()).noneMatch(t -> Fleet.RECOVERY_PASSWORD_SHAPE.matcher(t).find());
        assertThat(TwoNodes.jira.comments()).noneMatch(c -> Fleet.RECOVERY_PASSWORD_SHAPE.matcher(c.text()).find());
    }

    private static Api.Reply requestRelease(KeycloakNode node, Case c) {
        return balanced(Api.post(api(node, REALM) + "/keys/" + c.device().deviceId() + "/requests",
                "{\"ticket\":\"" + c.ticket() + "\",\"reason\":\"" + REASON + "\"}"))
                .bearer(TwoNodes.password(REALM, TestRealm.HELPDESK)).send();
    }

    private static String status(String requestId) {
        return balanced(Api.get(api(a, REALM) + "/requests/" + requestId)).bearer(TwoNodes.password(REALM, TestRealm.HELPDESK))
                .send().json().path("status").asText();
    }

    @Test
    void eachOverdueReleaseRequestExpiresOnceWithOneAuditEntry() throws SQLException {
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            KeycloakNode node = i % 2 == 0 ? a : b;
            Api.Reply asked = requestRelease(node, newCase(node, "EXPIRY-PC-" + i));
            assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
            requestIds.add(asked.json().path("requestId").asText());
        }
        // Two are approved (and then not used), two stay pending.
        for (String approved : requestIds.subList(0, 2)) {
            Api.Reply decided = balanced(Api.post(api(b, REALM) + "/requests/" + approved + "/approve", "{}"))
                    .bearer(TwoNodes.stepUp(REALM, TestRealm.APPROVER)).send();
            assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        }

        // Their time runs out (what 24 hours, or an hour, would do).
        try (Connection db = TwoNodes.database();
             PreparedStatement overdue = db.prepareStatement("UPDATE BLK_RELEASE_REQUEST SET EXPIRES_AT = ? WHERE ID = ?")) {
            for (String id : requestIds) {
                overdue.setLong(1, System.currentTimeMillis() - 1000);
                overdue.setString(2, id);
                assertThat(overdue.executeUpdate()).isEqualTo(1);
            }
        }

        Map<String, String> statuses = Eventually.await(() -> requestIds.stream().collect(Collectors.toMap(Function.identity(),
                ScheduledTasksOnTwoNodes::status)), s -> Set.copyOf(s.values()).equals(Set.of("EXPIRED")), 20);
        assertThat(statuses).as("every request expired").allSatisfy((id, s) -> assertThat(s).isEqualTo("EXPIRED"));
        List<String> expiries = new ArrayList<>();
        audit("action=RELEASE_REJECTED").forEach(e -> expiries.add(e.path("reason").asText()));
        for (String id : requestIds) {
            assertThat(count(expiries, "(request " + id + ")")).as("expiry entries of request %s", id).isEqualTo(1);
        }
    }

    @Test
    void theEntraSyncRunsOncePerIntervalAndNeverTwiceAtATime() throws Exception {
        String entraRealm = "cluster-entra-" + Long.toString(System.currentTimeMillis(), 36);
        TwoNodes.graph.registerApp(TENANT, GRAPH_CLIENT, GRAPH_SECRET, null, GraphPermissions.ALL);
        TwoNodes.graph.generateFleet(3, 16);
        TwoNodes.createStaffRealm(entraRealm, "{\"enabled\":true,\"keySource\":\"entra\",\"entra\":{\"tenantId\":\"" + TENANT
                + "\",\"clientId\":\"" + GRAPH_CLIENT + "\",\"clientSecret\":\"" + GRAPH_SECRET + "\",\"authorityHost\":\""
                + TwoNodes.graph.baseUrl() + "/\",\"graphBaseUrl\":\"" + TwoNodes.graph.baseUrl() + "\"}}");
        try {
            JsonNode first = Eventually.await(() -> syncState(entraRealm), s -> !s.path("lastSuccessAt").asText("").isEmpty(), 60);
            assertThat(first.path("lastSuccessAt").asText("")).as("a first run: %s", first).isNotEmpty();
            assertThat(first.path("devices").asLong()).isEqualTo(3);

            // Both nodes look every second; the realm is due every ENTRA_SYNC_SECONDS. The next three runs, as they start.
            TwoNodes.graph.clearRequests();
            List<Long> starts = arrivals(() -> runStarts(TwoNodes.graph.requests()).size(), 3, 40);
            List<RecordedRequest> requests = TwoNodes.graph.requests();

            assertThat(starts).as("runs started within 40 s").hasSize(3);
            for (int i = 1; i < starts.size(); i++) {
                assertThat(starts.get(i) - starts.get(i - 1)).as("time between run starts (ms)")
                        .isGreaterThanOrEqualTo(TwoNodes.ENTRA_SYNC_SECONDS * 1000L - 200);
            }
            // Each run asks for the same pages in the same order, none interleaved with another's.
            List<List<String>> runs = runs(requests);
            assertThat(runs.subList(0, runs.size() - 1)).as("%s", runs).allSatisfy(run -> assertThat(run).isEqualTo(runs.get(0)));
            assertThat(runs.get(0)).startsWith(runs.get(runs.size() - 1).toArray(String[]::new));
        } finally {
            TwoNodes.configure(entraRealm, "{\"enabled\":false}");
        }
    }

    @Test
    void theAuditorsDigestGoesOutOncePerInterval() throws Exception {
        String digestRealm = "cluster-digest-" + Long.toString(System.currentTimeMillis(), 36);
        String auditors = "digest-" + Long.toString(System.nanoTime(), 36) + "@example.test";
        TwoNodes.createStaffRealm(digestRealm, "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"notifications\":{\"auditorEmails\":[\"" + auditors + "\"]}}");
        try {
            // A device whose encryption failed: every digest has something to say.
            var failed = TwoNodes.checkIn(b, digestRealm, TestRealm.AGENT_CLIENT, TestRealm.AGENT_SECRET, DeviceAgent.withNewKey(),
                    Fleet.guid(), Fleet.checkInBody("DIGEST-FAILED-PC", null, "FAILED", List.of()));
            assertThat(failed.statusCode()).as(failed.body()).isEqualTo(200);
            // A digest goes out at once (the realm never had one); both nodes look every DIGEST_SECONDS from then on.
            int first = Eventually.await(() -> mailsTo(auditors).size(), n -> n > 0, 30);
            assertThat(first).as("the first digest").isEqualTo(1);
            List<Long> arrivals = arrivals(() -> mailsTo(auditors).size() - first, 3, 40);

            assertThat(arrivals).as("further digests within 40 s").hasSize(3);
            assertThat(mailsTo(auditors)).allSatisfy(m -> assertThat(m.subject()).startsWith("BitLocker key escrow: "));
            for (int i = 1; i < arrivals.size(); i++) {
                // Due an interval after the last one, less a tenth of it (the task's slack); two at once would be 0.
                assertThat(arrivals.get(i) - arrivals.get(i - 1)).as("time between digests (ms)")
                        .isGreaterThanOrEqualTo(TwoNodes.DIGEST_SECONDS * 900L - 200);
            }
        } finally {
            TwoNodes.configure(digestRealm, "{\"enabled\":false}");
        }
    }

    /**
     * When each of the first {@code count} things {@code counter} counts was seen, looking every 25 ms for at most
     * {@code seconds}: two that come together get the same time.
     */
    private static List<Long> arrivals(IntSupplier counter, int count, int seconds) throws InterruptedException {
        List<Long> seenAt = new ArrayList<>();
        long until = System.currentTimeMillis() + seconds * 1000L;
        while (seenAt.size() < count && System.currentTimeMillis() < until) {
            int now = Math.min(counter.getAsInt(), count);
            while (seenAt.size() < now) {
                seenAt.add(System.currentTimeMillis());
            }
            Thread.sleep(25);
        }
        return seenAt;
    }

    private static JsonNode syncState(String realm) {
        return balanced(Api.get(api(a, realm) + "/escrow/status")).bearer(TwoNodes.password(realm, TestRealm.AUDITOR))
                .send().json().path("sync");
    }

    private static boolean graphApi(RecordedRequest r) {
        return !r.path().contains("oauth2");
    }

    /** A run begins with the first page of Intune's managed devices. */
    private static boolean startsARun(RecordedRequest r) {
        return r.path().endsWith("/managedDevices") && !r.query().contains("skiptoken");
    }

    private static List<RecordedRequest> runStarts(List<RecordedRequest> requests) {
        return requests.stream().filter(ScheduledTasksOnTwoNodes::startsARun).toList();
    }

    /** The Graph requests (paths and queries), cut where a run begins; what came before the first start is left out. */
    private static List<List<String>> runs(List<RecordedRequest> requests) {
        List<List<String>> runs = new ArrayList<>();
        for (RecordedRequest r : requests) {
            if (startsARun(r)) {
                runs.add(new ArrayList<>());
            }
            if (!runs.isEmpty() && graphApi(r)) {
                runs.get(runs.size() - 1).add(r.method() + " " + r.path() + "?" + r.query());
            }
        }
        return runs;
    }
}
