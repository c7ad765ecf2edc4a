package io.keygate.bitlocker.ticketing.servicenow;

import org.keycloak.Config;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import io.keygate.bitlocker.ticketing.TicketingProvider;
import io.keygate.bitlocker.ticketing.TicketingProviderFactory;

/** {@code ticketing.system = servicenow}. Holds only the OAuth access tokens, shared by all sessions. */
public class ServiceNowProviderFactory implements TicketingProviderFactory {

    public static final String ID = ServiceNowProvider.SYSTEM;

    private final ClientCredentialsTokens tokens = new ClientCredentialsTokens();

    @Override
    public TicketingProvider create(KeycloakSession session) {
        // Keycloak's outgoing client carries the operator's proxy, truststore and connection pool.
        return new ServiceNowProvider(session.getProvider(HttpClientProvider.class).getHttpClient(), tokens);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
