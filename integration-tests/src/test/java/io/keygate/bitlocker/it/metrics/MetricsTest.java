package io.keygate.bitlocker.it.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.ServerMetrics;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** The extension's meters on Keycloak's management endpoint, counting what happened and never a key. */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class MetricsTest {

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @Test
    void releasesDenialsKeySourceTimeAndRotationsAreCounted() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":true}}");
        ServerMetrics before = ServerMetrics.scrape();
        Fleet.Device device = Fleet.escrow(realm.getName(), "METERED-PC", TestRealm.OWNER);

        Api.Reply released = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER)).send();
        Api.Reply denied = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal", "{}")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send();
        assertThat(released.status()).isEqualTo(200);
        assertThat(denied.code()).isEqualTo("forbidden");

        ServerMetrics after = ServerMetrics.scrape();
        assertThat(after.since(before, "bitlocker_reveals_total", "outcome=\"SUCCESS\"", "source=\"SELF_SERVICE\"")).isEqualTo(1.0);
        assertThat(after.since(before, "bitlocker_reveals_total", "outcome=\"DENIED\"", "code=\"forbidden\"")).isEqualTo(1.0);
        assertThat(after.since(before, "bitlocker_key_source_seconds_count", "source=\"local\"", "result=\"ok\"")).isEqualTo(1.0);
        assertThat(after.since(before, "bitlocker_rotations_total", "state=\"PENDING\"")).isEqualTo(1.0);
        assertThat(after.text()).doesNotContain(device.osKey().recoveryPassword()).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
    }

    @Test
    void devicesAreCountedByEscrowStatusPerRealm() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
        Fleet.escrow(realm.getName(), "GAUGED-PC-1", null);
        Fleet.escrow(realm.getName(), "GAUGED-PC-2", null);
        Fleet.checkIn(realm.getName(), Fleet.guid(), Fleet.checkInBody("GAUGED-NO-KEY", null, "ENCRYPTED", List.of()));
        Fleet.checkIn(realm.getName(), Fleet.guid(), Fleet.checkInBody("GAUGED-ENCRYPTING", null, "ENCRYPTING", List.of()));
        JsonNode counts = Api.get(Api.bitlocker(realm.getName()) + "/escrow/status")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("counts");
        String realmLabel = "realm=\"" + realm.getName() + "\"";

        // Refreshed every second in the tests (every minute by default), on each node.
        ServerMetrics metrics = Eventually.await(ServerMetrics::scrape, m -> m.value("bitlocker_devices",
                realmLabel, "status=\"PENDING\"") == counts.path("PENDING").asDouble(), 10);

        for (String status : List.of("ESCROWED", "PENDING", "FAILED", "NOT_AVAILABLE")) {
            assertThat(metrics.value("bitlocker_devices", realmLabel, "status=\"" + status + "\""))
                    .as(status).isEqualTo(counts.path(status).asDouble());
        }
        assertThat(counts.path("ESCROWED").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(counts.path("FAILED").asLong()).isGreaterThanOrEqualTo(1);
    }
}
