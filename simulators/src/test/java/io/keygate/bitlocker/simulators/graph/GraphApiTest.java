package io.keygate.bitlocker.simulators.graph;

import static io.keygate.bitlocker.simulators.graph.GraphClient.CLIENT;
import static io.keygate.bitlocker.simulators.graph.GraphClient.SECRET;
import static io.keygate.bitlocker.simulators.graph.GraphClient.TENANT;
import static io.keygate.bitlocker.simulators.graph.GraphClient.get;
import static io.keygate.bitlocker.simulators.graph.GraphClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.bitlocker.simulators.Fault;

class GraphApiTest {

    static final String LIMITED = "d4e5a7d0-0000-4000-8000-0000000000c3";

    GraphSimulator graph;
    String token;
    String keys;

    @BeforeEach
    void start() throws Exception {
        graph = GraphSimulator.startHttps(0);
        graph.registerApp(TENANT, CLIENT, SECRET, null, GraphPermissions.ALL);
        graph.registerApp(TENANT, LIMITED, "limited", null, Set.of(GraphPermissions.BITLOCKER_KEY_READ_BASIC_ALL));
        graph.generateFleet(25, 42);
        token = GraphClient.token(graph);
        keys = graph.graphUrl("v1.0") + "/informationProtection/bitlocker/recoveryKeys";
    }

    @AfterEach
    void stop() {
        graph.stop();
    }

