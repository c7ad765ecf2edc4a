package io.keygate.bitlocker.keysource.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.keygate.bitlocker.simulators.Fault;
import io.keygate.bitlocker.simulators.graph.GraphDevice;
import io.keygate.bitlocker.simulators.graph.GraphPermissions;
import io.keygate.bitlocker.simulators.graph.GraphSimulator;
import io.keygate.bitlocker.simulators.graph.GraphTls;
import io.keygate.bitlocker.simulators.graph.RecoveryKey;
import io.keygate.bitlocker.simulators.graph.VolumeType;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Graph connection against the Graph simulator over TLS: credential flow, paging, retries, refusals. */
class GraphConnectionTest {

    private static final String TENANT = "3b1f0000-0000-4000-8000-00000000aaaa";
    private static final String CLIENT = "3b1f0000-0000-4000-8000-00000000bbbb";
    private static GraphSimulator graph;
    private static GraphDevice device;
    private static RecoveryKey key;

    @BeforeAll
    static void start() throws Exception {
        graph = GraphSimulator.startHttps(0);
        graph.registerApp(TENANT, CLIENT, "s3cret", null, GraphPermissions.ALL);
        graph.registerApp(TENANT, "3b1f0000-0000-4000-8000-00000000cccc", "s3cret", null,
                Set.of(GraphPermissions.BITLOCKER_KEY_READ_BASIC_ALL));
        graph.generateFleet(250, 3);
        device = graph.addDevice("GRAPH-TEST-PC", null);
        key = graph.addKey(device.deviceId(), VolumeType.OPERATING_SYSTEM_VOLUME, Instant.now());
    }

    @AfterAll
    static void stop() {
        graph.close();
    }

    @BeforeEach
    void reset() {
        graph.reset();
    }

    private static GraphConnection connection(String clientId) throws Exception {
        return new GraphConnection(new EntraSettings(TENANT, clientId, "s3cret", "", graph.baseUrl() + "/",
                graph.baseUrl(), "", "email", 15), connectionHttp());
    }

    @Test
    void oneTokenServesManyRequests() throws Exception {
        GraphConnection connection = connection(CLIENT);
        String next = null;
        int pages = 0;
        do {
            GraphConnection.Page page = connection.recoveryKeys(null, next, CallBudget.of(Duration.ofSeconds(10)));
            next = page.nextLink();
            pages++;
        } while (next != null);

        assertThat(pages).isGreaterThan(2);
        assertThat(graph.tokensIssued()).isEqualTo(1);
    }

    @Test
    void theKeyIsReadWithSelectKey() throws Exception {
        assertThat(connection(CLIENT).recoveryPassword(key.id(), key.deviceId(), CallBudget.of(Duration.ofSeconds(10)))).isEqualTo(key.password());
        assertThat(graph.keyReads(key.id())).isEqualTo(1);
    }

    @Test
    void anAnswerAboutAnotherKeyIsRefused() {
        RecoveryKey other = graph.fleet().keys().stream().filter(k -> !k.deviceId().equals(key.deviceId())).findFirst().orElseThrow();
        graph.answerKeyReadsWith(other.id());
        try {
            assertThatThrownBy(() -> connection(CLIENT).recoveryPassword(key.id(), key.deviceId(), CallBudget.of(Duration.ofSeconds(10))))
                    .isInstanceOf(GraphException.class)
                    .satisfies(e -> assertThat(((GraphException) e).kind()).isEqualTo(GraphException.Kind.WRONG_OBJECT))
                    .hasMessageNotContaining(other.password());
        } finally {
            graph.answerKeyReadsWith(null);
        }
    }

    @Test
    void aLongRetryAfterIsNotWaitedOut() throws Exception {
        graph.injectFault(Fault.tooManyRequests(60));
        graph.clearRequests();
        long start = System.currentTimeMillis();
        assertThatThrownBy(() -> connection(CLIENT).recoveryPassword(key.id(), key.deviceId(), CallBudget.of(Duration.ofSeconds(30))))
                .isInstanceOf(GraphException.class)
                .satisfies(e -> assertThat(((GraphException) e).kind()).isEqualTo(GraphException.Kind.THROTTLED));
        // Asked once, not again after a wait: 60 seconds do not fit the 30-second budget, so none of it is spent waiting
        // (the bound is far from the budget: the token and the first handshake take seconds on a loaded machine).
        assertThat(graph.requests().stream().filter(r -> r.path().contains("recoveryKeys"))).hasSize(1);
        assertThat(System.currentTimeMillis() - start).isLessThan(20_000);
    }

    @Test
    void aMissingPermissionIsNamed() throws Exception {
        assertThatThrownBy(() -> connection("3b1f0000-0000-4000-8000-00000000cccc")
                .recoveryPassword(key.id(), key.deviceId(), CallBudget.of(Duration.ofSeconds(10))))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("BitlockerKey.Read.All");
    }

    @Test
    void aWrongSecretSaysTheCredentialsWereRefused() throws Exception {
        GraphConnection wrong = new GraphConnection(new EntraSettings(TENANT, CLIENT, "wrong", "", graph.baseUrl() + "/",
                graph.baseUrl(), "", "email", 15), connectionHttp());
        assertThatThrownBy(() -> wrong.device(device.deviceId(), CallBudget.of(Duration.ofSeconds(10))))
                .isInstanceOf(GraphException.class)
                .satisfies(e -> assertThat(((GraphException) e).kind()).isEqualTo(GraphException.Kind.CREDENTIALS))
                .hasMessageContaining("AADSTS7000215")
                .hasMessageNotContaining("wrong");
    }

    private static OkHttpClient connectionHttp() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("graph", GraphTls.serverCertificate());
        trust.init(store);
        return new OkHttpClient.Builder()
                .sslSocketFactory(GraphTls.clientSslContext().getSocketFactory(), (X509TrustManager) trust.getTrustManagers()[0])
                .build();
    }
}
