package io.keygate.bitlocker.it.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class DeviceCheckInTest {

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    /** Never holds a key, so its key-encryption key may still be changed through the configuration. */
    @InjectRealm(config = TestRealm.class, ref = "without-keys")
    ManagedRealm empty;

    @BeforeEach
    void enable() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"keySource\":\"local\",\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
    }

    private String name() {
        return realm.getName();
    }

    private JsonNode device(String deviceId) {
        Api.Reply reply = Api.get(Api.bitlocker(name()) + "/keys/" + deviceId)
                .bearer(Tokens.password(name(), TestRealm.HELPDESK)).send();
        return reply.status() == 404 ? null : reply.json();
    }

    private long auditCount(String deviceId, String action) {
        Api.Reply reply = Api.get(Api.bitlocker(name()) + "/keys/audit?deviceId=" + deviceId + "&action=" + action + "&max=500")
                .bearer(Tokens.password(name(), TestRealm.AUDITOR)).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("items").size();
    }

    @Test
    void anAgentEscrowsADeviceAndCheckingInAgainChangesNothing() {
        Fleet.Key key = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        String deviceId = Fleet.guid();
        String body = Fleet.checkInBody("SALES-LAPTOP-12", TestRealm.OWNER, "ENCRYPTED", List.of(key));

        Api.Reply first = Fleet.checkIn(name(), deviceId, body);
        Api.Reply second = Fleet.checkIn(name(), deviceId, body);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("escrowStatus").asText()).isEqualTo("ESCROWED");
        assertThat(first.json().path("rotationRequested").asBoolean()).isFalse();
        assertThat(second.json()).isEqualTo(first.json());
        JsonNode device = device(deviceId);
        assertThat(device.path("deviceName").asText()).isEqualTo("SALES-LAPTOP-12");
        assertThat(device.path("owner").path("username").asText()).isEqualTo(TestRealm.OWNER);
        assertThat(device.path("owner").path("email").asText()).isEqualTo(TestRealm.OWNER + "@example.test");
        assertThat(device.path("encryption").asText()).isEqualTo("ENCRYPTED");
        assertThat(device.path("lastCheckIn").asText()).isNotBlank();
        assertThat(device.path("keys")).hasSize(1);
        assertThat(device.path("keys").get(0).path("keyId").asText()).isEqualTo(key.keyId());
        assertThat(device.path("keys").get(0).path("state").asText()).isEqualTo("ACTIVE");
        assertThat(device.toString()).doesNotContain(key.recoveryPassword());
        assertThat(auditCount(deviceId, "KEY_ESCROWED")).isEqualTo(1);
    }

    @Test
    void ownerMayBeGivenByEmailAndIdsAreStoredLowerCase() {
        String deviceId = Fleet.guid().toUpperCase();
        Fleet.Key key = new Fleet.Key("{" + Fleet.guid().toUpperCase() + "}", Fleet.recoveryPassword(), "FIXED_DATA");

        Api.Reply reply = Fleet.checkIn(name(), deviceId,
                Fleet.checkInBody("HR-DESKTOP-3", TestRealm.OWNER + "@example.test", "ENCRYPTED", List.of(key)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode device = device(deviceId.toLowerCase());
        assertThat(device.path("deviceId").asText()).isEqualTo(deviceId.toLowerCase());
        assertThat(device.path("keys").get(0).path("keyId").asText())
                .isEqualTo(key.keyId().substring(1, 37).toLowerCase());
        assertThat(device.path("owner").path("username").asText()).isEqualTo(TestRealm.OWNER);
    }

    @Test
    void theEscrowStatusFollowsWhatTheAgentReports() {
        assertThat(statusAfter("ENCRYPTING", List.of())).isEqualTo("PENDING");
        assertThat(statusAfter("NOT_ENCRYPTED", List.of())).isEqualTo("NOT_AVAILABLE");
        assertThat(statusAfter("ENCRYPTED", List.of())).isEqualTo("FAILED");
        assertThat(statusAfter("FAILED", List.of())).isEqualTo("FAILED");
        assertThat(statusAfter("ENCRYPTING", List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM"))))
                .isEqualTo("ESCROWED");
    }

    private String statusAfter(String encryption, List<Fleet.Key> keys) {
        String deviceId = Fleet.guid();
        Api.Reply reply = Fleet.checkIn(name(), deviceId, Fleet.checkInBody("STATUS-" + encryption, null, encryption, keys));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(device(deviceId).path("escrowStatus").asText()).isEqualTo(reply.json().path("escrowStatus").asText());
        return reply.json().path("escrowStatus").asText();
    }

    @Test
    void aKeyTheDeviceNoLongerHasIsSuperseded() {
        Fleet.Key old = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        Fleet.Key fresh = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
        String deviceId = Fleet.guid();
        Fleet.checkIn(name(), deviceId, Fleet.checkInBody("ROTATED-PC", null, "ENCRYPTED", List.of(old)));

        Api.Reply reply = Fleet.checkIn(name(), deviceId, Fleet.checkInBody("ROTATED-PC", null, "ENCRYPTED", List.of(fresh)));

        assertThat(reply.json().path("escrowStatus").asText()).isEqualTo("ESCROWED");
        JsonNode keys = device(deviceId).path("keys");
        assertThat(keys).hasSize(2);
        for (JsonNode k : keys) {
            assertThat(k.path("state").asText()).isEqualTo(k.path("keyId").asText().equals(old.keyId()) ? "SUPERSEDED" : "ACTIVE");
        }
    }

    static List<String> invalidPasswords() {
        return List.of(
                "123456-123456-123456-123456-123456-123456-123456-123456",   // not divisible by 11
                "720896-000000-000000-000000-000000-000000-000000-000000",   // 11 × 65536: too large
                "000000-000000-000000-000000-000000-000000-000000",          // seven groups
                "000000-000000-000000-000000-000000-000000-000000-000000-000000",
                "00000-000000-000000-000000-000000-000000-000000-0000000",
                "abcdef-000000-000000-000000-000000-000000-000000-000000",
                "000000 000000 000000 000000 000000 000000 000000 000000",
                "");
    }

    @ParameterizedTest
    @MethodSource("invalidPasswords")
    void anInvalidRecoveryPasswordIsRefusedAndNothingIsStored(String password) {
        String deviceId = Fleet.guid();
        Api.Reply reply = Fleet.checkIn(name(), deviceId, Fleet.checkInBody("BAD-PW", null, "ENCRYPTED",
                List.of(new Fleet.Key(Fleet.guid(), password, "OPERATING_SYSTEM"))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("invalid_request");
        assertThat(reply.body()).doesNotContain(password.isEmpty() ? "\u0000" : password);
        assertThat(device(deviceId)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"deviceName\":\"X\",\"encryption\":\"ENCRYPTED\",\"keys\":[],\"colour\":\"red\"}",
            "{\"deviceName\":\"X\",\"encryption\":\"SCRAMBLED\",\"keys\":[]}",
            "{\"deviceName\":\"X\",\"encryption\":\"ENCRYPTED\",\"keys\":[{\"keyId\":\"not-a-guid\",\"recoveryPassword\":\"000000-000000-000000-000000-000000-000000-000000-000000\",\"volumeType\":\"OPERATING_SYSTEM\"}]}",
            "{\"deviceName\":\"X\",\"encryption\":\"ENCRYPTED\",\"keys\":[{\"keyId\":\"7d8a9f0e-1b2c-4d3e-8f4a-5b6c7d8e9f00\",\"recoveryPassword\":\"000000-000000-000000-000000-000000-000000-000000-000000\",\"volumeType\":\"FLOPPY\"}]}",
            "{\"deviceName\":\"X\",\"encryption\":\"ENCRYPTED\",\"keys\":[{\"keyId\":\"7d8a9f0e-1b2c-4d3e-8f4a-5b6c7d8e9f00\",\"recoveryPassword\":\"000000-000000-000000-000000-000000-000000-000000-000000\",\"volumeType\":\"OPERATING_SYSTEM\",\"extra\":1}]}",
            "{\"deviceName\":\"X\",\"encryption\":\"ENCRYPTED\",\"keys\":[{\"keyId\":\"7d8a9f0e-1b2c-4d3e-8f4a-5b6c7d8e9f00\",\"recoveryPassword\":\"000000-000000-000000-000000-000000-000000-000000-000000\",\"volumeType\":\"OPERATING_SYSTEM\"},{\"keyId\":\"7D8A9F0E-1B2C-4D3E-8F4A-5B6C7D8E9F00\",\"recoveryPassword\":\"000011-000000-000000-000000-000000-000000-000000-000000\",\"volumeType\":\"OPERATING_SYSTEM\"}]}",
            "{\"encryption\":\"ENCRYPTED\",\"keys\":[]}",
            "{\"deviceName\":\"\",\"encryption\":\"ENCRYPTED\",\"keys\":[]}",
            "{\"deviceName\":42,\"encryption\":\"ENCRYPTED\",\"keys\":[]}",
            "{\"deviceName\":\"X\",\"encryption\":\"ENCRYPTED\"}",
            "{\"deviceName\":\"X\",\"encryption\":\"ENCRYPTED\",\"keys\":{}}",
            "{\"deviceName\":\"X\",\"deviceName\":\"Y\",\"encryption\":\"ENCRYPTED\",\"keys\":[]}",
            "{\"deviceName\":\"X\",\"encryption\":\"ENCRYPTED\",\"keys\":[]",
            "[]",
            ""
    })
    void malformedCheckInsAreRefusedAndNothingIsStored(String body) {
        String deviceId = Fleet.guid();

        Api.Reply reply = Fleet.checkIn(name(), deviceId, body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("invalid_request");
        assertThat(device(deviceId)).isNull();
    }

    @Test
    void aBadDeviceIdAndAnOversizedBodyAreRefused() {
        Api.Reply badId = Fleet.checkIn(name(), "DESKTOP-1234", Fleet.checkInBody("X", null, "ENCRYPTED", List.of()));
        String huge = "{\"deviceName\":\"" + "A".repeat(70 * 1024) + "\",\"encryption\":\"ENCRYPTED\",\"keys\":[]}";
        String deviceId = Fleet.guid();
        Api.Reply oversized = Fleet.checkIn(name(), deviceId, huge);

        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.code()).isEqualTo("invalid_request");
        assertThat(oversized.status()).isIn(400, 413);
        assertThat(device(deviceId)).isNull();
    }

    @Test
    void aDifferentPasswordForAnEscrowedKeyIsRefusedAndTheEscrowedOneKept() {
        Fleet.Device device = Fleet.escrow(name(), "CONFLICT-PC", null);
        Fleet.Key tampered = new Fleet.Key(device.osKey().keyId(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");

        Api.Reply reply = Fleet.checkIn(name(), device.deviceId(),
                Fleet.checkInBody("RENAMED", null, "ENCRYPTED", List.of(tampered)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(device(device.deviceId()).path("deviceName").asText()).isEqualTo("CONFLICT-PC");
    }

    @Test
    void onlyTheEscrowAgentMayCheckIn() {
        String body = Fleet.checkInBody("X", null, "ENCRYPTED", List.of());
        for (String user : List.of(TestRealm.HELPDESK, TestRealm.ADMIN, TestRealm.AUDITOR, TestRealm.OWNER)) {
            Api.Reply reply = Api.put(Api.bitlocker(name()) + "/escrow/devices/" + Fleet.guid(), body)
                    .bearer(Tokens.password(name(), user)).send();
            assertThat(reply.status()).as(user).isEqualTo(403);
            assertThat(reply.code()).isEqualTo("forbidden");
        }
        Api.Reply anonymous = Api.put(Api.bitlocker(name()) + "/escrow/devices/" + Fleet.guid(), body).send();
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void escrowIsRefusedWhenKeysComeFromEntra() {
        Realms.configure(name(), "{\"keySource\":\"entra\"}");
        String deviceId = Fleet.guid();

        Api.Reply reply = Fleet.checkIn(name(), deviceId, Fleet.checkInBody("X", null, "ENCRYPTED",
                List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM"))));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.code()).isEqualTo("escrow_not_local");
        Realms.configure(name(), "{\"keySource\":\"local\"}");
        assertThat(device(deviceId)).isNull();
    }

    @Test
    void withoutAKeyEncryptionKeyNothingIsEscrowedAndTheAgentIsToldWhy() {
        Realms.configure(empty.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"\"}}");
        String deviceId = Fleet.guid();

        Api.Reply reply = Fleet.checkIn(empty.getName(), deviceId, Fleet.checkInBody("NO-KEK", null, "ENCRYPTED",
                List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM"))));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("key_source_unavailable");
        assertThat(reply.json().path("detail").asText()).contains("local.kek");
        assertThat(Api.get(Api.bitlocker(empty.getName()) + "/keys/" + deviceId)
                .bearer(Tokens.password(empty.getName(), TestRealm.HELPDESK)).send().status()).isEqualTo(404);
    }

    @Test
    void aKekFromKeycloaksVaultThatIsMissingRefusesEscrow() {
        Realms.configure(empty.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"${vault.no-such-entry}\"}}");
        String deviceId = Fleet.guid();

        Api.Reply reply = Fleet.checkIn(empty.getName(), deviceId, Fleet.checkInBody("VAULT-KEK", null, "ENCRYPTED",
                List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM"))));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("key_source_unavailable");
        assertThat(Api.get(Api.bitlocker(empty.getName()) + "/keys/" + deviceId)
                .bearer(Tokens.password(empty.getName(), TestRealm.HELPDESK)).send().status()).isEqualTo(404);
    }

    @Test
    void onceKeysAreEscrowedTheKekChangesOnlyThroughItsRotation() {
        Fleet.escrow(name(), "KEK-GUARD", null);

        for (String kek : List.of("", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "${vault.other-kek}")) {
            Api.Reply reply = Api.put(Api.adminConfig(name()), "{\"local\":{\"kek\":\"" + kek + "\"}}")
                    .bearer(Tokens.masterAdmin()).send();
            assertThat(reply.status()).as(kek).isEqualTo(400);
            assertThat(reply.json().path("detail").asText()).contains("local.kek").contains("/bitlocker/kek");
        }
        // The same KEK sent again is no change.
        Realms.configure(name(), "{\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
    }
}
