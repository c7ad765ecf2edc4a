package io.keygate.bitlocker.admin;

import java.util.Set;
import java.util.stream.Collectors;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.ConfigValidationException;
import io.keygate.bitlocker.config.InstalledProviders;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceProviderFactory;
import io.keygate.bitlocker.ticketing.TicketingProvider;
import io.keygate.bitlocker.ticketing.TicketingProviderFactory;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderFactory;

/** The key sources and ticketing systems deployed in this Keycloak, as configuration validation sees them. */
public final class ProviderSections implements InstalledProviders {

    private final KeycloakSessionFactory factory;
    private final RealmModel realm;

    /** For a document about to be stored in {@code realm}. */
    public ProviderSections(KeycloakSessionFactory factory, RealmModel realm) {
        this.factory = factory;
        this.realm = realm;
    }

    @Override
    public Set<String> keySources() {
        return factory.getProviderFactoriesStream(KeySourceProvider.class).map(ProviderFactory::getId)
                .collect(Collectors.toSet());
    }

    @Override
    public Set<String> ticketingSystems() {
        return factory.getProviderFactoriesStream(TicketingProvider.class).map(ProviderFactory::getId)
                .collect(Collectors.toSet());
    }

    @Override
    public void validateSections(BitLockerConfig config) throws ConfigValidationException {
        for (ProviderFactory<?> source : factory.getProviderFactoriesStream(KeySourceProvider.class).toList()) {
            ((KeySourceProviderFactory) source).validate(config, realm);
        }
        TicketingProviderFactory ticketing = (TicketingProviderFactory) factory
                .getProviderFactory(TicketingProvider.class, config.ticketing.system);
        try {
            ticketing.validate(config.ticketing.settings(config.ticketing.token));
        } catch (IllegalArgumentException e) {
            throw new ConfigValidationException(e.getMessage());
        }
    }
}
