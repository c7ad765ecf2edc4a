package io.keygate.bitlocker.ticketing;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The ticketing systems that justify a helpdesk release. A provider's id is the value of
 * {@code ticketing.system} in a realm's configuration ({@code jira}, {@code servicenow}); an
 * operator adds another ITSM by deploying a factory with a new id.
 */
public class TicketingSpi implements Spi {

    public static final String NAME = "bitlocker-ticketing";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return TicketingProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return TicketingProviderFactory.class;
    }
}
