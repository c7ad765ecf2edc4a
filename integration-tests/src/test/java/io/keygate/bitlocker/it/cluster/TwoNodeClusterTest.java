package io.keygate.bitlocker.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.AuditChain;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.KeycloakNode;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.agent.DeviceAgent;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.simulators.siem.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Keycloak nodes on loopback sharing one PostgreSQL database, clustered by Keycloak itself
 * ({@code --cache=ispn}, the default {@code jdbc-ping} discovery), behind one public address: requests
 * that stand for the load balancer's carry its {@code X-Forwarded-*} headers ({@code --proxy-headers}). Needs a PostgreSQL database of its own:
 * {@code KEYGATE_CLUSTER_DB_URL} (with {@code KEYGATE_CLUSTER_DB_USER}/{@code _PASSWORD}); {@code .ci/run}
 * sets them in its PostgreSQL leg.
 *
 * <p>The nodes start once (about 40 s each) for this class and its nested classes, which run after its own
 * tests in their order: background tasks, work handed between nodes, a database outage at node B, and last
 * node A killed. The nested classes' tests live in {@link ScheduledTasksOnTwoNodes}, {@link WorkAcrossNodes}
 * and {@link DatabaseOutageAtOneNode}; {@link TwoNodes} holds the nodes and what they talk to.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {

    /** A realm of this run: the database may hold those of earlier runs. */
    private static final String REALM = "cluster-" + Long.toString(System.currentTimeMillis(), 36);
    private static final String CLIENT = "cluster-tests";
    private static final String AGENT = "cluster-agent";
    private static final String AGENT_SECRET = "cluster-agent-secret";
    private static final String OWNER = "otto.owner";
    private static final String HELPDESK = "hanna.helpdesk";
    private static final String PASSWORD = "Passw0rd!";
    private static final String PUBLIC_URL = TwoNodes.PUBLIC_URL;
    private static final int REVEALS_PER_HOUR = 5;
    private static final String SECRET = TwoNodes.SIEM_SECRET;

    /** The key-encryption key the cache test rotates to (bytes 0–31). */
    private static final String CACHE_TEST_KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static WebhookReceiver webhook;

    private static KeycloakNode a;
    private static KeycloakNode b;

    @BeforeAll
    static void startCluster() throws IOException {
        String url = TwoNodes.databaseUrl();
        assumeTrue(url != null && !url.isBlank(), "KEYGATE_CLUSTER_DB_URL names no PostgreSQL database for the two nodes");
        TwoNodes.start();
        a = TwoNodes.a;
        b = TwoNodes.b;
        webhook = TwoNodes.webhook;
        createRealm();
    }

    @AfterAll
    static void stopCluster() {
        TwoNodes.stop();
    }

    private static String admin() {
        return Tokens.password(a.baseUrl(), "master", "admin-cli", "admin", "admin");
    }

    private static String api(KeycloakNode node) {
        return node.baseUrl() + "/realms/" + REALM + "/devices/security/bitlocker";
    }

    /** A realm with a device owner, a device agent and self-service without step-up (no browser login needed). */
    private static void createRealm() {
        String realm = "{\"realm\":\"" + REALM + "\",\"enabled\":true,"
                + "\"roles\":{\"realm\":[{\"name\":\"bitlocker-escrow-agent\"},{\"name\":\"bitlocker-helpdesk\"}]},"
                + "\"clients\":[{\"clientId\":\"" + CLIENT + "\",\"publicClient\":true,\"directAccessGrantsEnabled\":true,"
                + "\"fullScopeAllowed\":true},{\"clientId\":\"" + AGENT + "\",\"publicClient\":false,\"secret\":\"" + AGENT_SECRET + "\","
                + "\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,\"fullScopeAllowed\":true}],"
                + "\"users\":[{\"username\":\"" + OWNER + "\",\"enabled\":true,\"firstName\":\"Otto\",\"lastName\":\"Owner\","
                + "\"email\":\"otto@example.test\",\"emailVerified\":true,"
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + PASSWORD + "\",\"temporary\":false}]},"
                + "{\"username\":\"" + HELPDESK + "\",\"enabled\":true,\"firstName\":\"Hanna\",\"lastName\":\"Helpdesk\","
                + "\"email\":\"hanna@example.test\",\"emailVerified\":true,\"realmRoles\":[\"bitlocker-helpdesk\"],"
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + PASSWORD + "\",\"temporary\":false}]},"
                + "{\"username\":\"service-account-" + AGENT + "\",\"enabled\":true,\"serviceAccountClientId\":\"" + AGENT + "\","
                + "\"realmRoles\":[\"bitlocker-escrow-agent\"]}]}";
        TwoNodes.createRealm(REALM, realm,
                "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},\"rotation\":{\"afterReveal\":false},"
                        + "\"access\":{\"clients\":[\"" + CLIENT + "\"]},"
                        + "\"selfService\":{\"enabled\":true,\"requireStepUp\":false},"
                        + "\"notifications\":{\"notifyOwner\":false},\"limits\":{\"revealsPerUserPerHour\":" + REVEALS_PER_HOUR + "},"
                        + "\"forwarding\":{\"webhook\":{\"enabled\":true,\"url\":\"" + webhook.url() + "\",\"secret\":\"" + SECRET + "\"}}}");
    }

    /**
     * A check-in at {@code node} through the load balancer (its public address in {@code X-Forwarded-*}),
     * with exactly this token and proof.
     */
    private static HttpResponse<String> checkIn(KeycloakNode node, String deviceId, String body, String token, String proof) {
        return TwoNodes.checkIn(node, "/realms/" + REALM + "/devices/security/bitlocker/escrow/devices/" + deviceId, body, token, proof);
    }

    private static Fleet.Device escrowAtA(DeviceAgent agent, String name) throws IOException {
        return escrowAt(a, agent, name);
    }

    private static Fleet.Device escrowAt(KeycloakNode node, DeviceAgent agent, String name) throws IOException {
        Fleet.Device device = new Fleet.Device(Fleet.guid(), name,
                List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM")));
        String token = agent.token(a.baseUrl(), REALM, AGENT, AGENT_SECRET);
        String body = Fleet.checkInBody(name, OWNER, "ENCRYPTED", device.keys());
        // The proof names the public address: either node may take the request.
        String proof = agent.proof("PUT", PUBLIC_URL + "/realms/" + REALM + "/devices/security/bitlocker/escrow/devices/"
                + device.deviceId(), token);
        HttpResponse<String> reply = checkIn(node, device.deviceId(), body, token, proof);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return device;
    }

    @Test
    @Order(1)
    void aDpopProofUsedAtOneNodeIsRefusedAtTheOther() throws IOException {
        DeviceAgent agent = DeviceAgent.withNewKey();
        Fleet.Device device = new Fleet.Device(Fleet.guid(), "CLUSTER-REPLAY",
                List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM")));
        String token = agent.token(a.baseUrl(), REALM, AGENT, AGENT_SECRET);
        String body = Fleet.checkInBody(device.deviceName(), OWNER, "ENCRYPTED", device.keys());
        String proof = agent.proof("PUT", PUBLIC_URL + "/realms/" + REALM + "/devices/security/bitlocker/escrow/devices/"
                + device.deviceId(), token);

        HttpResponse<String> first = checkIn(a, device.deviceId(), body, token, proof);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        HttpResponse<String> replayed = checkIn(b, device.deviceId(), body, token, proof);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(401);
        assertThat(replayed.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_dpop_proof");

        // A fresh proof is taken by the other node: the refusal was the replay, not the node.
        String fresh = agent.proof("PUT", PUBLIC_URL + "/realms/" + REALM + "/devices/security/bitlocker/escrow/devices/"
                + device.deviceId(), token);
        assertThat(checkIn(b, device.deviceId(), body, token, fresh).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void concurrentRevealsOnBothNodesKeepOneChainAndTheHourlyLimitExact() throws Exception {
        Fleet.Device device = escrowAtA(DeviceAgent.withNewKey(), "CLUSTER-REVEALS");
        String tokenA = Tokens.password(a.baseUrl(), REALM, CLIENT, OWNER, PASSWORD);
        String tokenB = Tokens.password(b.baseUrl(), REALM, CLIENT, OWNER, PASSWORD);
        int requests = 16;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                KeycloakNode node = i % 2 == 0 ? a : b;
                String token = i % 2 == 0 ? tokenA : tokenB;
                Callable<Api.Reply> reveal = () -> Api.post(api(node) + "/keys/" + device.deviceId() + "/reveal", "{}")
                        .bearer(token).send();
                replies.add(pool.submit(reveal));
            }
            List<Api.Reply> answered = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                answered.add(reply.get());
            }
            assertThat(answered).extracting(Api.Reply::status).containsOnly(200, 429);
            assertThat(answered.stream().filter(r -> r.status() == 200).count())
                    .as("releases across both nodes: exactly the hourly limit").isEqualTo(REVEALS_PER_HOUR);
            assertThat(answered.stream().filter(r -> r.status() == 200))
                    .allMatch(r -> r.json().path("recoveryPassword").asText().equals(device.osKey().recoveryPassword()));
            assertThat(answered.stream().filter(r -> r.status() == 429)).allMatch(r -> "rate_limited".equals(r.code()));
        } finally {
            pool.shutdownNow();
        }

        // One linear chain, whichever node appended: verified at both.
        String auditor = ownerAsAuditor();
        for (KeycloakNode node : List.of(a, b)) {
            // A token of the node it is sent to (each node answers on its own address here).
            JsonNode chain = Api.get(api(node) + "/keys/audit/verify")
                    .bearer(Tokens.password(node.baseUrl(), REALM, CLIENT, OWNER, PASSWORD)).send().json();
            assertThat(chain.path("valid").asBoolean()).as(chain.toString()).isTrue();
        }
        JsonNode released = Api.get(api(a) + "/keys/audit?action=KEY_REVEALED&deviceId=" + device.deviceId())
                .bearer(auditor).send().json().path("items");
        assertThat(released).hasSize(REVEALS_PER_HOUR);
    }

    /** The realm's log in chain order, read at {@code node}. */
    private static List<String> chainIds(KeycloakNode node) {
        return AuditChain.ids(api(node), Tokens.password(node.baseUrl(), REALM, CLIENT, OWNER, PASSWORD));
    }

    private static List<String> webhookIds() {
        return webhook.entries().stream().map(e -> e.path("id").asText()).toList();
    }

    @Test
    @Order(3)
    void forwardingRunsOnOneNodeAtATimeEveryEntryOnceInOrder() {
        ownerAsAuditor();
        // Both nodes run the forwarding task every second; entries are appended at both.
        for (KeycloakNode node : List.of(a, b, a, b)) {
            Api.Reply checkpoint = Api.get(api(node) + "/keys/audit/checkpoint")
                    .bearer(Tokens.password(node.baseUrl(), REALM, CLIENT, OWNER, PASSWORD)).send();
            assertThat(checkpoint.status()).as(checkpoint.toString()).isEqualTo(200);
        }
        List<String> chain = Eventually.await(() -> chainIds(a), ids -> ids.equals(webhookIds()), 60);
        assertThat(webhookIds()).as("delivered by the cluster: each entry once, in chain order").containsExactlyElementsOf(chain);
        assertThat(webhook.replayed()).as("the receiver drops repeated IDs: none came twice").isEmpty();
        assertThat(webhook.rejected()).isZero();
    }

    @Test
    @Order(4)
    void aSiemAnsweringTooManyRequestsLosesNothingAndTheOutageIsAuditedOnceByTheCluster() {
        ownerAsAuditor();
        // The SIEM throttles (429, no Retry-After) while entries are appended at both nodes.
        webhook.failNext(429, 3);
        for (KeycloakNode node : List.of(a, b, a, b)) {
            Api.Reply checkpoint = Api.get(api(node) + "/keys/audit/checkpoint")
                    .bearer(Tokens.password(node.baseUrl(), REALM, CLIENT, OWNER, PASSWORD)).send();
            assertThat(checkpoint.status()).as(checkpoint.toString()).isEqualTo(200);
        }
        List<String> chain = Eventually.await(() -> chainIds(a), ids -> ids.equals(webhookIds()), 60);
        assertThat(webhookIds()).as("delivered after the throttling: each entry once, in chain order").containsExactlyElementsOf(chain);
        assertThat(webhook.replayed()).as("the receiver drops repeated IDs: none came twice").isEmpty();
        JsonNode failures = Api.get(api(a) + "/keys/audit?action=AUDIT_FORWARDING_FAILED")
                .bearer(Tokens.password(a.baseUrl(), REALM, CLIENT, OWNER, PASSWORD)).send().json().path("items");
        assertThat(failures).as("one outage, audited once by whichever node met it").hasSize(1);
        assertThat(failures.get(0).path("reason").asText()).contains("429");
    }

    /**
     * Each node keeps the realm's configuration in a cache of its own; a change committed at node A is what the
     * next request at node B sees (issue 23 item 2): a configuration change, then a KEK rotation.
     */
    @Test
    @Order(5)
    void aConfigurationChangeAndAKekRotationAtOneNodeAreWhatTheNextRequestAtTheOtherSees() throws IOException {
        DeviceAgent agent = DeviceAgent.withNewKey();
        Fleet.Device device = escrowAtA(agent, "CLUSTER-CACHE");
        String tokenB = Tokens.password(b.baseUrl(), REALM, CLIENT, OWNER, PASSWORD);
        String viewAtB = api(b) + "/keys/" + device.deviceId();
        // Node B reads the configuration, and keeps it.
        assertThat(Api.get(viewAtB).bearer(tokenB).send().status()).isEqualTo(200);
        assertThat(Api.get(viewAtB).bearer(tokenB).send().status()).isEqualTo(200);

        String config = a.baseUrl() + "/admin/realms/" + REALM + "/bitlocker/config";
        assertThat(Api.put(config, "{\"enabled\":false}").bearer(admin()).send().status()).isEqualTo(200);
        Api.Reply disabled = Api.get(viewAtB).bearer(tokenB).send();
        assertThat(disabled.status()).as("node B after node A disabled the realm: %s", disabled).isEqualTo(404);
        assertThat(disabled.code()).isEqualTo("not_enabled");
        // Enabled again, with room for the reveals below (the earlier tests used the hour's).
        assertThat(Api.put(config, "{\"enabled\":true,\"limits\":{\"revealsPerUserPerHour\":1000}}").bearer(admin()).send()
                .status()).isEqualTo(200);
        assertThat(Api.get(viewAtB).bearer(tokenB).send().status()).as("node B after node A enabled it again").isEqualTo(200);

        Api.Reply rotated = Api.post(a.baseUrl() + "/admin/realms/" + REALM + "/bitlocker/kek",
                "{\"kek\":\"" + CACHE_TEST_KEK + "\"}").bearer(admin()).send();
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        // Node B opens the re-wrapped key with the new KEK, and seals a new device's key under it.
        Api.Reply revealed = Api.post(viewAtB + "/reveal", "{}").bearer(tokenB).send();
        assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
        assertThat(revealed.json().path("recoveryPassword").asText()).isEqualTo(device.osKey().recoveryPassword());
        Fleet.Device sealedAtB = escrowAt(b, DeviceAgent.withNewKey(), "CLUSTER-CACHE-AFTER-KEK");
        Api.Reply revealedAtA = Api.post(api(a) + "/keys/" + sealedAtB.deviceId() + "/reveal", "{}")
                .bearer(Tokens.password(a.baseUrl(), REALM, CLIENT, OWNER, PASSWORD)).send();
        assertThat(revealedAtA.status()).as(revealedAtA.toString()).isEqualTo(200);
        assertThat(revealedAtA.json().path("recoveryPassword").asText()).isEqualTo(sealedAtB.osKey().recoveryPassword());
    }

    /**
     * Each node keeps the devices it shows in a cache of its own; a change of a device committed at node A — a new
     * key, a rotation opened by a reveal, another owner — is what the next view at node B shows (issue 23 item 2).
     */
    @Test
    @Order(6)
    void aDeviceChangeAtOneNodeIsWhatTheNextViewAtTheOtherSees() throws IOException {
        DeviceAgent agent = DeviceAgent.withNewKey();
        Fleet.Device device = escrowAtA(agent, "CLUSTER-DEVICE-CACHE");
        String tokenB = Tokens.password(b.baseUrl(), REALM, CLIENT, OWNER, PASSWORD);
        String viewAtB = api(b) + "/keys/" + device.deviceId();
        String helpdeskB = Tokens.password(b.baseUrl(), REALM, CLIENT, HELPDESK, PASSWORD);
        String pageAtB = api(b) + "/keys?search=CLUSTER-DEVICE-CACHE";
        // Node B reads the device, on its own and on a page of the list, and the names shared; and keeps them.
        for (int read = 0; read < 2; read++) {
            assertThat(Api.get(viewAtB).bearer(tokenB).send().json().path("keys")).hasSize(1);
            assertThat(Api.get(pageAtB).bearer(helpdeskB).send().json().path("items").path(0).path("keys")).hasSize(1);
            assertThat(duplicateNames(helpdeskB)).doesNotContain(device.deviceId());
        }

        Fleet.Key dataKey = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "FIXED_DATA");
        checkInAgainAt(a, agent, device, OWNER, List.of(device.osKey(), dataKey));
        JsonNode withDataKey = Api.get(viewAtB).bearer(tokenB).send().json();
        assertThat(withDataKey.path("keys")).as("node B after a check-in at node A: %s", withDataKey).hasSize(2);
        JsonNode pageWithDataKey = Api.get(pageAtB).bearer(helpdeskB).send().json();
        assertThat(pageWithDataKey.path("items").path(0).path("keys")).as("node B's page: %s", pageWithDataKey).hasSize(2);
        Fleet.Device twin = escrowAtA(DeviceAgent.withNewKey(), "cluster-device-cache");
        assertThat(duplicateNames(helpdeskB)).as("node B after a device of the same name at node A")
                .contains(device.deviceId(), twin.deviceId());

        // Node B reads the device's audit page twice (the owner is an auditor since the second case); and keeps it.
        String auditAtB = api(b) + "/keys/audit?deviceId=" + device.deviceId();
        JsonNode auditBefore = Api.get(auditAtB).bearer(tokenB).send().json().path("items");
        assertThat(Api.get(auditAtB).bearer(tokenB).send().json().path("items")).isEqualTo(auditBefore);
        assertThat(auditBefore.findValuesAsText("action")).isNotEmpty().doesNotContain("KEY_REVEALED");

        String config = a.baseUrl() + "/admin/realms/" + REALM + "/bitlocker/config";
        assertThat(Api.put(config, "{\"rotation\":{\"afterReveal\":true}}").bearer(admin()).send().status()).isEqualTo(200);
        Api.Reply revealedAtA = Api.post(api(a) + "/keys/" + device.deviceId() + "/reveal", "{}")
                .bearer(Tokens.password(a.baseUrl(), REALM, CLIENT, OWNER, PASSWORD)).send();
        assertThat(revealedAtA.status()).as(revealedAtA.toString()).isEqualTo(200);
        String rotationId = revealedAtA.json().path("rotation").path("rotationId").asText();
        assertThat(rotationId).isNotEmpty();
        JsonNode rotation = Api.get(viewAtB).bearer(tokenB).send().json().path("rotation");
        assertThat(rotation.path("rotationId").asText()).as("node B after a reveal at node A: %s", rotation).isEqualTo(rotationId);
        assertThat(rotation.path("status").asText()).isEqualTo("PENDING");
        JsonNode auditAfter = Api.get(auditAtB).bearer(tokenB).send().json().path("items");
        assertThat(auditAfter.findValuesAsText("action")).as("node B's audit page after a reveal at node A")
                .contains("KEY_REVEALED");
        assertThat(auditAfter.size()).isGreaterThan(auditBefore.size());
        assertThat(Api.put(config, "{\"rotation\":{\"afterReveal\":false}}").bearer(admin()).send().status()).isEqualTo(200);

        // The agent names someone who is no user of the realm: the device has no realm owner any more.
        checkInAgainAt(a, agent, device, "nobody@example.test", List.of(device.osKey(), dataKey));
        Api.Reply notOwned = Api.get(viewAtB).bearer(tokenB).send();
        assertThat(notOwned.status()).as("node B after an owner change at node A: %s", notOwned).isEqualTo(403);
        JsonNode ownAtB = Api.get(api(b) + "/me/devices").bearer(tokenB).send().json();
        ownAtB.forEach(d -> assertThat(d.path("deviceId").asText()).isNotEqualTo(device.deviceId()));
    }

    /** The devices node B's escrow status flags {@code duplicateName}. */
    private static List<String> duplicateNames(String helpdeskToken) {
        List<String> flagged = new java.util.ArrayList<>();
        Api.get(api(b) + "/escrow/status").bearer(helpdeskToken).send().json().path("attention").forEach(d -> {
            if (d.path("duplicateName").asBoolean(false)) {
                flagged.add(d.path("deviceId").asText());
            }
        });
        return flagged;
    }

    private static void checkInAgainAt(KeycloakNode node, DeviceAgent agent, Fleet.Device device, String owner,
            List<Fleet.Key> keys) throws IOException {
        String token = agent.token(a.baseUrl(), REALM, AGENT, AGENT_SECRET);
        String proof = agent.proof("PUT", PUBLIC_URL + "/realms/" + REALM + "/devices/security/bitlocker/escrow/devices/"
                + device.deviceId(), token);
        HttpResponse<String> reply = checkIn(node, device.deviceId(), Fleet.checkInBody(device.deviceName(), owner,
                "ENCRYPTED", keys), token, proof);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    }

    /** Background tasks of both nodes, on the work of a staff realm: each effect once (SPEC §12 "on one node at a time"). */
    @Nested
    @Order(1)
    class ScheduledTasks extends ScheduledTasksOnTwoNodes {
    }

    /** A release request, an approval and a rotation each begun at one node and finished at the other. */
    @Nested
    @Order(2)
    class HandOver extends WorkAcrossNodes {
    }

    /** Node B loses its database in the middle of reveals, and gets it back. */
    @Nested
    @Order(3)
    class DatabaseOutage extends DatabaseOutageAtOneNode {
    }

    /** A campaign's limit and its hourly ticket comment with releases at both nodes at once. */
    @Nested
    @Order(4)
    class Campaigns extends CampaignOnTwoNodes {
    }

    /** Last: node A does not come back. */
    @Nested
    @Order(5)
    class NodeKilled {

        @Test
        void whenOneNodeIsKilledTheOtherCarriesOn() throws Exception {
            Fleet.Device device = escrowAtA(DeviceAgent.withNewKey(), "CLUSTER-SURVIVOR");
            Api.Reply raised = Api.put(a.baseUrl() + "/admin/realms/" + REALM + "/bitlocker/config", "{\"limits\":{\"revealsPerUserPerHour\":1000}}")
                    .bearer(Tokens.password(a.baseUrl(), "master", "admin-cli", "admin", "admin")).send();
            assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
            // Node A dies with releases in flight (the kill is SIGKILL: no shutdown, no last commit).
            Map<String, Integer> leftA = revealAtAUntilItIsKilled();
            assertThat(leftA.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(20);
            // The survivor releases (the device and its key live in the shared database) and its chain holds.
            Api.Reply released = Api.post(api(b) + "/keys/" + device.deviceId() + "/reveal", "{}")
                    .bearer(Tokens.password(b.baseUrl(), REALM, CLIENT, OWNER, PASSWORD)).send();
            assertThat(released.status()).as(released.toString()).isEqualTo(200);
            assertThat(released.json().path("recoveryPassword").asText()).isEqualTo(device.osKey().recoveryPassword());
            JsonNode chain = Api.get(api(b) + "/keys/audit/verify").bearer(Tokens.password(b.baseUrl(), REALM, CLIENT, OWNER, PASSWORD))
                    .send().json();
            assertThat(chain.path("valid").asBoolean()).as(chain.toString()).isTrue();
            // And the forwarding the killed node may have held goes on from the survivor: at least once, in order
            // (a batch the killed node sent but had not recorded may arrive twice).
            Eventually.await(() -> chainIds(b), all -> all.equals(List.copyOf(new java.util.LinkedHashSet<>(webhookIds()))), 90);
            // No key left node A without its entry committed: the survivor's log has one for each.
            String auditor = Tokens.password(b.baseUrl(), REALM, CLIENT, OWNER, PASSWORD);
            for (Map.Entry<String, Integer> left : leftA.entrySet()) {
                Api.Reply page = Api.get(api(b) + "/keys/audit?action=KEY_REVEALED&max=200&deviceId=" + left.getKey())
                        .bearer(auditor).send();
                assertThat(page.status()).as(page.toString()).isEqualTo(200);
                JsonNode entries = page.json().path("items");
                assertThat(entries.size()).as("KEY_REVEALED entries of device %s against its keys that left node A",
                        left.getKey()).isGreaterThanOrEqualTo(left.getValue());
            }
        }

        /**
         * The owner reveals eight devices at node A over and over, a client per device, until node A is killed (after
         * at least 20 releases); how many times each device's key left it.
         */
        private Map<String, Integer> revealAtAUntilItIsKilled() throws Exception {
            List<Fleet.Device> devices = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                devices.add(escrowAtA(DeviceAgent.withNewKey(), "CLUSTER-IN-FLIGHT-" + i));
            }
            String token = Tokens.password(a.baseUrl(), REALM, CLIENT, OWNER, PASSWORD);
            Map<String, Integer> left = new ConcurrentHashMap<>();
            AtomicInteger total = new AtomicInteger();
            List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(devices.size());
            for (Fleet.Device d : devices) {
                clients.submit(() -> {
                    while (true) {
                        Api.Reply reply;
                        try {
                            reply = Api.post(api(a) + "/keys/" + d.deviceId() + "/reveal", "{}").bearer(token).send();
                        } catch (RuntimeException gone) {
                            return;
                        }
                        if (reply.status() != 200
                                || !reply.json().path("recoveryPassword").asText().equals(d.osKey().recoveryPassword())) {
                            refusals.add(reply.status() + " " + reply.json().path("error").asText());
                            return;
                        }
                        left.merge(d.deviceId(), 1, Integer::sum);
                        total.incrementAndGet();
                    }
                });
            }
            Eventually.await(total::get, n -> n >= 20 || !refusals.isEmpty(), 60);
            a.kill();
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            // Killed, node A answers nothing more; until then every release was the device's key.
            assertThat(refusals).isEmpty();
            return left;
        }
    }

    /** The owner, made auditor too, reads the log (realm role granted through the admin API). */
    private static String ownerAsAuditor() {
        String userId = Api.get(a.baseUrl() + "/admin/realms/" + REALM + "/users?exact=true&username=" + OWNER)
                .bearer(admin()).send().json().get(0).path("id").asText();
        JsonNode role = Api.get(a.baseUrl() + "/admin/realms/" + REALM + "/roles/bitlocker-auditor").bearer(admin()).send().json();
        Api.post(a.baseUrl() + "/admin/realms/" + REALM + "/users/" + userId + "/role-mappings/realm", "[" + role + "]")
                .bearer(admin()).send();
        return Tokens.password(a.baseUrl(), REALM, CLIENT, OWNER, PASSWORD);
    }
}
