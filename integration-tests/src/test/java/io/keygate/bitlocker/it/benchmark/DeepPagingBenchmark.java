package io.keygate.bitlocker.it.benchmark;

import java.util.Arrays;
import java.util.function.Supplier;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.BenchmarkData;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * {@code mvn -B verify -Pbenchmark -pl integration-tests -am}: keyset paging of {@code GET /keys}
 * on a large fleet. Prints the median latency of the first page, of a page deep into the fleet
 * (reached through the API's own cursors) and of a key-ID prefix search, next to the baseline the
 * API avoids — the same deep page with OFFSET — measured in the same run on the same data.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class DeepPagingBenchmark {

    private static final int DEVICES = Integer.getInteger("benchmark.devices", 20_000);
    private static final int RUNS = 25;
    private static final int PAGE = 50;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    @Test
    void deepPagesCostWhatTheFirstPageCosts() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
        long seedStart = System.nanoTime();
        for (int from = 0; from < DEVICES; from += 2000) {
            server.run(BenchmarkData.devices(realm.getId(), from, Math.min(2000, DEVICES - from)));
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        String token = Tokens.password(realm.getName(), TestRealm.HELPDESK);
        String base = Api.bitlocker(realm.getName()) + "/keys?search=BENCH&max=";

        // Walk to ~90 % of the fleet with the API's own cursors.
        String cursor = null;
        int walked = 0;
        while (walked < DEVICES * 9 / 10) {
            Api.Reply page = Api.get(base + 500 + (cursor == null ? "" : "&after=" + cursor)).bearer(token).send();
            cursor = page.json().path("next").asText();
            walked += 500;
        }
        String deepCursor = cursor;
        String keyPrefix = Api.get(base + "1&after=" + deepCursor).bearer(token).send().json()
                .path("items").get(0).path("keys").get(0).path("keyId").asText().substring(0, 8);

        double first = medianMillis(() -> Api.get(base + PAGE).bearer(token).send());
        double deep = medianMillis(() -> Api.get(base + PAGE + "&after=" + deepCursor).bearer(token).send());
        double keySearch = medianMillis(() -> Api.get(Api.bitlocker(realm.getName()) + "/keys?max=" + PAGE
                + "&search=" + keyPrefix).bearer(token).send());
        double[] offsetNanos = Arrays.stream(server.fetchString(BenchmarkData.offsetPage(realm.getId(), walked, PAGE, RUNS))
                .split(",")).mapToDouble(Double::parseDouble).sorted().toArray();
        double offsetServer = offsetNanos[offsetNanos.length / 2] / 1e6;
        double[] keysetNanos = Arrays.stream(server.fetchString(BenchmarkData.offsetPage(realm.getId(), 0, PAGE, RUNS))
                .split(",")).mapToDouble(Double::parseDouble).sorted().toArray();
        double firstServer = keysetNanos[keysetNanos.length / 2] / 1e6;

        System.out.printf("%n== Deep paging benchmark: %d devices (seeded in %.1f s), page size %d, median of %d runs ==%n",
                DEVICES, seedSeconds, PAGE, RUNS);
        System.out.printf("GET /keys first page                      %8.2f ms%n", first);
        System.out.printf("GET /keys page at row %-6d (cursor)      %8.2f ms   (%.2fx the first page)%n", walked, deep, deep / first);
        System.out.printf("GET /keys?search=<8 hex digits of a key ID> %6.2f ms%n", keySearch);
        System.out.printf("baseline, in the server: first page by OFFSET 0          %8.2f ms%n", firstServer);
        System.out.printf("baseline, in the server: same deep page by OFFSET %-6d %8.2f ms   (%.2fx OFFSET 0)%n",
                walked, offsetServer, offsetServer / firstServer);
        System.out.printf("verdict: the cursor's deep page costs %.2fx its first page; OFFSET's costs %.2fx%n%n",
                deep / first, offsetServer / firstServer);
    }

    private static double medianMillis(Supplier<Api.Reply> call) {
        call.get();
        double[] samples = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            Api.Reply reply = call.get();
            samples[i] = (System.nanoTime() - start) / 1e6;
            if (reply.status() != 200) {
                throw new AssertionError(reply.toString());
            }
        }
        Arrays.sort(samples);
        return samples[RUNS / 2];
    }
}
