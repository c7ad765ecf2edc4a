package io.keygate.bitlocker.scheduling;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderFactory;

/**
 * How a feature registers its own background work (outbox deliveries, housekeeping, digests,
 * gauges): one factory per feature in {@code META-INF/services}, scheduled when the server starts.
 * Intervals are options of the {@code devices} realm resource
 * ({@code spi-realm-restapi-extension--devices--…}), where operators have always set them.
 */
public abstract class BackgroundWorkProviderFactory implements ProviderFactory<BackgroundWorkProvider> {

    private Config.Scope options;

    /** Schedules the feature's tasks. */
    protected abstract void start(TaskScheduler scheduler, Config.Scope options);

    @Override
    public final BackgroundWorkProvider create(KeycloakSession session) {
        return new BackgroundWorkProvider() {
            @Override
            public void close() {
            }
        };
    }

    @Override
    public final void init(Config.Scope config) {
        options = Config.scope("realm-restapi-extension", "devices");
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> start(new TaskScheduler(factory, session), options));
    }

    @Override
    public void close() {
    }

    /** An interval option in seconds, at least one second; in milliseconds. */
    protected static long seconds(Config.Scope options, String key, long defaultSeconds) {
        return Math.max(1L, options.getLong(key, defaultSeconds)) * 1000L;
    }
}
