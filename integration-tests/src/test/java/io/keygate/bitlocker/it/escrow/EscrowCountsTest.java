package io.keygate.bitlocker.it.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The escrow status's counts are kept with every status change rather than counted at each request
 * (issue 16): agents checking in at once, from the realm's very first device on, leave every device
 * counted once, in the status it ended in.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class EscrowCountsTest {

    private static final int DEVICES = 24;
    private static final int AGENTS = 6;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @Test
    void agentsCheckingInAtOnceLeaveEveryDeviceCountedOnceInItsLastStatus() throws Exception {
        String name = realm.getName();
        Realms.configure(name, "{\"enabled\":true,\"keySource\":\"local\",\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
        ExecutorService agents = Executors.newFixedThreadPool(AGENTS);
        try {
            List<Future<List<Integer>>> runs = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                int n = i;
                runs.add(agents.submit(() -> lifeOf(name, n)));
            }
            for (Future<List<Integer>> run : runs) {
                assertThat(run.get()).containsOnly(200);
            }
        } finally {
            agents.shutdownNow();
        }

        JsonNode counts = Api.get(Api.bitlocker(name) + "/escrow/status")
                .bearer(Tokens.password(name, TestRealm.AUDITOR)).send().json().path("counts");
        assertThat(counts.path("ESCROWED").asLong()).isEqualTo(DEVICES / 3);
        assertThat(counts.path("FAILED").asLong()).isEqualTo(DEVICES / 3);
        assertThat(counts.path("NOT_AVAILABLE").asLong()).isEqualTo(DEVICES / 3);
        assertThat(counts.path("PENDING").asLong()).isZero();
    }

    /** New and encrypting (PENDING), then escrowed with a key; a third stay ESCROWED, a third fail, a third lose BitLocker. */
    private static List<Integer> lifeOf(String realm, int n) {
        String deviceId = Fleet.guid();
        String deviceName = "COUNTED-" + n;
        List<String> bodies = new ArrayList<>(List.of(
                Fleet.checkInBody(deviceName, null, "ENCRYPTING", List.of()),
                Fleet.checkInBody(deviceName, null, "ENCRYPTED",
                        List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM")))));
        if (n % 3 == 1) {
            bodies.add(Fleet.checkInBody(deviceName, null, "FAILED", List.of()));
        } else if (n % 3 == 2) {
            bodies.add(Fleet.checkInBody(deviceName, null, "NOT_ENCRYPTED", List.of()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (String body : bodies) {
            statuses.add(Fleet.checkIn(realm, deviceId, body).status());
        }
        return statuses;
    }
}
