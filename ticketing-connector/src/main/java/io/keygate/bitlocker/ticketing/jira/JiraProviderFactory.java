package io.keygate.bitlocker.ticketing.jira;

import org.keycloak.Config;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import io.keygate.bitlocker.ticketing.TicketingProvider;
import io.keygate.bitlocker.ticketing.TicketingProviderFactory;
import io.keygate.bitlocker.ticketing.TicketingSettings;

/** {@code ticketing.system = jira}. Stateless: everything per realm arrives in {@code TicketingSettings}. */
public class JiraProviderFactory implements TicketingProviderFactory {

    public static final String ID = JiraProvider.SYSTEM;

    @Override
    public TicketingProvider create(KeycloakSession session) {
        // Keycloak's outgoing client carries the operator's proxy, truststore and connection pool.
        return new JiraProvider(session.getProvider(HttpClientProvider.class).getHttpClient());
    }

    /** Jira Cloud speaks REST v3, Data Center v2. */
    @Override
    public void validate(TicketingSettings settings) {
        if (!"2".equals(settings.apiVersion()) && !"3".equals(settings.apiVersion())) {
            throw new IllegalArgumentException("'ticketing.apiVersion' must be one of [2, 3]");
        }
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
