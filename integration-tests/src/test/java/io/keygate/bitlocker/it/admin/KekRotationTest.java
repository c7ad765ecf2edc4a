package io.keygate.bitlocker.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class KekRotationTest {

    private static final String NEW_KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

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
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");

        Api.Reply bad = Api.post(kekUrl(), "{\"kek\":\"c2hvcnQ=\"}").bearer(Tokens.masterAdmin()).send();
        Api.Reply missingVault = Api.post(kekUrl(), "{\"kek\":\"${vault.nope}\"}").bearer(Tokens.masterAdmin()).send();
        Api.Reply viewer = Api.post(kekUrl(), "{\"kek\":\"" + NEW_KEK + "\"}")
                .bearer(Tokens.password(realm.getName(), "admin-cli", TestRealm.REALM_VIEWER, TestRealm.PASSWORD)).send();

        assertThat(bad.status()).isEqualTo(400);
        assertThat(missingVault.status()).isEqualTo(400);
        assertThat(viewer.status()).isEqualTo(403);
    }
}
