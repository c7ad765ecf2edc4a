package io.keygate.bitlocker.ticketing;

import org.keycloak.provider.ProviderFactory;

/** A ticketing system; its id is a valid {@code ticketing.system}. */
public interface TicketingProviderFactory extends ProviderFactory<TicketingProvider> {

    /**
     * Checks the realm's {@code ticketing} settings for this system before they are stored (the token
     * as configured: a literal or a vault reference, not resolved).
     *
     * @throws IllegalArgumentException with a message that names the offending key, e.g. {@code 'ticketing.apiVersion'}
     */
    default void validate(TicketingSettings settings) {
    }
}
