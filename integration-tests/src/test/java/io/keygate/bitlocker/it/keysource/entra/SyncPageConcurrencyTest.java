package io.keygate.bitlocker.it.keysource.entra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.AuditChain;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.EntraRealm;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.graph.GraphDevice;
import io.keygate.bitlocker.simulators.graph.GraphPermissions;
import io.keygate.bitlocker.simulators.graph.GraphSimulator;
import io.keygate.bitlocker.simulators.graph.GraphUser;
import io.keygate.bitlocker.simulators.graph.RecoveryKey;
import io.keygate.bitlocker.simulators.graph.VolumeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;

/**
 * A first sync writes a page of up to 999 devices in parts of a hundred, each in a transaction of its own, without
 * the realm's chain lock: a part takes the lock only for its audit entries' insert and its commit. So reveals in the
 * same realm commit while the page is being written (issue 23), and a realm removed meanwhile keeps nothing of it.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class SyncPageConcurrencyTest {

    static final String TENANT = "7d9c1e2a-0000-4000-8000-00000000e1a1";
    static final String CLIENT = "0c4f6b1e-0000-4000-8000-0000000000d1";
    static final String SECRET = "entra-test-secret";
    /** With the one device known before, one full page of Windows devices. */
    static final int NEW_DEVICES = 998;

    static GraphSimulator graph;
    static GraphDevice oliviasDevice;
    static RecoveryKey oliviasKey;
    /** The fleet of the realm removed during its first sync: one full page of Windows devices. */
    static GraphSimulator removedRealmsGraph;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @BeforeAll
    static void startGraph() throws Exception {
        graph = GraphSimulator.startHttps(0);
        graph.registerApp(TENANT, CLIENT, SECRET, null, GraphPermissions.ALL);
        GraphUser olivia = graph.addUser(UUID.randomUUID().toString(), TestRealm.OWNER + "@example.test",
                TestRealm.OWNER + "@example.test");
        oliviasDevice = graph.addDevice("OLIVIA-SURFACE", olivia.id());
        oliviasKey = graph.addKey(oliviasDevice.deviceId(), VolumeType.OPERATING_SYSTEM_VOLUME,
                Instant.now().minus(3, ChronoUnit.DAYS));
        removedRealmsGraph = GraphSimulator.startHttps(0);
        removedRealmsGraph.registerApp(TENANT, CLIENT, SECRET, null, GraphPermissions.ALL);
        removedRealmsGraph.generateFleet(999, 29);
    }

    @AfterAll
    static void stopGraph() {
        graph.close();
        removedRealmsGraph.close();
    }

    private static String entraConfig(GraphSimulator simulator) {
        return "{\"enabled\":true,\"keySource\":\"entra\",\"entra\":{\"tenantId\":\"" + TENANT + "\",\"clientId\":\"" + CLIENT
                + "\",\"clientSecret\":\"" + SECRET + "\",\"authorityHost\":\"" + simulator.baseUrl() + "/\",\"graphBaseUrl\":\""
                + simulator.baseUrl() + "\",\"syncIntervalMinutes\":60},"
                + "\"ticketing\":{\"breakGlass\":true},\"rotation\":{\"afterReveal\":false},"
                + "\"limits\":{\"revealsPerUserPerHour\":10000}}";
    }

    /** Waits until the simulator answered the listing of Windows devices: the server now writes that page. */
    private static void awaitDevicesPage(GraphSimulator simulator) throws InterruptedException {
        Eventually.await(() -> simulator.requests().stream().anyMatch(r -> r.path().endsWith("/devices")
                && r.query() != null && r.query().contains("Windows")), answered -> answered, 300);
    }

    @Test
    void aRevealDoesNotWaitForTheSyncPageBeingWritten() throws Exception {
        Realms.configure(realm.getName(), entraConfig(graph));
        EntraRealm.syncAndWait(realm.getName(), 300);
        String admin = BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN);
        assertThat(reveal(admin).status()).isEqualTo(200);

        graph.generateFleet(NEW_DEVICES, 23);
        graph.reset();
        EntraRealm.syncNow(realm.getName());

        // Reveals one after the other, from the sync's start until it has written the page: the page's parts commit
        // fast, so the reveals must already be running when it begins.
        int reveals = 0;
        JsonNode sync = EntraRealm.status(realm.getName()).path("sync");
        while (!("IDLE".equals(sync.path("state").asText()) && sync.path("devices").asLong() > NEW_DEVICES)) {
            assertThat(reveals).as("reveals while the sync runs").isLessThan(5_000);
            Api.Reply revealed = reveal(admin);
            assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
            reveals++;
            sync = EntraRealm.status(realm.getName()).path("sync");
        }
        // The loop ended on the sync idle with the page written.
        List<JsonNode> chain = AuditChain.entries(Api.bitlocker(realm.getName()),
                Tokens.password(realm.getName(), TestRealm.AUDITOR));
        List<Integer> pageEscrows = new ArrayList<>();
        List<Integer> revealed = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            JsonNode entry = chain.get(i);
            if ("KEY_ESCROWED".equals(entry.path("action").asText())
                    && !oliviasDevice.deviceId().equalsIgnoreCase(entry.path("deviceId").asText())) {
                pageEscrows.add(i);
            } else if ("KEY_REVEALED".equals(entry.path("action").asText())) {
                revealed.add(i);
            }
        }
        assertThat(pageEscrows).hasSizeGreaterThan(NEW_DEVICES / 2);
        int first = pageEscrows.get(0);
        int last = pageEscrows.get(pageEscrows.size() - 1);
        // Committed while the page was still being written: between its first entries and its last.
        assertThat(revealed).as("%d reveals during a page of %d devices", reveals, NEW_DEVICES)
                .anySatisfy(i -> assertThat(i).isBetween(first, last));
    }

    @Test
    void aRealmRemovedWhileASyncPageIsWrittenKeepsNothingOfIt() throws Exception {
        String id = UUID.randomUUID().toString();
        String name = "removed-during-sync";
        createRealm(id, name);
        Realms.configure(name, entraConfig(removedRealmsGraph));
        EntraRealm.syncNow(name);
        awaitDevicesPage(removedRealmsGraph);
        Thread.sleep(1000);

        Api.Reply removed = Api.delete(Api.BASE + "/admin/realms/" + name).bearer(Tokens.masterAdmin()).send();
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        // Let the page's transaction end, whichever way, before a realm with the same ID exists again.
        Thread.sleep(30_000);

        // A new realm with the same ID starts empty: no device, no entry of the removed realm's chain.
        createRealm(id, name);
        Realms.configure(name, "{\"enabled\":true}");
        JsonNode status = EntraRealm.status(name);
        status.path("counts").forEach(count -> assertThat(count.asLong()).as(status.toString()).isZero());
        List<JsonNode> chain = AuditChain.entries(Api.bitlocker(name), Tokens.password(name, TestRealm.AUDITOR));
        assertThat(chain).extracting(e -> e.path("action").asText()).containsOnly("CONFIG_CHANGED");
        JsonNode verified = Api.get(Api.bitlocker(name) + "/keys/audit/verify").bearer(Tokens.password(name, TestRealm.AUDITOR))
                .send().json();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        Api.delete(Api.BASE + "/admin/realms/" + name).bearer(Tokens.masterAdmin()).send();
    }

    private static void createRealm(String id, String name) throws Exception {
        RealmRepresentation rep = new TestRealm().configure(RealmBuilder.create().id(id).name(name)).build();
        rep.setEnabled(true);
        Api.Reply created = Api.post(Api.BASE + "/admin/realms", Api.JSON.writeValueAsString(rep))
                .bearer(Tokens.masterAdmin()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private Api.Reply reveal(String token) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + oliviasDevice.deviceId() + "/reveal",
                "{\"keyId\":\"" + oliviasKey.id() + "\",\"breakGlass\":true,"
                        + "\"reason\":\"User locked out after a TPM reset, Jira down\"}").bearer(token).send();
    }
}
