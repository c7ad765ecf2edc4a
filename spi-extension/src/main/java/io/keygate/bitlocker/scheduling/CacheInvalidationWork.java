package io.keygate.bitlocker.scheduling;

import io.keygate.bitlocker.model.CacheInvalidation;
import org.keycloak.Config;

/** Each node listens, from its start, for the changes that drop its cached entries ({@link CacheInvalidation}). */
public class CacheInvalidationWork extends BackgroundWorkProviderFactory {

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        CacheInvalidation.listen(scheduler.factory());
    }

    @Override
    public String getId() {
        return "cache-invalidation";
    }
}
