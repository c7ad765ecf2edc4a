package io.keygate.bitlocker.ticketing;

import org.keycloak.provider.ProviderFactory;

public interface TicketingProviderFactory extends ProviderFactory<TicketingProvider> {
}
