package io.keygate.bitlocker.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.Test;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Spi;

import io.keygate.bitlocker.ticketing.jira.JiraProvider;
import io.keygate.bitlocker.ticketing.servicenow.ServiceNowProvider;

/** Keycloak finds the SPI and both providers, and the providers use Keycloak's own outgoing HTTP client. */
class ProviderRegistrationTest {

    @Test
    void theSpiIsRegistered() {
        assertThat(ServiceLoader.load(Spi.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(spi -> {
                    assertThat(spi).isInstanceOf(TicketingSpi.class);
                    assertThat(spi.getName()).isEqualTo("bitlocker-ticketing");
                    assertThat(spi.getProviderFactoryClass()).isEqualTo(TicketingProviderFactory.class);
                });
    }

    @Test
    void bothFactoriesAreRegisteredUnderTheConfigurationsSystemNames() throws Exception {
        AtomicInteger clientRequests = new AtomicInteger();
        try (CloseableHttpClient keycloakClient = HttpClients.createDefault()) {
            KeycloakSession session = session(keycloakClient, clientRequests);

            assertThat(ServiceLoader.load(TicketingProviderFactory.class).stream().map(ServiceLoader.Provider::get))
                    .extracting(TicketingProviderFactory::getId)
                    .containsExactlyInAnyOrder("jira", "servicenow");
            for (TicketingProviderFactory factory : ServiceLoader.load(TicketingProviderFactory.class)) {
                TicketingProvider provider = factory.create(session);
                assertThat(provider).isInstanceOf("jira".equals(factory.getId()) ? JiraProvider.class : ServiceNowProvider.class);
                provider.close();
            }
        }
        assertThat(clientRequests).hasValue(2);
    }

    /** A session that only knows Keycloak's HTTP client provider, counting who asks for the client. */
    private static KeycloakSession session(CloseableHttpClient client, AtomicInteger asked) {
        HttpClientProvider httpClients = (HttpClientProvider) Proxy.newProxyInstance(
                ProviderRegistrationTest.class.getClassLoader(), new Class<?>[] {HttpClientProvider.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getHttpClient")) {
                        asked.incrementAndGet();
                        return client;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (KeycloakSession) Proxy.newProxyInstance(ProviderRegistrationTest.class.getClassLoader(),
                new Class<?>[] {KeycloakSession.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProvider") && args.length == 1 && args[0] == HttpClientProvider.class) {
                        return httpClients;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
