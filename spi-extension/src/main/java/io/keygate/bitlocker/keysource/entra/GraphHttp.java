package io.keygate.bitlocker.keysource.entra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.X509TrustManager;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import io.keygate.bitlocker.outbound.KeycloakTrust;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import org.keycloak.Config;
import org.keycloak.connections.httpclient.ProxyMappings;
import org.keycloak.models.KeycloakSession;

/**
 * The HTTP client of the Graph connection, set up the way Keycloak's own outgoing calls are: its
 * truststore ({@code truststore-paths}) and its proxy mappings
 * ({@code spi-connections-http-client-default-proxy-mappings}). Timeouts keep a release from waiting
 * on Graph for more than about ten seconds.
 *
 * <p>Retries are the connection's own ({@link GraphConnection}: {@code Retry-After} read by the same
 * {@code RetryAfter} the ticketing connector uses, waited out within the operation's {@link CallBudget}), so
 * the SDK's retry handler is switched off. It cannot keep our limits: it sleeps inside the OkHttp call, so
 * the call timeout above would cut off any longer wait (a sync page's 60 s budget could never be used, and
 * a throttled release would fail as a timeout, not as throttled); its callback is told the configured
 * delay, not the wait it is about to sleep, so weighing that wait against a budget would mean reading
 * {@code Retry-After} a second time; and the requests it repeats would be missing from the sync's count.
 */
final class GraphHttp {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(8);
    /** The most one call may take, connecting included: a release never waits on Graph for much longer. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    static final String USER_AGENT = "KeyGate-BitLocker/0.1 (Keycloak extension)";
    static final String CLIENT_NAME = "KeyGate BitLocker";
    static final String CLIENT_VERSION = "0.1";

    private GraphHttp() {
    }

    /** The client Graph requests and the identity platform's token requests go through. */
    static OkHttpClient client(KeycloakSession session) {
        RequestOption[] options = {new RetryHandlerOption((delay, attempt, request, response) -> false, 0, 0)};
        OkHttpClient.Builder builder = GraphClientFactory.create(options)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("User-Agent", USER_AGENT)
                        .header("ocp-client-name", CLIENT_NAME)
                        .header("ocp-client-version", CLIENT_VERSION)
                        .build()))
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .writeTimeout(READ_TIMEOUT)
                .callTimeout(CALL_TIMEOUT)
                .followRedirects(false);
        trustKeycloaksTruststore(session, builder);
        useKeycloaksProxies(builder);
        return builder.build();
    }

    private static void trustKeycloaksTruststore(KeycloakSession session, OkHttpClient.Builder builder) {
        X509TrustManager trust = KeycloakTrust.trustManager(session);
        if (trust != null) {
            builder.sslSocketFactory(KeycloakTrust.sslContext(session).getSocketFactory(), trust);
        }
    }

    private static void useKeycloaksProxies(OkHttpClient.Builder builder) {
        String[] mappings = Config.scope("connectionsHttpClient", "default").getArray("proxy-mappings");
        if (mappings == null || mappings.length == 0) {
            return;
        }
        ProxyMappings proxies = ProxyMappings.valueOf(mappings);
        builder.proxySelector(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                ProxyMappings.ProxyMapping mapping = proxies.getProxyFor(uri.getHost());
                if (mapping == null || mapping.getProxyHost() == null) {
                    return List.of(Proxy.NO_PROXY);
                }
                return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(
                        mapping.getProxyHost().getHostName(), mapping.getProxyHost().getPort())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        });
        builder.proxyAuthenticator((route, response) -> {
            if (route == null || response.request().header("Proxy-Authorization") != null) {
                return null;
            }
            ProxyMappings.ProxyMapping mapping = proxies.getProxyFor(response.request().url().host());
            if (mapping == null || mapping.getProxyCredentials() == null) {
                return null;
            }
            return response.request().newBuilder().header("Proxy-Authorization", Credentials.basic(
                    mapping.getProxyCredentials().getUserName(), mapping.getProxyCredentials().getPassword())).build();
        });
    }
}
