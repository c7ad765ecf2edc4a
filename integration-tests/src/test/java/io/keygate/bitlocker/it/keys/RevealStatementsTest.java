package io.keygate.bitlocker.it.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.SqlTrace;
import io.keygate.bitlocker.it.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * What a reveal costs the database, counted from the statements Hibernate sends on the request's
 * thread (the test providers' {@code sql-trace}): the device is read once, the realm's chain head is
 * locked once, and the locked part works by reference — it neither re-reads the device nor loads
 * its keys to mark one released.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class RevealStatementsTest {

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @Test
    void anOwnersRevealReadsTheDeviceOnceAndLocksTheChainOnce() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":true}}");
        Fleet.Device laptop = Fleet.escrow(realm.getName(), "STATEMENTS-LAPTOP", TestRealm.OWNER);
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER);
        String reveal = Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId() + "/reveal";
        // A first reveal warms every cache (realm, client, user session) that a cold server would read once.
        assertThat(Api.post(reveal, "{}").bearer(token).send().status()).isEqualTo(200);

        List<String> ours = SqlTrace.ofExtension(realm.getName(), () -> {
            Api.Reply reply = Api.post(reveal, "{}").bearer(token).send();
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        });
        String all = String.join("\n", ours);
        assertThat(ours.stream().filter(s -> s.matches("SELECT .*DEVICE_NAME.* FROM BLK_DEVICE .*")))
                .as("reads of the device\n%s", all).hasSize(1);
        assertThat(ours.stream().filter(s -> s.matches("SELECT .* FROM BLK_RECOVERY_KEY .*")))
                .as("reads of keys apart from the device's\n%s", all).isEmpty();
        assertThat(ours.stream().filter(s -> s.matches("SELECT .* FROM BLK_REALM_CONFIG .*")))
                .as("reads of the configuration as committed (not this node's cached copy): the release's and the"
                        + " vault's key-encryption key\n%s", all).hasSize(2);
        List<Integer> locks = java.util.stream.IntStream.range(0, ours.size())
                .filter(i -> ours.get(i).matches("SELECT .* FROM BLK_AUDIT_CHAIN .* FOR (NO KEY )?UPDATE.*")).boxed().toList();
        assertThat(locks).as("locks of the chain head\n%s", all).hasSize(1);
        // Under the lock: the bounded count of the user's releases, the entry, the head, the open rotation. Nothing else.
        List<String> locked = ours.subList(locks.get(0) + 1, ours.size());
        assertThat(locked).as("statements under the lock\n%s", all).hasSize(4);
        assertThat(locked.get(0)).startsWith("SELECT").contains("FROM BLK_AUDIT_ENTRY").containsAnyOf("FETCH FIRST", "LIMIT");
        assertThat(locked.get(1)).startsWith("INSERT INTO BLK_AUDIT_ENTRY");
        assertThat(locked.get(2)).startsWith("UPDATE BLK_AUDIT_CHAIN");
        assertThat(locked.get(3)).startsWith("SELECT").contains("FROM BLK_ROTATION");
        assertThat(ours).as("the extension's statements of one reveal\n%s", all).hasSize(10);
    }
}
