package io.keygate.bitlocker.it.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.VaultRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * BitLocker key packages in the local vault (SPEC §3, issue 24 item 5): an agent escrows one with a key, and a
 * release that asks for it gets it with the password, behind the same checks; a key without one is a 404.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class KeyPackageTest {

    private static final String CONFIG = "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
            + "\"rotation\":{\"afterReveal\":false},\"selfService\":{\"enabled\":true,\"requireStepUp\":true}}";
    private static final String NEW_KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final int MAX_KEY_PACKAGE = 100 * 1024;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRealm(config = TestRealm.class, ref = "kpkg-kek")
    ManagedRealm kekRealm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    /** An encrypted laptop: its system volume's key escrowed with a key package, its data volume's without. */
    private Fleet.Device laptop;
    private String keyPackage;

    @BeforeEach
    void setUp() {
        Realms.configure(realm.getName(), CONFIG);
        laptop = new Fleet.Device(Fleet.guid(), "KPKG-" + System.nanoTime() % 100000, List.of(
                new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM"),
                new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "FIXED_DATA")));
        keyPackage = Fleet.keyPackage(4096);
        Api.Reply checkIn = Fleet.checkIn(realm.getName(), laptop.deviceId(), Fleet.checkInBody(laptop.deviceName(),
                TestRealm.OWNER, "ENCRYPTED", laptop.keys(), Map.of(laptop.osKey().keyId(), keyPackage)));
        assertThat(checkIn.status()).as(checkIn.toString()).isEqualTo(200);
    }

    private Fleet.Key dataKey() {
        return laptop.keys().get(1);
    }

    private Api.Reply reveal(ManagedRealm target, String deviceId, String body, String token) {
        return Api.post(Api.bitlocker(target.getName()) + "/keys/" + deviceId + "/reveal", body).bearer(token).send();
    }

    private JsonNode audit(String action, String deviceId) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=" + action + "&deviceId=" + deviceId)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
    }

    @Test
    void theKeyListingSaysWhichKeysHaveAPackageAndNeverShowsIt() {
        Api.Reply device = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId())
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send();

        assertThat(device.status()).as(device.toString()).isEqualTo(200);
        for (JsonNode key : device.json().path("keys")) {
            boolean os = key.path("keyId").asText().equals(laptop.osKey().keyId());
            assertThat(key.path("hasKeyPackage").isBoolean()).as(key.toString()).isTrue();
            assertThat(key.path("hasKeyPackage").asBoolean()).as(key.toString()).isEqualTo(os);
        }
        assertThat(device.body()).doesNotContain(keyPackage.substring(0, 32));
    }

    @Test
    void theOwnerRevealsThePackageWithThePasswordAndTheAuditEntrySaysSo() {
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER);

        Api.Reply withPackage = reveal(realm, laptop.deviceId(), "{\"keyPackage\":true}", token);
        Api.Reply without = reveal(realm, laptop.deviceId(), "{}", token);

        assertThat(withPackage.status()).as(withPackage.toString()).isEqualTo(200);
        assertThat(withPackage.header("Cache-Control")).contains("no-store");
        assertThat(withPackage.json().path("keyId").asText()).isEqualTo(laptop.osKey().keyId());
        assertThat(withPackage.json().path("recoveryPassword").asText()).isEqualTo(laptop.osKey().recoveryPassword());
        assertThat(withPackage.json().path("keyPackage").asText()).as("what the agent sealed").isEqualTo(keyPackage);
        assertThat(without.status()).isEqualTo(200);
        assertThat(without.json().has("keyPackage")).as("only when asked for").isFalse();

        JsonNode revealed = audit("KEY_REVEALED", laptop.deviceId());
        assertThat(revealed).hasSize(2);
        assertThat(revealed.get(1).path("keyPackage").asBoolean()).as("the first release asked for it").isTrue();
        assertThat(revealed.get(0).has("keyPackage")).as("the second did not").isFalse();
        assertThat(revealed.toString()).doesNotContain(keyPackage.substring(0, 32));
        Api.Reply verify = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/verify")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send();
        assertThat(verify.json().path("valid").asBoolean()).as(verify.toString()).isTrue();
    }

    @Test
    void aKeyWithoutAPackageIsA404OnlyAfterEveryEarlierCheckPassedAndNoKeyLeaves() {
        String body = "{\"keyId\":\"" + dataKey().keyId() + "\",\"keyPackage\":true}";

        // Step 6 comes first: helpdesk without a ticket is refused for the ticket, not for the package.
        Api.Reply noTicket = reveal(realm, laptop.deviceId(), body, BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK));
        Api.Reply noPackage = reveal(realm, laptop.deviceId(), body, BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER));

        assertThat(noTicket.status()).as(noTicket.toString()).isEqualTo(403);
        assertThat(noTicket.code()).isEqualTo("ticket_required");
        assertThat(noPackage.status()).as(noPackage.toString()).isEqualTo(404);
        assertThat(noPackage.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noPackage.code()).isEqualTo("key_package_not_found");
        assertThat(noPackage.body()).doesNotContain(dataKey().recoveryPassword())
                .doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
        JsonNode denial = audit("KEY_REVEAL_DENIED", laptop.deviceId()).get(0);
        assertThat(denial.path("code").asText()).isEqualTo("key_package_not_found");
        assertThat(denial.path("keyId").asText()).isEqualTo(dataKey().keyId());
        assertThat(denial.path("keyPackage").asBoolean()).isTrue();
        assertThat(audit("KEY_REVEALED", laptop.deviceId())).as("no key left").isEmpty();
    }

    @Test
    void aPackageOver100KiBIsRefusedAndNothingIsStored() {
        Fleet.Device device = new Fleet.Device(Fleet.guid(), "KPKG-LARGE",
                List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM")));
        String tooLarge = Fleet.keyPackage(MAX_KEY_PACKAGE + 1);

        Api.Reply refused = Fleet.checkIn(realm.getName(), device.deviceId(), Fleet.checkInBody(device.deviceName(), null,
                "ENCRYPTED", device.keys(), Map.of(device.osKey().keyId(), tooLarge)));
        Api.Reply notBase64 = Fleet.checkIn(realm.getName(), device.deviceId(), Fleet.checkInBody(device.deviceName(), null,
                "ENCRYPTED", device.keys(), Map.of(device.osKey().keyId(), "not*base64")));

        assertThat(refused.json().path("detail").asText()).contains("100 KiB");
        for (Api.Reply reply : List.of(refused, notBase64)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("invalid_request");
            assertThat(reply.body()).doesNotContain(tooLarge.substring(0, 32));
        }
        assertThat(Api.get(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId())
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send().status()).as("nothing stored").isEqualTo(404);

        // A check-in may be up to 1 MiB (SPEC §3), so a key with the largest package fits.
        String largest = Fleet.keyPackage(MAX_KEY_PACKAGE);
        Api.Reply accepted = Fleet.checkIn(realm.getName(), device.deviceId(), Fleet.checkInBody(device.deviceName(),
                TestRealm.OWNER, "ENCRYPTED", device.keys(), Map.of(device.osKey().keyId(), largest)));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        Api.Reply revealed = reveal(realm, device.deviceId(), "{\"keyPackage\":true}",
                BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER));
        assertThat(revealed.json().path("keyPackage").asText()).isEqualTo(largest);
    }

    @Test
    void aPackageSentLaterIsAddedToAKeyEscrowedWithoutOne() {
        String later = Fleet.keyPackage(512);

        Api.Reply checkIn = Fleet.checkIn(realm.getName(), laptop.deviceId(), Fleet.checkInBody(laptop.deviceName(),
                TestRealm.OWNER, "ENCRYPTED", laptop.keys(), Map.of(laptop.osKey().keyId(), keyPackage,
                        dataKey().keyId(), later)));
        Api.Reply revealed = reveal(realm, laptop.deviceId(), "{\"keyId\":\"" + dataKey().keyId() + "\",\"keyPackage\":true}",
                BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER));

        assertThat(checkIn.status()).as(checkIn.toString()).isEqualTo(200);
        assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
        assertThat(revealed.json().path("keyPackage").asText()).isEqualTo(later);
    }

    @Test
    void aKekRotationReWrapsKeyPackagesWithThePasswords() {
        Realms.configure(kekRealm.getName(), CONFIG);
        Fleet.Device device = new Fleet.Device(Fleet.guid(), "KPKG-KEK",
                List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM")));
        String sealed = Fleet.keyPackage(2048);
        assertThat(Fleet.checkIn(kekRealm.getName(), device.deviceId(), Fleet.checkInBody(device.deviceName(),
                TestRealm.OWNER, "ENCRYPTED", device.keys(), Map.of(device.osKey().keyId(), sealed))).status()).isEqualTo(200);
        String kekBefore = server.fetch(VaultRows.keyPackageKekOf(device.osKey().keyId()), String.class);

        Api.Reply rotated = Api.post(Api.BASE + "/admin/realms/" + kekRealm.getName() + "/bitlocker/kek",
                "{\"kek\":\"" + NEW_KEK + "\"}").bearer(Tokens.masterAdmin()).send();

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String kekId = rotated.json().path("kekId").asText();
        assertThat(kekId).isNotEqualTo(kekBefore);
        assertThat(server.fetch(VaultRows.keyPackageKekOf(device.osKey().keyId()), String.class)).isEqualTo(kekId);
        assertThat(server.fetch(VaultRows.kekOf(device.osKey().keyId()), String.class)).isEqualTo(kekId);
        Api.Reply revealed = reveal(kekRealm, device.deviceId(), "{\"keyPackage\":true}",
                BrowserLogin.cachedStepUpToken(kekRealm, TestRealm.OWNER));
        assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
        assertThat(revealed.json().path("keyPackage").asText()).isEqualTo(sealed);
        assertThat(revealed.json().path("recoveryPassword").asText()).isEqualTo(device.osKey().recoveryPassword());
    }
}
