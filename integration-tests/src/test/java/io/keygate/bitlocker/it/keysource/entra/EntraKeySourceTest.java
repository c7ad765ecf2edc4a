package io.keygate.bitlocker.it.keysource.entra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.EntraRealm;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.GraphPaging;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.Fault;
import io.keygate.bitlocker.simulators.RecordedRequest;
import io.keygate.bitlocker.simulators.graph.GraphDevice;
import io.keygate.bitlocker.simulators.graph.GraphPermissions;
import io.keygate.bitlocker.simulators.graph.GraphSimulator;
import io.keygate.bitlocker.simulators.graph.GraphUser;
import io.keygate.bitlocker.simulators.graph.RecoveryKey;
import io.keygate.bitlocker.simulators.graph.VolumeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The {@code entra} key source against the Graph simulator over real TLS (its certificate in Keycloak's
 * truststore), through the production path: azure-identity's client-credential flow, the Graph SDK,
 * a fleet of {@value #FLEET} devices synchronised page by page.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EntraKeySourceTest {

    static final int FLEET = Integer.getInteger("bitlocker.it.entraFleet", 10_000);
    static final String TENANT = "7d9c1e2a-0000-4000-8000-00000000e1a0";
    static final String CLIENT = "0c4f6b1e-0000-4000-8000-0000000000c1";
    static final String SECRET = "entra-test-secret";
    static final String LIMITED_CLIENT = "0c4f6b1e-0000-4000-8000-0000000000c2";
    static final String CERT_CLIENT = "0c4f6b1e-0000-4000-8000-0000000000c3";
    static final String IDP = "entra";

    static GraphSimulator graph;
    static GraphDevice oliviasDevice;
    static GraphDevice oscarsDevice;
    static GraphUser oscarInEntra;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRealm(ref = "limited", config = TestRealm.class)
    ManagedRealm limited;

    @BeforeAll
    static void startGraph() throws Exception {
        graph = GraphSimulator.startHttps(0);
        graph.registerApp(TENANT, CLIENT, SECRET, null, GraphPermissions.ALL);
        graph.registerApp(TENANT, LIMITED_CLIENT, SECRET, null, Set.of(GraphPermissions.BITLOCKER_KEY_READ_BASIC_ALL));
        graph.registerApp(TENANT, CERT_CLIENT, null, io.keygate.bitlocker.simulators.graph.GraphTls.clientCertificate().certificate(),
                GraphPermissions.ALL);
        graph.generateFleet(FLEET, 7);
        GraphUser olivia = graph.addUser(UUID.randomUUID().toString(), TestRealm.OWNER + "@example.test",
                TestRealm.OWNER + "@example.test");
        oliviasDevice = graph.addDevice("OLIVIA-SURFACE", olivia.id());
        graph.addKey(oliviasDevice.deviceId(), VolumeType.OPERATING_SYSTEM_VOLUME, Instant.now().minus(3, ChronoUnit.DAYS));
        oscarInEntra = graph.addUser(UUID.randomUUID().toString(), "oscar@contoso.example", "oscar@contoso.example");
        oscarsDevice = graph.addDevice("OSCAR-LAPTOP", oscarInEntra.id());
        graph.addKey(oscarsDevice.deviceId(), VolumeType.OPERATING_SYSTEM_VOLUME, Instant.now().minus(2, ChronoUnit.DAYS));
    }

    @AfterAll
    static void stopGraph() {
        graph.close();
    }

    private String entraSection(String clientId, String credential) {
        return entraSection(clientId, credential, graph.baseUrl() + "/");
    }

    private String entraSection(String clientId, String credential, String authorityHost) {
        return "\"entra\":{\"tenantId\":\"" + TENANT + "\",\"clientId\":\"" + clientId + "\"," + credential + ","
                + "\"authorityHost\":\"" + authorityHost + "\",\"graphBaseUrl\":\"" + graph.baseUrl() + "\","
                + "\"ownerIdentityProvider\":\"" + IDP + "\",\"ownerAttribute\":\"email\",\"syncIntervalMinutes\":60}";
    }

    private void configure(ManagedRealm target, String clientId, String credential) {
        Realms.configure(target.getName(), "{\"enabled\":true,\"keySource\":\"entra\"," + entraSection(clientId, credential)
                + ",\"ticketing\":{\"breakGlass\":true},\"rotation\":{\"afterReveal\":false}}");
    }

    private JsonNode status(ManagedRealm target) {
        return EntraRealm.status(target.getName());
    }

    private JsonNode syncNow(ManagedRealm target) {
        return EntraRealm.syncNow(target.getName());
    }

    private JsonNode syncAndWait(ManagedRealm target, int seconds) {
        return EntraRealm.syncAndWait(target.getName(), seconds);
    }

    private String helpdesk() {
        return Tokens.password(realm.getName(), TestRealm.HELPDESK);
    }

    private Api.Reply reveal(String deviceId, String keyId) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + deviceId + "/reveal",
                "{\"keyId\":\"" + keyId + "\",\"breakGlass\":true,\"reason\":\"User locked out after a TPM reset, Jira down\"}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
    }

    @Test
    @Order(1)
    void aFullSyncBringsInTheWholeFleetWithTheFewestRequestsThePagingAllows() {
        configure(realm, CLIENT, "\"clientSecret\":\"" + SECRET + "\"");
        graph.reset();

        JsonNode status = syncAndWait(realm, 900);

        int devices = graph.fleet().deviceCount();
        int keys = graph.fleet().keyCount();
        JsonNode sync = status.path("sync");
        assertThat(sync.path("state").asText()).as(status.toString()).isEqualTo("IDLE");
        assertThat(sync.path("devices").asLong()).isEqualTo(devices);
        assertThat(sync.path("keys").asLong()).isEqualTo(keys);
        assertThat(sync.path("requests").asLong()).isEqualTo(GraphPaging.minimumRequests(devices, keys));
        assertThat(sync.has("error")).isFalse();
        // Every 50th generated device has no key and Intune reports its backup failed.
        assertThat(status.path("counts").path("FAILED").asLong()).isEqualTo(FLEET / 50);
        assertThat(status.path("counts").path("ESCROWED").asLong()).isEqualTo(devices - FLEET / 50);
        // The credential flow ran for the run, not for each of its hundreds of requests: the token is cached.
        assertThat(graph.tokenRequests()).isNotEmpty().allSatisfy(t -> assertThat(t.granted()).isTrue());
        assertThat(graph.tokensIssued()).isLessThanOrEqualTo((int) Math.max(2, GraphPaging.minimumRequests(devices, keys) / 20));
        // Metadata only: not one read of key material.
        assertThat(graph.keyReads()).isZero();
        assertThat(graph.requests().stream().filter(r -> !r.path().contains("oauth2"))).allSatisfy(r -> {
            assertThat(r.header("User-Agent")).contains("KeyGate-BitLocker");
            assertThat(r.header("ocp-client-name")).isEqualTo("KeyGate BitLocker");
            assertThat(r.queryParameters().getOrDefault("$select", "")).doesNotContain("key");
        });
        assertThat(graph.requests().stream().filter(r -> r.path().endsWith("/recoveryKeys"))
                .map(RecordedRequest::queryParameters)).allSatisfy(q -> assertThat(q).doesNotContainKey("$top"));
    }

    @Test
    @Order(2)
    void theHelpdeskFindsADeviceByTheFirstCharactersOfItsKeyIdOrByName() {
        RecoveryKey key = graph.fleet().keys().get(FLEET / 2);
        GraphDevice device = graph.fleet().device(key.deviceId());

        JsonNode byKey = Api.get(Api.bitlocker(realm.getName()) + "/keys?search=" + key.id().substring(0, 8))
                .bearer(helpdesk()).send().json();
        JsonNode byName = Api.get(Api.bitlocker(realm.getName()) + "/keys?search=" + device.displayName())
                .bearer(helpdesk()).send().json();

        assertThat(byKey.path("items").findValuesAsText("deviceId")).contains(device.deviceId());
        assertThat(byName.path("items").get(0).path("deviceName").asText()).isEqualTo(device.displayName());
        assertThat(byName.path("items").get(0).path("owner").path("email").asText())
                .isEqualTo(graph.fleet().owner(device.deviceId()).userPrincipalName());
        assertThat(byName.path("items").get(0).path("keys").findValuesAsText("keyId")).contains(key.id());
    }

    @Test
    @Order(3)
    void aDeviceViewRefreshesTheDeviceFromGraph() {
        GraphDevice fresh = graph.addDevice("ENROLLED-A-MINUTE-AGO", null);
        RecoveryKey key = graph.addKey(fresh.deviceId(), VolumeType.OPERATING_SYSTEM_VOLUME, Instant.now());

        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + fresh.deviceId()).bearer(helpdesk()).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("deviceName").asText()).isEqualTo("ENROLLED-A-MINUTE-AGO");
        assertThat(reply.json().path("escrowStatus").asText()).isEqualTo("ESCROWED");
        assertThat(reply.json().path("keys").findValuesAsText("keyId")).containsExactly(key.id());
        assertThat(reply.json().has("removedAt")).isFalse();

        graph.removeDevice(fresh.deviceId());
        JsonNode gone = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + fresh.deviceId()).bearer(helpdesk()).send().json();
        assertThat(gone.path("removedAt").asText()).isNotEmpty();
        assertThat(gone.path("keys").findValuesAsText("keyId")).as("metadata kept").containsExactly(key.id());
    }

    @Test
    @Order(4)
    void aReleaseReadsTheKeyFromGraphExactlyOnce() {
        RecoveryKey key = graph.fleet().keys().get(FLEET / 3);
        graph.reset();

        Api.Reply reply = reveal(key.deviceId(), key.id());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("recoveryPassword").asText()).isEqualTo(key.password());
        assertThat(graph.keyReads(key.id())).isEqualTo(1);
        assertThat(graph.keyReads()).isEqualTo(1);
        List<RecordedRequest> keyReads = graph.requests().stream()
                .filter(r -> r.path().endsWith("/recoveryKeys/" + key.id())).toList();
        assertThat(keyReads).hasSize(1);
        assertThat(keyReads.get(0).queryParameters()).containsEntry("$select", "key");
    }

    @Test
    @Order(4)
    void graphHoldsNoKeyPackagesSoAskingForOneIsA404WithoutReadingTheKey() {
        RecoveryKey key = graph.fleet().keys().get(FLEET / 4);
        graph.reset();

        Api.Reply device = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + key.deviceId()).bearer(helpdesk()).send();
        Api.Reply reply = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + key.deviceId() + "/reveal",
                "{\"keyId\":\"" + key.id() + "\",\"keyPackage\":true,\"breakGlass\":true,"
                        + "\"reason\":\"Damaged metadata on the system volume, repair-bde\"}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();

        assertThat(device.json().path("keys").findValues("hasKeyPackage")).isNotEmpty()
                .allSatisfy(has -> assertThat(has.asBoolean(true)).isFalse());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("key_package_not_found");
        assertThat(reply.body()).doesNotContain(key.password());
        assertThat(graph.keyReads()).as("no key read from Graph for a refused release").isZero();
        JsonNode denial = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=KEY_REVEAL_DENIED&deviceId="
                + key.deviceId()).bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items").get(0);
        assertThat(denial.path("code").asText()).isEqualTo("key_package_not_found");
        assertThat(denial.path("keyPackage").asBoolean()).isTrue();
    }

    @Test
    @Order(5)
    void anOwnerMatchedByUserPrincipalNameRevealsTheirOwnKey() {
        RecoveryKey key = graph.fleet().osKey(oliviasDevice.deviceId());

        List<String> mine = Api.get(Api.bitlocker(realm.getName()) + "/me/devices")
                .bearer(Tokens.password(realm.getName(), TestRealm.OWNER)).send().json().findValuesAsText("deviceId");
        Api.Reply reply = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + oliviasDevice.deviceId() + "/reveal", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER)).send();

        assertThat(mine).contains(oliviasDevice.deviceId());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("recoveryPassword").asText()).isEqualTo(key.password());
    }

    @Test
    @Order(6)
    void anOwnerMatchedByFederatedIdentityIsTheUserLinkedToTheirEntraObjectId() {
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(IDP);
        idp.setProviderId("oidc");
        idp.setConfig(new HashMap<>(Map.of("clientId", "kc", "clientSecret", "x",
                "authorizationUrl", graph.baseUrl() + "/" + TENANT + "/oauth2/v2.0/authorize",
                "tokenUrl", graph.baseUrl() + "/" + TENANT + "/oauth2/v2.0/token")));
        realm.admin().identityProviders().create(idp).close();
        String oscarId = realm.admin().users().search(TestRealm.OTHER, true).get(0).getId();
        FederatedIdentityRepresentation link = new FederatedIdentityRepresentation();
        link.setIdentityProvider(IDP);
        link.setUserId(oscarInEntra.id());
        link.setUserName(oscarInEntra.userPrincipalName());
        realm.admin().users().get(oscarId).addFederatedIdentity(IDP, link).close();

        JsonNode device = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + oscarsDevice.deviceId()).bearer(helpdesk())
                .send().json();
        List<String> oscars = Api.get(Api.bitlocker(realm.getName()) + "/me/devices")
                .bearer(Tokens.password(realm.getName(), TestRealm.OTHER)).send().json().findValuesAsText("deviceId");

        assertThat(device.path("owner").path("username").asText()).isEqualTo(TestRealm.OTHER);
        assertThat(oscars).contains(oscarsDevice.deviceId());
    }

    @Test
    @Order(7)
    void aRotationGoesThroughIntuneAndCompletesWhenTheNewKeyAppears() {
        GraphDevice device = graph.fleet().devices().get(7);
        RecoveryKey old = graph.fleet().osKey(device.deviceId());
        graph.reset();

        Api.Reply rotate = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/rotate", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();

        assertThat(rotate.status()).as(rotate.toString()).isEqualTo(202);
        assertThat(graph.rotations()).containsExactly(device.managedDeviceId());
        assertThat(graph.requests().stream().map(RecordedRequest::path))
                .contains("/beta/deviceManagement/managedDevices/" + device.managedDeviceId() + "/rotateBitLockerKeys");
        RecoveryKey fresh = graph.fleet().osKey(device.deviceId());
        assertThat(fresh.id()).isNotEqualTo(old.id());

        JsonNode view = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId()).bearer(helpdesk()).send().json();
        assertThat(view.path("rotation").path("status").asText()).isEqualTo("COMPLETED");
        Map<String, String> states = new HashMap<>();
        view.path("keys").forEach(k -> states.put(k.path("keyId").asText(), k.path("state").asText()));
        assertThat(states).containsEntry(fresh.id(), "ACTIVE").containsEntry(old.id(), "SUPERSEDED");
    }

    @Test
    @Order(8)
    void aDeviceWhoseKeyBackupFailedInIntuneNeedsAttention() {
        GraphDevice failed = graph.fleet().devices().get(49);   // the 50th generated device
        JsonNode view = Api.get(Api.bitlocker(realm.getName()) + "/keys?search=" + failed.displayName())
                .bearer(helpdesk()).send().json().path("items").get(0);

        assertThat(view.path("escrowStatus").asText()).isEqualTo("FAILED");
        assertThat(view.path("encryption").asText()).isEqualTo("FAILED");
        assertThat(status(realm).path("attention").findValuesAsText("deviceId")).contains(failed.deviceId());
    }

    @Test
    @Order(9)
    void throttlingWithinTheBudgetIsWaitedOutAndBeyondItIsA503() {
        RecoveryKey key = graph.fleet().keys().get(11);
        graph.reset();
        graph.injectFault(Fault.tooManyRequests(1).times(2));

        long start = System.currentTimeMillis();
        Api.Reply waited = reveal(key.deviceId(), key.id());
        long waitedMillis = System.currentTimeMillis() - start;

        assertThat(waited.status()).as(waited.toString()).isEqualTo(200);
        assertThat(waitedMillis).isGreaterThanOrEqualTo(2000);
        assertThat(graph.keyReads(key.id())).isEqualTo(1);

        graph.injectFault(Fault.tooManyRequests(120));
        start = System.currentTimeMillis();
        Api.Reply refused = reveal(key.deviceId(), key.id());
        long refusedMillis = System.currentTimeMillis() - start;

        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("key_source_unavailable");
        assertThat(refused.body()).doesNotContain(key.password());
        assertThat(refusedMillis).as("the release never waits out a long Retry-After").isLessThan(10_000);
        JsonNode denial = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=KEY_REVEAL_DENIED&deviceId="
                + key.deviceId()).bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items").get(0);
        assertThat(denial.path("code").asText()).isEqualTo("key_source_unavailable");

        // 429 without Retry-After: backoff, within the budget.
        graph.injectFault(new Fault(429, Map.of(), 0, 1, null));
        assertThat(reveal(key.deviceId(), key.id()).status()).isEqualTo(200);
    }

    /**
     * Graph (or whatever answers in its name: a misrouting proxy, a poisoned cache) answers the read of one key
     * with another key's record: the release takes no key from it, fails closed and is audited as such.
     */
    @Test
    @Order(10)
    void anAnswerAboutAnotherKeyReleasesNothingAndIsAuditedAsTheSourceUnavailable() {
        RecoveryKey asked = graph.fleet().keys().get(17);
        RecoveryKey other = graph.fleet().keys().stream().filter(k -> !k.deviceId().equals(asked.deviceId()))
                .findFirst().orElseThrow();
        graph.reset();
        graph.answerKeyReadsWith(other.id());
        try {
            Api.Reply reply = reveal(asked.deviceId(), asked.id());

            assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
            assertThat(reply.code()).isEqualTo("key_source_unavailable");
            assertThat(reply.body()).doesNotContain(other.password()).doesNotContain(asked.password());
            assertThat(graph.keyReads(other.id())).as("Graph was asked once and answered with the other key").isEqualTo(1);
            String auditor = Tokens.password(realm.getName(), TestRealm.AUDITOR);
            JsonNode denials = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=KEY_REVEAL_DENIED&deviceId="
                    + asked.deviceId()).bearer(auditor).send().json().path("items");
            assertThat(denials.get(0).path("code").asText()).isEqualTo("key_source_unavailable");
            assertThat(denials.toString()).doesNotContain(other.password()).doesNotContain(asked.password());
            JsonNode released = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=KEY_REVEALED&deviceId="
                    + asked.deviceId()).bearer(auditor).send().json().path("items");
            assertThat(released).as("no KEY_REVEALED for the device asked for").isEmpty();
        } finally {
            graph.answerKeyReadsWith(null);
        }
    }

    @Test
    @Order(10)
    void graphDownIsA503ForTheReleaseAndAuditedAsSuch() {
        RecoveryKey key = graph.fleet().keys().get(13);
        graph.outage(true);
        try {
            long start = System.currentTimeMillis();
            Api.Reply reply = reveal(key.deviceId(), key.id());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
            assertThat(reply.code()).isEqualTo("key_source_unavailable");
            assertThat(System.currentTimeMillis() - start).as("the release gives up within its budget").isLessThan(15_000);
            assertThat(reply.body()).doesNotContain(key.password());
            JsonNode denial = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=KEY_REVEAL_DENIED&deviceId="
                    + key.deviceId()).bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
            assertThat(denial.findValuesAsText("code")).contains("key_source_unavailable");
        } finally {
            graph.outage(false);
        }
    }

    @Test
    @Order(10)
    void theRotationAfterAReleaseIsAskedOfIntuneOnceTheKeyHasLeft() {
        Realms.configure(realm.getName(), "{\"rotation\":{\"afterReveal\":true}}");
        GraphDevice device = graph.fleet().devices().get(21);
        RecoveryKey key = graph.fleet().osKey(device.deviceId());
        graph.reset();
        try {
            Api.Reply reply = reveal(device.deviceId(), key.id());

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().path("recoveryPassword").asText()).isEqualTo(key.password());
            assertThat(reply.json().path("rotation").path("status").asText()).isEqualTo("PENDING");
            List<String> rotated = Eventually.await(graph::rotations, r -> !r.isEmpty(), 20);
            assertThat(rotated).containsExactly(device.managedDeviceId());
        } finally {
            Realms.configure(realm.getName(), "{\"rotation\":{\"afterReveal\":false}}");
        }
    }

    @Test
    @Order(11)
    void anInterruptedSyncResumesAtThePageItStoppedAt() throws Exception {
        graph.reset();
        AtomicBoolean injected = new AtomicBoolean();
        Thread saboteur = new Thread(() -> {
            long until = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < until && !injected.get()) {
                if (graph.requests().size() >= 25) {
                    graph.injectFault(Fault.tooManyRequests(600));
                    injected.set(true);
                }
                Thread.onSpinWait();
            }
        });
        saboteur.start();

        JsonNode status = syncAndWait(realm, 900);
        saboteur.join();

        assertThat(injected).isTrue();
        List<String> urls = graph.requests().stream().filter(r -> !r.path().contains("oauth2"))
                .map(r -> r.path() + "?" + r.query()).toList();
        Map<String, Long> counts = urls.stream().collect(Collectors.groupingBy(u -> u, Collectors.counting()));
        // The throttled page was asked for again when the run resumed; no other page was fetched twice.
        assertThat(counts.values().stream().filter(c -> c > 1)).containsExactly(2L);
        assertThat(counts).hasSize((int) GraphPaging.minimumRequests(graph.fleet().deviceCount(), graph.fleet().keyCount()));
        assertThat(status.path("sync").has("error")).isFalse();
    }

    @Test
    @Order(12)
    void aMissingPermissionIsNamedInTheSyncState() {
        configure(limited, LIMITED_CLIENT, "\"clientSecret\":\"" + SECRET + "\"");
        syncNow(limited);

        JsonNode sync = Eventually.await(() -> status(limited).path("sync"),
                s -> "FAILED".equals(s.path("state").asText()), 120);

        assertThat(sync.path("state").asText()).as(sync.toString()).isEqualTo("FAILED");
        assertThat(sync.path("error").asText()).contains(GraphPermissions.DEVICE_READ_ALL);
    }

    @Test
    @Order(12)
    void anAuthorityTheAzureClientRefusesStopsTheSyncAsFailedAndSaysWhy() {
        // The configuration's rules let http through to a loopback address; the Azure client refuses it once it is used.
        Realms.configure(limited.getName(), "{\"enabled\":true,\"keySource\":\"entra\"," + entraSection(LIMITED_CLIENT,
                "\"clientSecret\":\"" + SECRET + "\"", "http://127.0.0.1:1/") + ",\"ticketing\":{\"breakGlass\":true}}");
        syncNow(limited);

        // (The realm's last run failed on a missing permission: this one fails for its own reason.)
        JsonNode sync = Eventually.await(() -> status(limited).path("sync"), s -> "FAILED".equals(s.path("state").asText())
                && !s.path("error").asText().contains(GraphPermissions.DEVICE_READ_ALL), 120);

        assertThat(sync.path("state").asText()).as("not RUNNING for ever: " + sync).isEqualTo("FAILED");
        assertThat(sync.path("error").asText()).isNotBlank().doesNotContain(GraphPermissions.DEVICE_READ_ALL);
    }

    @Test
    @Order(13)
    void aClientCertificateSignsTheAssertionInsteadOfASecret() {
        String pem = io.keygate.bitlocker.simulators.graph.GraphTls.clientCertificate().pem();
        configure(limited, CERT_CLIENT, "\"clientSecret\":\"\",\"certificate\":" + Api.JSON.valueToTree(pem));
        graph.reset();

        Api.Reply reply = Api.get(Api.bitlocker(limited.getName()) + "/keys/" + oliviasDevice.deviceId())
                .bearer(Tokens.password(limited.getName(), TestRealm.HELPDESK)).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("deviceName").asText()).isEqualTo("OLIVIA-SURFACE");
        assertThat(graph.tokenRequests()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.method().name()).isEqualTo("CLIENT_ASSERTION");
            assertThat(t.granted()).isTrue();
        });
        // The realm now syncs the simulator's whole fleet; each page takes the realm's audit lock as it commits, which
        // removing the realm after this class also needs. Let the run finish and switch the realm off before that.
        Eventually.await(() -> status(limited).path("sync"), s -> !"RUNNING".equals(s.path("state").asText()), 300);
        Realms.configure(limited.getName(), "{\"enabled\":false}");
    }

    // SPEC §9: a device's owner reveals its key by self-service, so an owner is matched only through a value
    // the user cannot set themselves.

    /** A device of {@code upn} in Entra ID with one key, as the realm first sees it. */
    private GraphDevice entraDevice(String name, String upn) {
        GraphUser owner = graph.addUser(UUID.randomUUID().toString(), upn, upn);
        GraphDevice device = graph.addDevice(name, owner.id());
        graph.addKey(device.deviceId(), VolumeType.OPERATING_SYSTEM_VOLUME, Instant.now().minus(1, ChronoUnit.DAYS));
        return device;
    }

    /** A plain user of the realm: no BitLocker role, the account console's default roles. */
    private String plainUser(String username, String email, boolean emailVerified) {
        realm.addUser(org.keycloak.testframework.realm.UserBuilder.create(username).enabled(true).password(TestRealm.PASSWORD)
                .email(email).emailVerified(emailVerified).firstName("Plain").lastName("User"));
        return realm.admin().users().search(username, true).get(0).getId();
    }

    /** The device as the helpdesk sees it once it was read again from Graph (owner matched anew). */
    private JsonNode refreshedOwner(GraphDevice device) {
        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId()).bearer(helpdesk()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("owner");
    }

    private List<String> myDevices(String username) {
        return Api.get(Api.bitlocker(realm.getName()) + "/me/devices").bearer(Tokens.password(realm.getName(), username))
                .send().json().findValuesAsText("deviceId");
    }

    private void ownerAttribute(String attribute) {
        Realms.configure(realm.getName(), "{\"entra\":{\"ownerAttribute\":\"" + attribute + "\"}}");
    }

    @Test
    @Order(14)
    void aUserWhoTypesSomeoneElsesAddressAsTheirEmailIsNotTheOwnerAfterTheNextSync() {
        String upn = "victor.victim@contoso.example";
        GraphDevice victims = entraDevice("VICTOR-LAPTOP", upn);
        plainUser("mallory.mole", "mallory@example.test", true);
        // In the account console, as herself: Keycloak keeps the new address, unverified.
        Api.Reply changed = Api.post(Api.BASE + "/realms/" + realm.getName() + "/account/",
                        "{\"username\":\"mallory.mole\",\"email\":\"" + upn + "\",\"firstName\":\"Plain\",\"lastName\":\"User\"}")
                .bearer(Tokens.password(realm.getName(), "mallory.mole")).send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(realm.admin().users().search("mallory.mole", true).get(0).getEmail()).isEqualTo(upn);

        syncAndWait(realm, 900);

        JsonNode listed = Api.get(Api.bitlocker(realm.getName()) + "/keys?search=VICTOR-LAPTOP").bearer(helpdesk()).send()
                .json().path("items").get(0);
        assertThat(listed.path("deviceId").asText()).isEqualTo(victims.deviceId());
        assertThat(listed.path("owner").has("username")).as(listed.toString()).isFalse();
        assertThat(listed.path("owner").path("email").asText()).isEqualTo(upn);
        assertThat(myDevices("mallory.mole")).doesNotContain(victims.deviceId());
        Api.Reply reveal = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + victims.deviceId() + "/reveal", "{}")
                .bearer(Tokens.password(realm.getName(), "mallory.mole")).send();
        assertThat(reveal.status()).as(reveal.toString()).isEqualTo(403);
        assertThat(reveal.code()).isEqualTo("forbidden");
    }

    @Test
    @Order(15)
    void theOneUserWhoVerifiedTheUserPrincipalNameIsTheOwner() {
        GraphDevice veras = entraDevice("VERA-LAPTOP", "vera.verified@contoso.example");
        plainUser("vera.verified", "vera.verified@contoso.example", true);

        assertThat(refreshedOwner(veras).path("username").asText()).isEqualTo("vera.verified");
        assertThat(myDevices("vera.verified")).containsExactly(veras.deviceId());
    }

    @Test
    @Order(16)
    void aUsernameMatchesOnlyWhereTheRealmDoesNotLetUsersEditUsernames() {
        GraphDevice ulfs = entraDevice("ULF-LAPTOP", "ulf@contoso.example");
        plainUser("ulf@contoso.example", "ulf.private@example.test", false);
        ownerAttribute("username");
        try {
            realm.updateWithCleanup(r -> r.update(rep -> rep.setEditUsernameAllowed(true)));
            assertThat(refreshedOwner(ulfs).has("username")).as("anyone could rename themselves ulf@contoso.example").isFalse();
            assertThat(myDevices("ulf@contoso.example")).isEmpty();

            realm.updateWithCleanup(r -> r.update(rep -> rep.setEditUsernameAllowed(false)));
            assertThat(refreshedOwner(ulfs).path("username").asText()).isEqualTo("ulf@contoso.example");
            assertThat(myDevices("ulf@contoso.example")).containsExactly(ulfs.deviceId());
        } finally {
            ownerAttribute("email");
        }
    }

    @Test
    @Order(17)
    void anAttributeMatchesOnlyWhenTheUserProfileLetsOnlyAdministratorsEditIt() {
        GraphDevice annas = entraDevice("ANNA-LAPTOP", "anna@contoso.example");
        UPConfig original = realm.admin().users().userProfile().getConfiguration();
        UPConfig userEditable = realm.admin().users().userProfile().getConfiguration();
        userEditable.addOrReplaceAttribute(new UPAttribute("entraUpn",
                new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin", "user"))));
        realm.admin().users().userProfile().update(userEditable);
        String anna = plainUser("anna.attribute", "anna.private@example.test", false);
        ownerAttribute("entraUpn");
        try {
            var rep = realm.admin().users().get(anna).toRepresentation();
            rep.singleAttribute("entraUpn", "anna@contoso.example");
            realm.admin().users().get(anna).update(rep);

            assertThat(refreshedOwner(annas).has("username")).as("users edit entraUpn themselves").isFalse();
            assertThat(myDevices("anna.attribute")).isEmpty();

            UPConfig adminOnly = realm.admin().users().userProfile().getConfiguration();
            adminOnly.getAttribute("entraUpn").setPermissions(new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin")));
            realm.admin().users().userProfile().update(adminOnly);
            assertThat(refreshedOwner(annas).path("username").asText()).isEqualTo("anna.attribute");
            assertThat(myDevices("anna.attribute")).containsExactly(annas.deviceId());

            // Undeclared: only while unmanaged attributes are for administrators.
            UPConfig unmanaged = realm.admin().users().userProfile().getConfiguration();
            unmanaged.removeAttribute("entraUpn");
            unmanaged.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
            realm.admin().users().userProfile().update(unmanaged);
            assertThat(refreshedOwner(annas).has("username")).as("users edit unmanaged attributes").isFalse();
            unmanaged.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
            realm.admin().users().userProfile().update(unmanaged);
            assertThat(refreshedOwner(annas).path("username").asText()).isEqualTo("anna.attribute");
        } finally {
            ownerAttribute("email");
            realm.admin().users().userProfile().update(original);
        }
    }

    /**
     * A sync looks a page's owner addresses up at once: still each address to the one user who verified it, whatever
     * its case in Entra ID; an address two users verified, or one only typed, to nobody. (Duplicate e-mails stay
     * allowed in the realm: this is the class's last test.)
     */
    @Test
    @Order(18)
    void aSyncedPageGivesEachAddressToTheOneUserWhoVerifiedItAndASharedOneToNobody() {
        GraphDevice caras = entraDevice("CARA-LAPTOP", "Cara.Case@Contoso.example");
        entraDevice("TWIN-LAPTOP", "twins@contoso.example");
        entraDevice("UNA-LAPTOP", "una@contoso.example");
        realm.admin().update(withDuplicateEmails(realm.admin().toRepresentation()));
        plainUser("cara.case", "cara.case@contoso.example", true);
        plainUser("twin.one", "twins@contoso.example", true);
        plainUser("twin.two", "twins@contoso.example", true);
        plainUser("una.unverified", "una@contoso.example", false);

        syncAndWait(realm, 900);

        assertThat(listedOwner("CARA-LAPTOP").path("username").asText()).isEqualTo("cara.case");
        assertThat(myDevices("cara.case")).containsExactly(caras.deviceId());
        assertThat(listedOwner("TWIN-LAPTOP").has("username")).as("two users verified the address").isFalse();
        assertThat(listedOwner("TWIN-LAPTOP").path("email").asText()).isEqualTo("twins@contoso.example");
        assertThat(myDevices("twin.one")).isEmpty();
        assertThat(myDevices("twin.two")).isEmpty();
        assertThat(listedOwner("UNA-LAPTOP").has("username")).as("the address is not verified").isFalse();
        assertThat(myDevices("una.unverified")).isEmpty();
    }

    private static org.keycloak.representations.idm.RealmRepresentation withDuplicateEmails(
            org.keycloak.representations.idm.RealmRepresentation rep) {
        rep.setDuplicateEmailsAllowed(true);
        return rep;
    }

    /** The device's owner as the sync stored it (not read again from Graph). */
    private JsonNode listedOwner(String name) {
        JsonNode items = Api.get(Api.bitlocker(realm.getName()) + "/keys?search=" + name).bearer(helpdesk()).send()
                .json().path("items");
        assertThat(items).as(name).hasSize(1);
        return items.get(0).path("owner");
    }
}
