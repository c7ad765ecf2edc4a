package io.keygate.bitlocker.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.keygate.bitlocker.it.support.server.VaultRows;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class KekRotationTest {

    private static final String NEW_KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRealm(config = TestRealm.class, ref = "kek-refusals")
    ManagedRealm refusals;

    @InjectRealm(config = TestRealm.class, ref = "kek-unreadable")
    ManagedRealm unreadable;

    @InjectRealm(config = TestRealm.class, ref = "kek-race")
    ManagedRealm race;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    private String kekUrl() {
        return Api.BASE + "/admin/realms/" + realm.getName() + "/bitlocker/kek";
    }

    @Test
    void aNewKekReWrapsEveryEscrowedKeyAndReleasesKeepWorking() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":false}}");
        Fleet.Device a = Fleet.escrow(realm.getName(), "KEK-A", TestRealm.OWNER);
        Fleet.Device b = Fleet.escrow(realm.getName(), "KEK-B", TestRealm.OWNER);

        Api.Reply rotated = Api.post(kekUrl(), "{\"kek\":\"" + NEW_KEK + "\"}").bearer(Tokens.masterAdmin()).send();

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.json().path("rewrapped").asLong()).isEqualTo(2);
        assertThat(rotated.json().path("kekId").asText()).isNotEqualTo(rotated.json().path("previousKekId").asText());
        assertThat(rotated.body()).doesNotContain(NEW_KEK).doesNotContain(Fleet.KEK);
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER);
        for (Fleet.Device d : new Fleet.Device[] {a, b}) {
            Api.Reply reveal = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + d.deviceId() + "/reveal", "{}")
                    .bearer(token).send();
            assertThat(reveal.status()).as(reveal.toString()).isEqualTo(200);
            assertThat(reveal.json().path("recoveryPassword").asText()).isEqualTo(d.osKey().recoveryPassword());
        }
        Api.Reply again = Api.post(kekUrl(), "{\"kek\":\"" + NEW_KEK + "\"}").bearer(Tokens.masterAdmin()).send();
        assertThat(again.json().path("rewrapped").asLong()).isZero();
        assertThat(again.json().path("alreadyCurrent").asLong()).isEqualTo(2);
    }

    @Test
    void anUnusableKekIsRefusedAndOnlyRealmManagersMayRotate() {
        Realms.configure(refusals.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
        String url = Api.BASE + "/admin/realms/" + refusals.getName() + "/bitlocker/kek";

        Api.Reply bad = Api.post(url, "{\"kek\":\"c2hvcnQ=\"}").bearer(Tokens.masterAdmin()).send();
        Api.Reply missingVault = Api.post(url, "{\"kek\":\"${vault.nope}\"}").bearer(Tokens.masterAdmin()).send();
        Api.Reply viewer = Api.post(url, "{\"kek\":\"" + NEW_KEK + "\"}")
                .bearer(Tokens.password(refusals.getName(), "admin-cli", TestRealm.REALM_VIEWER, TestRealm.PASSWORD)).send();

        assertThat(bad.status()).isEqualTo(400);
        assertThat(missingVault.status()).isEqualTo(400);
        assertThat(viewer.status()).isEqualTo(403);
    }

    @Test
    void aRotationWithAnyKeyTheCurrentKekCannotOpenChangesNothing() {
        Realms.configure(unreadable.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":false}}");
        Fleet.Device readable = Fleet.escrow(unreadable.getName(), "READABLE", TestRealm.OWNER);
        Fleet.Device orphan = Fleet.escrow(unreadable.getName(), "ORPHAN", TestRealm.OWNER);
        String kekBefore = server.fetch(VaultRows.kekOf(readable.osKey().keyId()), String.class);
        server.run(VaultRows.nameKek(orphan.osKey().keyId(), "0123456789abcdef"));
        String url = Api.BASE + "/admin/realms/" + unreadable.getName() + "/bitlocker/kek";

        Api.Reply refused = Api.post(url, "{\"kek\":\"" + NEW_KEK + "\"}").bearer(Tokens.masterAdmin()).send();

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("keys_unreadable");
        assertThat(refused.json().path("unreadable").asLong()).isEqualTo(1);
        assertThat(server.fetch(VaultRows.kekOf(readable.osKey().keyId()), String.class)).isEqualTo(kekBefore);
        Api.Reply reveal = Api.post(Api.bitlocker(unreadable.getName()) + "/keys/" + readable.deviceId() + "/reveal", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(unreadable, TestRealm.OWNER)).send();
        assertThat(reveal.status()).as("still under the old KEK: %s", reveal).isEqualTo(200);
    }

    @Test
    void checkInsRacingARotationLeaveNoKeyUnderTheRetiredKek() throws Exception {
        Realms.configure(race.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
        Fleet.escrow(race.getName(), "RACE-FIRST", null);
        String url = Api.BASE + "/admin/realms/" + race.getName() + "/bitlocker/kek";
        ExecutorService pool = Executors.newFixedThreadPool(25);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> checkIns = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String name = "RACE-" + i;
                checkIns.add(pool.submit(() -> {
                    go.await();
                    Fleet.Device d = new Fleet.Device(Fleet.guid(), name,
                            List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM")));
                    return Fleet.checkIn(race.getName(), d.deviceId(), Fleet.checkInBody(name, null, "ENCRYPTED", d.keys()))
                            .status();
                }));
            }
            Future<Api.Reply> rotation = pool.submit(() -> {
                go.await();
                Thread.sleep(50);
                return Api.post(url, "{\"kek\":\"" + NEW_KEK + "\"}").bearer(Tokens.masterAdmin()).send();
            });
            go.countDown();
            for (Future<Integer> c : checkIns) {
                assertThat(c.get(120, TimeUnit.SECONDS)).isEqualTo(200);
            }
            Api.Reply rotated = rotation.get(120, TimeUnit.SECONDS);
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);

            assertThat(server.fetch(VaultRows.keks(race.getId()), String.class))
                    .isEqualTo(rotated.json().path("kekId").asText());
        } finally {
            pool.shutdownNow();
        }
    }
}
