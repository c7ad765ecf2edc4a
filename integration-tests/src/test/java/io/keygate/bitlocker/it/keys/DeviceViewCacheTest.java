package io.keygate.bitlocker.it.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.SqlTrace;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.DeviceClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * The node keeps the devices people view (issue 23 item 2): a device view after the first reads one row — which
 * device, its check-in time — and the rest from the node; and whatever changes the device, its keys or its
 * rotation is what the very next view shows.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class DeviceViewCacheTest {

    @InjectRealm(config = TestRealm.class, ref = "device-view-cache")
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    @BeforeEach
    void enable() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"ticketing\":{\"breakGlass\":true},\"rotation\":{\"afterReveal\":true}}");
    }

    private JsonNode view(String deviceId) {
        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + deviceId)
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private List<String> ownDevices(String username) {
        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/me/devices")
                .bearer(Tokens.password(realm.getName(), username)).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().forEach(d -> ids.add(d.path("deviceId").asText()));
        return ids;
    }

    private static List<String> keyIds(JsonNode device) {
        List<String> ids = new ArrayList<>();
        device.path("keys").forEach(k -> ids.add(k.path("keyId").asText() + " " + k.path("state").asText()));
        return ids;
    }

    @Test
    void aSecondViewReadsOneRowOfTheDeviceAndNothingOfItsKeysOrRotations() {
        Fleet.Device laptop = Fleet.escrow(realm.getName(), "CACHED-VIEW", TestRealm.OWNER);
        String token = Tokens.password(realm.getName(), TestRealm.HELPDESK);
        String url = Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId();
        JsonNode first = Api.get(url).bearer(token).send().json();

        List<JsonNode> second = new ArrayList<>();
        List<String> statements = SqlTrace.ofExtension(realm.getName(), () -> second.add(Api.get(url).bearer(token).send().json()));

        assertThat(second.get(0)).isEqualTo(first);
        assertThat(statements.stream().filter(s -> s.contains("BLK_RECOVERY_KEY") || s.contains("BLK_ROTATION")))
                .as("the second view's statements\n%s", String.join("\n", statements)).isEmpty();
        assertThat(statements.stream().filter(s -> s.contains("BLK_DEVICE ")).count())
                .as("the second view's statements\n%s", String.join("\n", statements)).isEqualTo(1);
    }

    @Test
    void aCheckInThatChangesNothingKeepsTheCachedDeviceAndEachViewReadsTheCheckInTime() {
        Fleet.Device pc = Fleet.escrow(realm.getName(), "CHECKING-IN", TestRealm.OWNER);
        String token = Tokens.password(realm.getName(), TestRealm.HELPDESK);
        String url = Api.bitlocker(realm.getName()) + "/keys/" + pc.deviceId();
        JsonNode before = Api.get(url).bearer(token).send().json();

        Api.Reply again = Fleet.checkIn(realm.getName(), pc.deviceId(),
                Fleet.checkInBody("CHECKING-IN", TestRealm.OWNER, "ENCRYPTED", pc.keys()));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        // The check-in time as a check-in 2 hours ago left it, written where no cache hears of it.
        server.run(DeviceClock.checkedInHoursAgo(pc.deviceId(), 2));
        List<JsonNode> after = new ArrayList<>();
        List<String> statements = SqlTrace.ofExtension(realm.getName(), () -> after.add(Api.get(url).bearer(token).send().json()));

        assertThat(statements.stream().filter(s -> s.contains("BLK_RECOVERY_KEY") || s.contains("BLK_ROTATION")))
                .as("the view after a check-in that changed nothing\n%s", String.join("\n", statements)).isEmpty();
        assertThat(Instant.parse(after.get(0).path("lastCheckIn").asText()))
                .isBefore(Instant.parse(before.path("lastCheckIn").asText()).minus(Duration.ofMinutes(110)));
        ((ObjectNode) after.get(0)).remove("lastCheckIn");
        ((ObjectNode) before).remove("lastCheckIn");
        assertThat(after.get(0)).isEqualTo(before);
    }

    @Test
    void theEscrowCountsAfterANewDeviceAreWhatTheNextStatusShows() {
        String status = Api.bitlocker(realm.getName()) + "/escrow/status";
        String token = Tokens.password(realm.getName(), TestRealm.AUDITOR);
        long escrowed = Api.get(status).bearer(token).send().json().path("counts").path("ESCROWED").asLong();
        assertThat(Api.get(status).bearer(token).send().json().path("counts").path("ESCROWED").asLong()).isEqualTo(escrowed);

        Fleet.escrow(realm.getName(), "COUNTED", TestRealm.OWNER);

        assertThat(Api.get(status).bearer(token).send().json().path("counts").path("ESCROWED").asLong()).isEqualTo(escrowed + 1);
    }

    @Test
    void anOwnerChangeANewKeyAndARotationAfterARevealAreWhatTheNextViewShows() {
        Fleet.Device laptop = Fleet.escrow(realm.getName(), "CHANGING-VIEW", TestRealm.OWNER);
        assertThat(view(laptop.deviceId()).path("owner").path("username").asText()).isEqualTo(TestRealm.OWNER);
        assertThat(ownDevices(TestRealm.OWNER)).contains(laptop.deviceId());
        assertThat(ownDevices(TestRealm.OTHER)).doesNotContain(laptop.deviceId());

        // The agent names another owner.
        Api.Reply moved = Fleet.checkIn(realm.getName(), laptop.deviceId(),
                Fleet.checkInBody("CHANGING-VIEW", TestRealm.OTHER, "ENCRYPTED", laptop.keys()));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(view(laptop.deviceId()).path("owner").path("username").asText()).isEqualTo(TestRealm.OTHER);
        assertThat(ownDevices(TestRealm.OWNER)).doesNotContain(laptop.deviceId());
        assertThat(ownDevices(TestRealm.OTHER)).contains(laptop.deviceId());

        // A data drive's key is escrowed by the next check-in.
        Fleet.Key dataKey = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "FIXED_DATA");
        Api.Reply added = Fleet.checkIn(realm.getName(), laptop.deviceId(), Fleet.checkInBody("CHANGING-VIEW",
                TestRealm.OTHER, "ENCRYPTED", List.of(laptop.osKey(), dataKey)));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(keyIds(view(laptop.deviceId()))).containsExactlyInAnyOrder(laptop.osKey().keyId() + " ACTIVE",
                dataKey.keyId() + " ACTIVE");
        assertThat(view(laptop.deviceId()).path("rotation").isNull()).isTrue();

        // A reveal opens a rotation.
        Api.Reply reveal = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId() + "/reveal", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.OTHER)).send();
        assertThat(reveal.status()).as(reveal.toString()).isEqualTo(200);
        String rotationId = reveal.json().path("rotation").path("rotationId").asText();
        JsonNode rotation = view(laptop.deviceId()).path("rotation");
        assertThat(rotation.path("rotationId").asText()).isEqualTo(rotationId);
        assertThat(rotation.path("status").asText()).isEqualTo("PENDING");

        // The agent replaces the revealed key: the rotation completes, the old key is superseded.
        Fleet.Key newOs = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        Api.Reply rotated = Fleet.checkIn(realm.getName(), laptop.deviceId(), Fleet.checkInBody("CHANGING-VIEW",
                TestRealm.OTHER, "ENCRYPTED", List.of(dataKey, newOs)));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        JsonNode after = view(laptop.deviceId());
        assertThat(after.path("rotation").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(keyIds(after)).containsExactlyInAnyOrder(laptop.osKey().keyId() + " SUPERSEDED",
                dataKey.keyId() + " ACTIVE", newOs.keyId() + " ACTIVE");
    }
}
