package io.keygate.bitlocker.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class AuditChainConcurrencyTest {

    private static final int AGENTS = 8;
    private static final int DEVICES_EACH = 5;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @Test
    void concurrentAppendsFormOneLinearChain() throws Exception {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
        ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
        List<Future<Integer>> results = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            int agent = a;
            results.add(pool.submit(() -> {
                int ok = 0;
                for (int i = 0; i < DEVICES_EACH; i++) {
                    Fleet.Key key = new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM");
                    Api.Reply r = Fleet.checkIn(realm.getName(), Fleet.guid(),
                            Fleet.checkInBody("PARALLEL-" + agent + "-" + i, null, "ENCRYPTED", List.of(key)));
                    ok += r.status() == 200 ? 1 : 0;
                }
                return ok;
            }));
        }
        // Auditors verify while the agents append: a verification walks up to the head it read first,
        // so entries appended meanwhile never make it report a broken chain.
        String auditor = Tokens.password(realm.getName(), TestRealm.AUDITOR);
        Future<List<String>> verifications = Executors.newSingleThreadExecutor().submit(() -> {
            List<String> seen = new ArrayList<>();
            do {
                JsonNode v = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/verify").bearer(auditor).send().json();
                seen.add(v.path("valid").asText() + "/" + v.path("entries").asText());
            } while ((seen.size() < 3 || results.stream().anyMatch(f -> !f.isDone())) && seen.size() < 200);
            return seen;
        });
        int escrowed = 0;
        for (Future<Integer> f : results) {
            escrowed += f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(escrowed).isEqualTo(AGENTS * DEVICES_EACH);
        List<String> seen = verifications.get(120, TimeUnit.SECONDS);
        assertThat(seen).isNotEmpty().allSatisfy(v -> assertThat(v).startsWith("true/"));

        JsonNode verify = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/verify")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json();
        assertThat(verify.path("valid").asBoolean()).isTrue();
        JsonNode escrows = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=KEY_ESCROWED&max=500")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
        assertThat(escrows).hasSize(AGENTS * DEVICES_EACH);
        assertThat(verify.path("entries").asLong()).isGreaterThanOrEqualTo(AGENTS * DEVICES_EACH);
    }
}
