package io.keygate.bitlocker.it.keysource.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
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
 * The {@code activeDirectory} key source against a real domain controller (Samba, {@link SambaDomain}) over LDAPS:
 * computers and their BitLocker recovery objects synchronised into the realm, the recovery password read at release
 * time only, an account that may list but not read, a malformed value and an unreachable DC refused fail-closed,
 * rotation completed by the next backup.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActiveDirectoryKeySourceTest {

    static final String VOLUME = "5a1c0e77-1111-4c2b-9d3e-00000000c0de";
    static final String PASSWORD_A = "000011-000022-000033-000044-000055-000066-000077-000088";
    static final String PASSWORD_B_OLD = "000099-000110-000121-000132-000143-000154-000165-000176";
    static final String PASSWORD_B = "000187-000198-000209-000220-000231-000242-000253-000264";
    static final String PASSWORD_A_NEXT = "000275-000286-000297-000308-000319-000330-000341-000352";
    static final Instant A_CREATED = Instant.parse("2026-11-20T09:15:30Z");

    static SambaDomain dc;
    static String ou;
    static SambaDomain.Computer pcA;
    static SambaDomain.Computer pcB;
    static SambaDomain.Computer pcC;
    static String keyA = UUID.randomUUID().toString();
    static String keyBOld = UUID.randomUUID().toString();
    static String keyB = UUID.randomUUID().toString();
    static SambaDomain.Account reader;
    static SambaDomain.Account lister;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @BeforeAll
    static void domain() {
        dc = SambaDomain.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ou = dc.organizationalUnit("Laptops-" + suffix);
        pcA = dc.computer(ou, "PC-A-" + suffix, null);
        pcB = dc.computer(ou, "PC-B-" + suffix, null);
        pcC = dc.computer(ou, "PC-C-" + suffix, null);
        dc.recoveryKey(pcA.dn(), keyA, VOLUME, A_CREATED, PASSWORD_A, null);
        String volumeB = UUID.randomUUID().toString();
        dc.recoveryKey(pcB.dn(), keyBOld, volumeB, Instant.parse("2026-10-01T08:00:00Z"), PASSWORD_B_OLD, null);
        dc.recoveryKey(pcB.dn(), keyB, volumeB, Instant.parse("2026-11-01T08:00:00Z"), PASSWORD_B, null);
        reader = dc.reader("kg-reader-" + suffix, ou);
        lister = dc.lister("kg-lister-" + suffix, ou);
    }

    private void configure(String url, boolean startTls, SambaDomain.Account account) {
        ad().configure(url, startTls, account, false);
    }

    private DirectorySource ad() {
        return new DirectorySource(realm, ou);
    }

    private JsonNode device(String deviceId) {
        return ad().device(deviceId);
    }

    private Api.Reply reveal(String deviceId, String keyId) {
        return ad().reveal(deviceId, keyId);
    }

    @Test
    @Order(1)
    void computersAndTheirRecoveryObjectsAreSynchronisedAsDevicesAndKeys() {
        configure(SambaDomain.LDAPS_URL, false, reader);
        JsonNode sync = ad().syncAndWait();
        assertThat(sync.path("devices").asLong()).as(sync.toString()).isEqualTo(3);
        assertThat(sync.path("keys").asLong()).isEqualTo(3);
        assertThat(sync.has("error")).as(sync.toString()).isFalse();

        JsonNode a = device(pcA.deviceId());
        assertThat(a.path("deviceName").asText()).startsWith("PC-A-");
        assertThat(a.path("escrowStatus").asText()).isEqualTo("ESCROWED");
        JsonNode ka = DirectorySource.key(a, keyA);
        assertThat(ka.path("volumeType").asText()).isEqualTo("UNKNOWN");
        assertThat(ka.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(Instant.parse(ka.path("createdAt").asText())).isEqualTo(A_CREATED);

        JsonNode b = device(pcB.deviceId());
        assertThat(DirectorySource.key(b, keyB).path("state").asText()).isEqualTo("ACTIVE");
        assertThat(DirectorySource.key(b, keyBOld).path("state").asText()).isEqualTo("SUPERSEDED");
        assertThat(device(pcC.deviceId()).path("escrowStatus").asText()).isEqualTo("NOT_AVAILABLE");
        assertThat(device(pcC.deviceId()).path("keys").size()).isZero();
    }

    @Test
    @Order(2)
    void helpdeskFindsADeviceByKeyIdPrefixAndByName() {
        String helpdesk = Tokens.password(realm.getName(), TestRealm.HELPDESK);
        JsonNode byKey = Api.get(Api.bitlocker(realm.getName()) + "/keys?search=" + keyB.substring(0, 8).toUpperCase())
                .bearer(helpdesk).send().json();
        assertThat(byKey.path("items").findValuesAsText("deviceId")).containsExactly(pcB.deviceId());
        JsonNode byName = Api.get(Api.bitlocker(realm.getName()) + "/keys?search=pc-c-").bearer(helpdesk).send().json();
        assertThat(byName.path("items").findValuesAsText("deviceId")).contains(pcC.deviceId());
    }

    @Test
    @Order(3)
    void aReleaseReadsTheRecoveryPasswordFromTheDirectoryAndNeverLogsIt() throws Exception {
        Api.Reply reply = reveal(pcA.deviceId(), null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("recoveryPassword").asText()).isEqualTo(PASSWORD_A);
        assertThat(reply.json().path("keyId").asText()).isEqualTo(keyA);
        assertThat(reply.json().path("volumeType").asText()).isEqualTo("UNKNOWN");
        assertThat(reply.json().path("rotation").path("status").asText()).isEqualTo("PENDING");
        assertThat(Files.readString(BitLockerServerConfig.serverLog())).doesNotContain(PASSWORD_A)
                .doesNotContain(reader.password());
    }

    @Test
    @Order(4)
    void aNewerBackupOfTheVolumeSupersedesTheOldKeyAndCompletesTheRotation() {
        String next = UUID.randomUUID().toString();
        dc.recoveryKey(pcA.dn(), next, VOLUME, Instant.now().plus(1, ChronoUnit.MINUTES), PASSWORD_A_NEXT, null);
        SambaDomain.Computer pcD = dc.computer(ou, "PC-D-" + UUID.randomUUID().toString().substring(0, 8), null);
        JsonNode sync = ad().syncAndWait();
        // An incremental run: only the changed computers (PC-A under its new recovery object, and the new PC-D).
        assertThat(sync.path("devices").asLong()).as(sync.toString()).isEqualTo(2);

        JsonNode a = device(pcA.deviceId());
        assertThat(DirectorySource.key(a, next).path("state").asText()).isEqualTo("ACTIVE");
        assertThat(DirectorySource.key(a, keyA).path("state").asText()).isEqualTo("SUPERSEDED");
        assertThat(device(pcD.deviceId()).path("escrowStatus").asText()).isEqualTo("NOT_AVAILABLE");
        JsonNode completed = ad().audit(pcA.deviceId(), "ROTATION_COMPLETED");
        assertThat(completed.size()).as(completed.toString()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void onDemandRotationIsNotSupported() {
        Api.Reply reply = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + pcB.deviceId() + "/rotate",
                "{\"reason\":\"rotate please\"}").bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.code()).isEqualTo("rotation_not_supported");
    }

    @Test
    @Order(6)
    void anAccountThatMayListButNotReadIsRefusedClearlyAndTheSyncStateSaysSo() {
        configure(SambaDomain.LDAPS_URL, false, lister);
        JsonNode listed = ad().syncAndWait();
        assertThat(listed.has("error")).as(listed.toString()).isFalse();

        Api.Reply reply = reveal(pcB.deviceId(), keyB);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("key_source_unavailable");
        assertThat(reply.json().path("detail").asText()).contains("control-access");
        assertThat(reply.body()).doesNotContain(PASSWORD_B);
        assertThat(ad().status().path("sync").path("error").asText()).contains("can list recovery objects but not read");

        assertThat(ad().audit(pcB.deviceId(), "KEY_REVEAL_DENIED").toString()).contains("key_source_unavailable");
    }

    @Test
    @Order(7)
    void aMalformedValueIsNotReleased() {
        configure(SambaDomain.LDAPS_URL, false, reader);
        String c = UUID.randomUUID().toString();
        String dn = dc.recoveryKey(pcC.dn(), c, UUID.randomUUID().toString(), Instant.now(), "123456-not-a-password", null);
        ad().syncAndWait();
        Api.Reply reply = reveal(pcC.deviceId(), c);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("key_source_unavailable");
        assertThat(reply.json().path("detail").asText()).contains("malformed");
        assertThat(reply.body()).doesNotContain("123456-not-a-password");
        dc.delete(dn);
    }

    @Test
    @Order(8)
    void startTlsWorksAndAnUnreachableDirectoryFailsClosed() {
        configure(SambaDomain.LDAP_URL, true, reader);
        Api.Reply overStartTls = reveal(pcB.deviceId(), keyB);
        assertThat(overStartTls.status()).as(overStartTls.toString()).isEqualTo(200);
        assertThat(overStartTls.json().path("recoveryPassword").asText()).isEqualTo(PASSWORD_B);

        configure("ldaps://127.0.0.3:636", false, reader);
        Api.Reply down = reveal(pcB.deviceId(), keyB);
        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        assertThat(down.code()).isEqualTo("key_source_unavailable");
        assertThat(down.json().path("detail").asText()).contains("cannot be reached");
    }

    @Test
    @Order(9)
    void plainLdapToAnotherHostIsRefusedInTheConfiguration() {
        Api.Reply reply = Api.put(Api.adminConfig(realm.getName()), "{\"activeDirectory\":{\"url\":\"ldap://dc1.example.com\"}}")
                .bearer(Tokens.masterAdmin()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body()).contains("activeDirectory.url");
    }
}
