package io.keygate.bitlocker.it.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/** The extension's meters on Keycloak's management endpoint, counting what happened and never a key. */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class MetricsTest {

    private static final String METRICS = "http://localhost:9000/metrics";

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    private static double value(String metrics, String name, String... labels) {
        double total = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} ([0-9.eE+-]+)$").matcher(metrics);
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    @Test
    void releasesDenialsKeySourceTimeAndRotationsAreCounted() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":true}}");
        String before = Api.get(METRICS).send().body();
        Fleet.Device device = Fleet.escrow(realm.getName(), "METERED-PC", TestRealm.OWNER);

        Api.Reply released = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER)).send();
        Api.Reply denied = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal", "{}")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send();
        assertThat(released.status()).isEqualTo(200);
        assertThat(denied.code()).isEqualTo("forbidden");

        Api.Reply scrape = Api.get(METRICS).send();
        assertThat(scrape.status()).isEqualTo(200);
        String after = scrape.body();
        assertThat(value(after, "bitlocker_reveals_total", "outcome=\"SUCCESS\"", "source=\"SELF_SERVICE\"")
                - value(before, "bitlocker_reveals_total", "outcome=\"SUCCESS\"", "source=\"SELF_SERVICE\"")).isEqualTo(1.0);
        assertThat(value(after, "bitlocker_reveals_total", "outcome=\"DENIED\"", "code=\"forbidden\"")
                - value(before, "bitlocker_reveals_total", "outcome=\"DENIED\"", "code=\"forbidden\"")).isEqualTo(1.0);
        assertThat(value(after, "bitlocker_key_source_seconds_count", "source=\"local\"", "result=\"ok\"")
                - value(before, "bitlocker_key_source_seconds_count", "source=\"local\"", "result=\"ok\"")).isEqualTo(1.0);
        assertThat(value(after, "bitlocker_rotations_total", "state=\"PENDING\"")
                - value(before, "bitlocker_rotations_total", "state=\"PENDING\"")).isEqualTo(1.0);
        assertThat(after).doesNotContain(device.osKey().recoveryPassword()).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
    }
}
