package io.keygate.bitlocker.it.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class SelfServiceAndBreakGlassTest {

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @BeforeEach
    void enable() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"ticketing\":{\"breakGlass\":true},\"rotation\":{\"afterReveal\":false}}");
    }

    @Test
    void anOwnerRevealsTheirOwnKeyAfterSteppingUp() {
        Fleet.Device laptop = Fleet.escrow(realm.getName(), "OLIVIA-LAPTOP", TestRealm.OWNER);
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER);

        Api.Reply reply = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + laptop.deviceId() + "/reveal", "{}")
                .bearer(token).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).contains("no-store");
        JsonNode body = reply.json();
        assertThat(body.path("recoveryPassword").asText()).isEqualTo(laptop.osKey().recoveryPassword());
        assertThat(body.path("keyId").asText()).isEqualTo(laptop.osKey().keyId());
        assertThat(body.path("deviceName").asText()).isEqualTo("OLIVIA-LAPTOP");
        assertThat(body.path("auditId").asText()).isNotBlank();
        assertThat(body.has("ticket")).isTrue();
        assertThat(body.path("ticket").isNull()).isTrue();
        assertThat(body.path("rotation").isNull()).isTrue();
    }

    @Test
    void anAdminUsesBreakGlassWithAReason() {
        Fleet.Device desktop = Fleet.escrow(realm.getName(), "FINANCE-DESKTOP-7", null);
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN);

        Api.Reply reply = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + desktop.deviceId() + "/reveal",
                "{\"breakGlass\":true,\"reason\":\"CEO laptop locked before board meeting, Jira down\"}").bearer(token).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("recoveryPassword").asText()).isEqualTo(desktop.osKey().recoveryPassword());
    }
}
