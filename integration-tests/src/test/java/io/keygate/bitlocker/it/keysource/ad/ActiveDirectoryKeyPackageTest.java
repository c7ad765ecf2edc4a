package io.keygate.bitlocker.it.keysource.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.simulators.ad.SambaDomain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Key packages kept in Active Directory ({@code msFVE-KeyPackage}, SPEC §3, §9) against the real DC: the sync says
 * which keys hold one only with {@code keyPackages} on and only where the account may read it, a release asked for
 * the package reads it with the password in one base read, and with {@code keyPackages} off none is looked for or
 * released.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActiveDirectoryKeyPackageTest {

    static final String PASSWORD_P = "000451-000462-000473-000484-000495-000506-000517-000528";
    static final String PASSWORD_N = "000539-000550-000561-000572-000583-000594-000605-000616";

    static SambaDomain dc;
    static String ou;
    static SambaDomain.Computer packaged;
    static SambaDomain.Computer plain;
    static String keyP = UUID.randomUUID().toString();
    static String keyN = UUID.randomUUID().toString();
    static byte[] keyPackage = new byte[1536];
    static SambaDomain.Account reader;
    static SambaDomain.Account lister;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @BeforeAll
    static void domain() {
        dc = SambaDomain.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ou = dc.organizationalUnit("Packages-" + suffix);
        packaged = dc.computer(ou, "PC-P-" + suffix, null);
        plain = dc.computer(ou, "PC-N-" + suffix, null);
        new java.util.Random(7).nextBytes(keyPackage);
        dc.recoveryKey(packaged.dn(), keyP, UUID.randomUUID().toString(), Instant.parse("2026-11-25T10:00:00Z"), PASSWORD_P,
                keyPackage);
        dc.recoveryKey(plain.dn(), keyN, UUID.randomUUID().toString(), Instant.parse("2026-11-25T10:00:00Z"), PASSWORD_N, null);
        reader = dc.reader("kg-kp-reader-" + suffix, ou);
        lister = dc.lister("kg-kp-lister-" + suffix, ou);
    }

    private DirectorySource ad() {
        return new DirectorySource(realm, ou);
    }

    private boolean hasKeyPackage(SambaDomain.Computer computer, String keyId) {
        return DirectorySource.key(ad().device(computer.deviceId()), keyId).path("hasKeyPackage").asBoolean();
    }

    @Test
    @Order(1)
    void theSyncSaysWhichKeysHoldAPackageAndAReleaseAskedForItGetsItWithThePassword() throws Exception {
        ad().configure(SambaDomain.LDAPS_URL, false, reader, true);
        JsonNode sync = ad().syncAndWait();
        assertThat(sync.has("error")).as(sync.toString()).isFalse();
        assertThat(hasKeyPackage(packaged, keyP)).isTrue();
        assertThat(hasKeyPackage(plain, keyN)).isFalse();

        Api.Reply reply = ad().reveal(packaged.deviceId(), keyP, "\"keyPackage\":true,");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("recoveryPassword").asText()).isEqualTo(PASSWORD_P);
        assertThat(Base64.getDecoder().decode(reply.json().path("keyPackage").asText())).isEqualTo(keyPackage);
        JsonNode revealed = ad().audit(packaged.deviceId(), "KEY_REVEALED");
        assertThat(revealed.get(0).path("keyPackage").asBoolean()).as(revealed.toString()).isTrue();

        Api.Reply without = ad().reveal(packaged.deviceId(), keyP);
        assertThat(without.status()).as(without.toString()).isEqualTo(200);
        assertThat(without.json().has("keyPackage")).as("only when asked for").isFalse();

        String base64 = Base64.getEncoder().encodeToString(keyPackage);
        assertThat(Files.readString(BitLockerServerConfig.serverLog())).doesNotContain(PASSWORD_P)
                .doesNotContain(base64.substring(0, 40));
        assertThat(revealed.toString()).doesNotContain(base64.substring(0, 40));
    }

    @Test
    @Order(2)
    void aKeyWithoutAPackageIsRefusedBeforeTheDirectoryIsAsked() {
        Api.Reply reply = ad().reveal(plain.deviceId(), keyN, "\"keyPackage\":true,");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("key_package_not_found");
        JsonNode denied = ad().audit(plain.deviceId(), "KEY_REVEAL_DENIED");
        assertThat(denied.get(0).path("keyPackage").asBoolean()).as(denied.toString()).isTrue();
        assertThat(ad().audit(plain.deviceId(), "KEY_REVEALED").size()).as("no key left").isZero();
    }

    @Test
    @Order(3)
    void anAccountThatMayNotReadPackagesIsNotToldOfThem() {
        ad().configure(SambaDomain.LDAPS_URL, false, lister, true);
        JsonNode sync = ad().syncAndWait();
        assertThat(sync.has("error")).as(sync.toString()).isFalse();
        // msFVE-KeyPackage is confidential: the DC does not match the presence filter for an account without the right.
        assertThat(hasKeyPackage(packaged, keyP)).isFalse();
    }

    @Test
    @Order(4)
    void withKeyPackagesOffNoPackageIsLookedForOrReleased() {
        ad().configure(SambaDomain.LDAPS_URL, false, reader, true);
        ad().syncAndWait();
        assertThat(hasKeyPackage(packaged, keyP)).as("another account: a full pass, which finds it").isTrue();

        ad().configure(SambaDomain.LDAPS_URL, false, reader, false);
        // Off is in force at once, before any sync: nothing is released.
        Api.Reply before = ad().reveal(packaged.deviceId(), keyP, "\"keyPackage\":true,");
        assertThat(before.status()).as(before.toString()).isEqualTo(404);
        assertThat(before.code()).isEqualTo("key_package_not_found");

        ad().syncAndWait();
        assertThat(hasKeyPackage(packaged, keyP)).as("turning it off is a full pass that forgets them").isFalse();
        assertThat(ad().audit(packaged.deviceId(), "KEY_REVEALED").size()).as("only the two of the first test").isEqualTo(2);
    }
}
