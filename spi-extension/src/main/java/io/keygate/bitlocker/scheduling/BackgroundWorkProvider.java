package io.keygate.bitlocker.scheduling;

import org.keycloak.provider.Provider;

/**
 * Nothing per session: a feature's background work is set up once, by its
 * {@link BackgroundWorkProviderFactory}, when the server has started.
 */
public interface BackgroundWorkProvider extends Provider {
}
