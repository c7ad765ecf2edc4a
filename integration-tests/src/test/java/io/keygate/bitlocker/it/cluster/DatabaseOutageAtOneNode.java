package io.keygate.bitlocker.it.cluster;

import static io.keygate.bitlocker.it.cluster.TwoNodes.a;
import static io.keygate.bitlocker.it.cluster.TwoNodes.api;
import static io.keygate.bitlocker.it.cluster.TwoNodes.b;
import static io.keygate.bitlocker.it.cluster.TwoNodes.balanced;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.KeycloakNode;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.simulators.agent.DeviceAgent;
import org.junit.jupiter.api.Test;

/**
 * Node B's database connection is cut three times while owners reveal at it (every connection reset, new ones
 * refused, as when the database host goes away), and given back each time. SPEC §3 step 9: no key leaves without
 * its committed audit entry; the rest is a 503 problem, never a server error; nothing half-written. Run as
 * {@link TwoNodeClusterTest.DatabaseOutage}, on its nodes.
 */
abstract class DatabaseOutageAtOneNode {

    private static final String REALM = "cluster-outage-" + Long.toString(System.currentTimeMillis(), 36);
    private static final int CLIENTS = 6;
    private static final int OUTAGES = 3;

    /** What one reveal got: its status and body, or the I/O failure that stood for them. */
    private record Answer(int status, String contentType, String body, boolean afterRestore) {
    }

    @Test
    void revealsWhileTheDatabaseIsGoneAreRefusedAndNoKeyLeavesWithoutItsAuditEntry() throws Exception {
        TwoNodes.createStaffRealm(REALM, "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"selfService\":{\"enabled\":true,\"requireStepUp\":false},\"rotation\":{\"afterReveal\":false},"
                + "\"notifications\":{\"notifyOwner\":false},\"limits\":{\"revealsPerUserPerHour\":100000}}");
        Fleet.Device device = TwoNodes.escrow(a, REALM, "OUTAGE-PC", TestRealm.OWNER, DeviceAgent.withNewKey());
        String owner = TwoNodes.password(REALM, TestRealm.OWNER);

        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean restored = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> {
                while (!done.get()) {
                    boolean after = restored.get();
                    try {
                        Api.Reply r = balanced(Api.post(api(b, REALM) + "/keys/" + device.deviceId() + "/reveal", "{}"))
                                .bearer(owner).send();
                        answers.add(new Answer(r.status(), String.valueOf(r.header("Content-Type")), r.body(), after));
                    } catch (RuntimeException e) {
                        answers.add(new Answer(-1, "", e.toString(), after)); // node B did not answer at all
                    }
                }
                return null;
            });
        }
        try {
            // Three outages, each cutting into whatever the reveals are doing at that moment (a policy read, the
            // audit entry's commit, the request's end), each once some reveals have gone through again.
            for (int outage = 0; outage < OUTAGES; outage++) {
                long before = released(answers);
                Eventually.await(() -> released(answers), n -> n >= before + 5, 60);
                TwoNodes.databaseOfB.cut();
                Thread.sleep(1_500); // the outage: reveals keep coming
                TwoNodes.databaseOfB.restore();
            }
            restored.set(true);
            long servedAgain = Eventually.await(() -> released(answers, true), n -> n >= 10, 90);
            assertThat(servedAgain).as("reveals at node B after the database is back").isGreaterThanOrEqualTo(10);
        } finally {
            done.set(true);
            TwoNodes.databaseOfB.restore();
            clients.shutdown();
            clients.awaitTermination(90, TimeUnit.SECONDS);
        }

        List<Answer> all = List.copyOf(answers);
        List<Answer> refused = all.stream().filter(r -> r.status() != 200).toList();
        assertThat(refused).as("some reveals met the outages").isNotEmpty();
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
            assertThat(Api.JSON.readTree(r.body()).path("code").asText()).as(r.toString()).isEqualTo("audit_unavailable");
            assertThat(r.body()).as(r.toString()).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE)
                    .doesNotContain("Exception", "<html", "\tat ");
        });

        // Every key that left has its committed KEY_REVEALED entry, whichever node reads the log.
        List<String> releasedAudits = all.stream().filter(r -> r.status() == 200).map(r -> json(r.body()))
                .peek(j -> assertThat(j.path("recoveryPassword").asText()).isEqualTo(device.osKey().recoveryPassword()))
                .map(j -> j.path("auditId").asText()).toList();
        String auditor = TwoNodes.password(REALM, TestRealm.AUDITOR);
        List<String> revealedEntries = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = balanced(Api.get(api(a, REALM) + "/keys/audit?action=KEY_REVEALED&max=500"
                    + (after == null ? "" : "&after=" + after))).bearer(auditor).send().json();
            page.path("items").forEach(e -> revealedEntries.add(e.path("id").asText()));
            after = page.path("next").isNull() ? null : page.path("next").asText(null);
        } while (after != null);
        assertThat(Set.copyOf(revealedEntries)).as("KEY_REVEALED entries").containsAll(releasedAudits);

        // Nothing half-written: one valid chain at both nodes, and both read the same one.
        List<JsonNode> heads = new ArrayList<>();
        for (KeycloakNode node : List.of(a, b)) {
            JsonNode verified = balanced(Api.get(api(node, REALM) + "/keys/audit/verify")).bearer(auditor).send().json();
            assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
            heads.add(verified.path("head"));
        }
        assertThat(heads.get(1)).as("the head node B reads").isEqualTo(heads.get(0));
        // Nor a key in either node's log.
        for (KeycloakNode node : List.of(a, b)) {
            assertThat(Files.readString(node.log())).doesNotContain(device.osKey().recoveryPassword());
        }
    }

    private static long released(List<Answer> answers) {
        synchronized (answers) {
            return answers.stream().filter(r -> r.status() == 200).count();
        }
    }

    /** Reveals answered 200 after the last outage ended ({@code true}), or before. */
    private static long released(List<Answer> answers, boolean afterRestore) {
        synchronized (answers) {
            return answers.stream().filter(r -> r.status() == 200 && r.afterRestore() == afterRestore).count();
        }
    }

    private static JsonNode json(String body) {
        try {
            return Api.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }
}