    @Test
    void generatedFleetIsDeterministicAndShapedAsPromised() {
        try (GraphSimulator other = new GraphSimulator()) {
            other.generateFleet(25, 42);
            assertThat(other.fleet().devices()).isEqualTo(graph.fleet().devices());
            assertThat(other.fleet().keys()).isEqualTo(graph.fleet().keys());
        }
        List<GraphDevice> devices = graph.fleet().devices();
        assertThat(devices).hasSize(25).extracting(GraphDevice::displayName).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("DESKTOP-[A-Z0-9]{7}"));
        // 25 devices: 25 OS keys + devices 3,6,…,24 have a fixed-data key (8)
        assertThat(graph.fleet().keyCount()).isEqualTo(25 + 8);
        assertThat(graph.fleet().owner(devices.get(0).deviceId()).userPrincipalName()).isEqualTo("user1@contoso.example");
        graph.fleet().keys().forEach(key -> assertThat(RecoveryPasswords.isValid(key.password())).isTrue());
    }

    @Test
    void pagesTheKeyListWithNextLinksAndNeverSendsPasswords() throws Exception {
        graph.pageSize(7);
        Set<String> seen = new HashSet<>();
        List<String> volumeTypes = new ArrayList<>();
        String url = keys;
        int pages = 0;
        while (url != null) {
            HttpResponse<String> response = get(url, token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = json(response);
            assertThat(page.path("@odata.context").asText()).endsWith("$metadata#informationProtection/bitlocker/recoveryKeys");
            for (JsonNode item : page.path("value")) {
                assertThat(item.has("key")).isFalse();
                assertThat(item.path("createdDateTime").asText()).startsWith("2026-").endsWith("Z");
                seen.add(item.path("id").asText());
                volumeTypes.add(item.path("volumeType").asText());
            }
            url = page.hasNonNull("@odata.nextLink") ? page.path("@odata.nextLink").asText() : null;
            assertThat(url == null || url.startsWith(graph.baseUrl() + "/v1.0/") && url.contains("$skiptoken=")).isTrue();
            pages++;
        }
        assertThat(seen).hasSize(graph.fleet().keyCount());
        assertThat(pages).isEqualTo((graph.fleet().keyCount() + 6) / 7);
        assertThat(volumeTypes).contains("1").contains("operatingSystemVolume");
        assertThat(graph.keyReads()).isZero();
    }

    @Test
    void filtersByDeviceIdRefusesTopAndReadsOneKeyWithItsPassword() throws Exception {
        GraphDevice device = graph.fleet().devices().get(2); // the 3rd: OS and fixed-data key
        String filter = URLEncoder.encode("deviceId eq '" + device.deviceId() + "'", StandardCharsets.UTF_8);

        JsonNode plusSpaces = json(get(keys + "?$filter=" + filter, token));
        JsonNode percentSpaces = json(get(keys + "?%24filter=" + filter.replace("+", "%20"), token));
        HttpResponse<String> top = get(keys + "?$top=5", token);

        assertThat(plusSpaces.path("value")).hasSize(2);
        assertThat(percentSpaces).isEqualTo(plusSpaces);
        assertThat(plusSpaces.path("value").findValuesAsText("deviceId")).containsOnly(device.deviceId());
        assertThat(top.statusCode()).isEqualTo(400);
        assertThat(json(top).path("error").path("code").asText()).isEqualTo("BadRequest");
        assertThat(json(top).path("error").path("message").asText()).contains("'$top' is not supported");

        RecoveryKey osKey = graph.fleet().osKey(device.deviceId());
        JsonNode withKey = json(get(keys + "/" + osKey.id() + "?$select=key", token));
        JsonNode withoutKey = json(get(keys + "/" + osKey.id(), token));
        HttpResponse<String> missing = get(keys + "/" + "00000000-0000-4000-8000-000000000000?$select=key", token);

        assertThat(withKey.path("key").asText()).isEqualTo(graph.password(osKey.id()));
        assertThat(RecoveryPasswords.isValid(withKey.path("key").asText())).isTrue();
        assertThat(withKey.path("deviceId").asText()).isEqualTo(device.deviceId());
        assertThat(withoutKey.has("key")).isFalse();
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("error").path("code").asText()).isEqualTo("NotFound");
        assertThat(json(missing).path("error").path("message").asText()).isEqualTo("Item not found");
        assertThat(graph.keyReads(osKey.id())).isEqualTo(1);
        assertThat(graph.keyReads()).isEqualTo(1);
    }

    @Test
    void aKeyReadCanBeAnsweredWithAnotherKeyUntilReset() throws Exception {
        RecoveryKey asked = graph.fleet().osKey(graph.fleet().devices().get(0).deviceId());
        RecoveryKey other = graph.fleet().osKey(graph.fleet().devices().get(1).deviceId());
        graph.answerKeyReadsWith(other.id());

        JsonNode misanswered = json(get(keys + "/" + asked.id() + "?$select=key", token));
        JsonNode metadata = json(get(keys + "/" + asked.id(), token));
        graph.reset();
        JsonNode answered = json(get(keys + "/" + asked.id() + "?$select=key", token));

        assertThat(misanswered.path("id").asText()).isEqualTo(other.id());
        assertThat(misanswered.path("deviceId").asText()).isEqualTo(other.deviceId());
        assertThat(misanswered.path("key").asText()).isEqualTo(graph.password(other.id()));
        assertThat(metadata.path("id").asText()).as("only password reads are answered wrongly").isEqualTo(asked.id());
        assertThat(answered.path("id").asText()).isEqualTo(asked.id());
        assertThat(answered.path("key").asText()).isEqualTo(graph.password(asked.id()));
    }

    @Test
    void answersWithGraphsErrorsWithoutTokenOrPermission() throws Exception {
        String limited = json(GraphClient.tokenRequest(graph, TENANT, GraphClient.secretForm(LIMITED, "limited", graph.scope())))
                .path("access_token").asText();
        String keyId = graph.fleet().keys().get(0).id();

        HttpResponse<String> noToken = get(keys, null);
        HttpResponse<String> foreignToken = get(keys, "eyJ0eXAiOiJKV1Qi.not.ours");
        HttpResponse<String> basicList = get(keys, limited);
        HttpResponse<String> password = get(keys + "/" + keyId + "?$select=key", limited);
        HttpResponse<String> devices = get(graph.graphUrl("v1.0") + "/devices", limited);

        assertThat(noToken.statusCode()).isEqualTo(401);
        JsonNode error = json(noToken).path("error");
        assertThat(error.path("code").asText()).isEqualTo("InvalidAuthenticationToken");
        assertThat(error.path("innerError").path("request-id").asText()).hasSize(36);
        assertThat(error.path("innerError").path("client-request-id").asText()).hasSize(36);
        assertThat(error.path("innerError").path("date").asText()).isNotBlank();
        assertThat(foreignToken.statusCode()).isEqualTo(401);
        assertThat(basicList.statusCode()).isEqualTo(200);
        assertThat(password.statusCode()).isEqualTo(403);
        assertThat(json(password).path("error").path("code").asText()).isEqualTo("Authorization_RequestDenied");
        assertThat(json(password).path("error").path("message").asText())
                .isEqualTo("Insufficient privileges to complete the operation.");
        assertThat(devices.statusCode()).isEqualTo(403);
        assertThat(graph.keyReads()).isZero();
    }

    @Test
    void listsDevicesWithSelectTopAndOwners() throws Exception {
        GraphDevice device = graph.fleet().devices().get(4);
        GraphUser owner = graph.fleet().owner(device.deviceId());
        String devices = graph.graphUrl("v1.0") + "/devices";

        JsonNode one = json(get(devices + "?$filter=" + URLEncoder.encode("deviceId eq '" + device.deviceId() + "'",
                StandardCharsets.UTF_8) + "&$select=id,deviceId,displayName&$expand="
                + URLEncoder.encode("registeredOwners($select=id,userPrincipalName,mail)", StandardCharsets.UTF_8), token));
        JsonNode firstPage = json(get(devices + "?$filter=operatingSystem%20eq%20'Windows'&$top=10", token));
        JsonNode owners = json(get(devices + "/" + device.objectId() + "/registeredOwners", token));

        JsonNode item = one.path("value").get(0);
        assertThat(one.path("value")).hasSize(1);
        assertThat(item.path("id").asText()).isEqualTo(device.objectId());
        assertThat(item.path("displayName").asText()).isEqualTo(device.displayName());
        assertThat(item.has("operatingSystem")).isFalse();
        assertThat(item.path("registeredOwners").get(0).path("userPrincipalName").asText()).isEqualTo(owner.userPrincipalName());
        assertThat(item.path("registeredOwners").get(0).path("@odata.type").asText()).isEqualTo("#microsoft.graph.user");
        assertThat(firstPage.path("value")).hasSize(10);
        assertThat(firstPage.path("@odata.nextLink").asText()).contains("$top=10").contains("$skiptoken=");
        JsonNode secondPage = json(get(firstPage.path("@odata.nextLink").asText(), token));
        assertThat(secondPage.path("value")).hasSize(10);
        assertThat(secondPage.path("value").get(0).path("id").asText()).isNotEqualTo(firstPage.path("value").get(0).path("id").asText());
        assertThat(owners.path("value").get(0).path("id").asText()).isEqualTo(owner.id());
        assertThat(get(devices + "?$top=1000", token).statusCode()).isEqualTo(400);
    }

    @Test
    void managedDevicesAndRotation() throws Exception {
        GraphDevice device = graph.fleet().devices().get(0);
        RecoveryKey before = graph.fleet().osKey(device.deviceId());
        String managed = graph.graphUrl("v1.0") + "/deviceManagement/managedDevices";

        JsonNode found = json(get(managed + "?$filter=" + URLEncoder.encode("azureADDeviceId eq '" + device.deviceId() + "'",
                StandardCharsets.UTF_8) + "&$select=id,azureADDeviceId,deviceName", token));
        HttpResponse<String> rotate = GraphClient.send("POST", graph.graphUrl("beta") + "/deviceManagement/managedDevices/"
                + device.managedDeviceId() + "/rotateBitLockerKeys", token, null, null);
        HttpResponse<String> unknown = GraphClient.send("POST", graph.graphUrl("beta") + "/deviceManagement/managedDevices/"
                + "00000000-0000-4000-8000-000000000000/rotateBitLockerKeys", token, null, null);

        assertThat(found.path("value")).hasSize(1);
        assertThat(found.path("value").get(0).path("id").asText()).isEqualTo(device.managedDeviceId());
        assertThat(found.path("value").get(0).path("deviceName").asText()).isEqualTo(device.displayName());
        assertThat(found.path("value").get(0).has("operatingSystem")).isFalse();
        assertThat(rotate.statusCode()).isEqualTo(204);
        assertThat(rotate.body()).isEmpty();
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(graph.rotations()).containsExactly(device.managedDeviceId());
        RecoveryKey after = graph.fleet().osKey(device.deviceId());
        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(graph.fleet().key(before.id())).isNull();
        JsonNode list = json(get(keys + "?$filter=deviceId%20eq%20'" + device.deviceId() + "'", token));
        assertThat(list.path("value").findValuesAsText("id")).containsExactly(after.id());
    }

    @Test
    void deferredRotationHappensWhenTheTestSaysSo() throws Exception {
        graph.rotateImmediately(false);
        GraphDevice device = graph.fleet().devices().get(1);
        RecoveryKey before = graph.fleet().osKey(device.deviceId());

        GraphClient.send("POST", graph.graphUrl("beta") + "/deviceManagement/managedDevices/" + device.managedDeviceId()
                + "/rotateBitLockerKeys", token, null, null);
        assertThat(graph.fleet().osKey(device.deviceId())).isEqualTo(before);
        List<RecoveryKey> created = graph.completePendingRotations();

        assertThat(created).singleElement().isEqualTo(graph.fleet().osKey(device.deviceId()));
        assertThat(created.get(0).id()).isNotEqualTo(before.id());
    }

    @Test
    void encryptionStatesReportFailedBackups() throws Exception {
        graph.fleet().clear();
        graph.generateFleet(50, 42); // the 50th has no key and a failed backup
        GraphDevice fiftieth = graph.fleet().devices().get(49);
        JsonNode states = json(get(graph.graphUrl("beta") + "/deviceManagement/managedDeviceEncryptionStates?$top=50", token));

        assertThat(states.path("value")).hasSize(50);
        JsonNode failed = states.path("value").get(49);
        assertThat(failed.path("id").asText()).isEqualTo(fiftieth.managedDeviceId());
        assertThat(failed.path("deviceName").asText()).isEqualTo(fiftieth.displayName());
        assertThat(failed.path("deviceType").asText()).isEqualTo("windowsRT");
        assertThat(failed.path("encryptionState").asText()).isEqualTo("encrypted");
        assertThat(failed.path("advancedBitLockerStates").asText()).isEqualTo("recoveryKeyBackupFailed");
        assertThat(graph.fleet().keys(fiftieth.deviceId())).isEmpty();
        graph.setBackupFailed(graph.fleet().devices().get(3).deviceId(), true);
        graph.fleet().setEncrypted(graph.fleet().devices().get(5).deviceId(), false);
        states = json(get(graph.graphUrl("beta") + "/deviceManagement/managedDeviceEncryptionStates", token));
        assertThat(states.path("value").get(3).path("advancedBitLockerStates").asText()).isEqualTo("recoveryKeyBackupFailed");
        assertThat(states.path("value").get(3).path("encryptionState").asText()).isEqualTo("encrypted");
        assertThat(states.path("value").get(5).path("encryptionState").asText()).isEqualTo("notEncrypted");
        assertThat(states.path("value").get(5).path("advancedBitLockerStates").asText()).isEqualTo("osVolumeUnprotected");
        assertThat(states.path("value").get(0).path("advancedBitLockerStates").asText()).isEqualTo("success");
        assertThat(states.path("value").get(0).path("userPrincipalName").asText()).isEqualTo("user1@contoso.example");
        assertThat(get(graph.graphUrl("v1.0") + "/deviceManagement/managedDeviceEncryptionStates", token).statusCode())
                .isEqualTo(400);
    }

    @Test
    void injectedFaultsSpeakGraphAndSpareTheTokenEndpoint() throws Exception {
        graph.injectFault(Fault.tooManyRequests(3));

        assertThat(GraphClient.token(graph)).isNotBlank();
        HttpResponse<String> throttled = get(keys, token);
        graph.outage(true);
        HttpResponse<String> down = get(keys, token);
        String stillIssued = GraphClient.token(graph);
        graph.outage(false);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(json(throttled).path("error").path("code").asText()).isEqualTo("TooManyRequests");
        assertThat(json(throttled).path("error").path("innerError").path("request-id").asText()).hasSize(36);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json(down).path("error").path("code").asText()).isEqualTo("serviceNotAvailable");
        assertThat(stillIssued).isNotBlank();
        assertThat(get(keys, stillIssued).statusCode()).isEqualTo(200);
    }

    @Test
    void removedDevicesAndUnknownPaths() throws Exception {
        GraphDevice device = graph.fleet().devices().get(0);
        assertThat(graph.removeDevice(device.deviceId())).isTrue();

        assertThat(json(get(keys + "?$filter=deviceId%20eq%20'" + device.deviceId() + "'", token)).path("value")).isEmpty();
        assertThat(get(graph.graphUrl("v1.0") + "/devices/" + device.objectId(), token).statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = get(graph.graphUrl("v1.0") + "/me/messages", token);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("error").path("message").asText()).contains("'me'");
    }

    @Test
    void pagesATenThousandDeviceFleet() throws Exception {
        try (GraphSimulator big = GraphSimulator.startHttps(0)) {
            big.registerApp(TENANT, CLIENT, SECRET, null, GraphPermissions.ALL);
            big.generateFleet(10_000, 7);
            big.pageSize(500);
            String bigToken = GraphClient.token(big);
            int count = 0;
            Set<String> ids = new HashSet<>();
            String url = big.graphUrl("v1.0") + "/informationProtection/bitlocker/recoveryKeys";
            while (url != null) {
                JsonNode page = json(get(url, bigToken));
                page.path("value").forEach(item -> ids.add(item.path("id").asText()));
                count += page.path("value").size();
                url = page.hasNonNull("@odata.nextLink") ? page.path("@odata.nextLink").asText() : null;
            }
            // 10,000 devices: 9,800 with an OS key; every 3rd not a 50th has a fixed-data key: 3,333 - 66
            assertThat(big.fleet().keyCount()).isEqualTo(9_800 + 3_333 - 66);
            assertThat(count).isEqualTo(big.fleet().keyCount());
            assertThat(ids).hasSize(count);
        }
    }
}
