package io.keygate.bitlocker.config;

import java.util.List;

import io.keygate.bitlocker.model.RealmConfigProvider;
import io.keygate.bitlocker.model.Transactions;
import io.keygate.bitlocker.scheduling.BackgroundWorkProviderFactory;
import io.keygate.bitlocker.scheduling.TaskScheduler;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

/**
 * At the first start after an upgrade, loads every realm's stored configuration document once, so that
 * what an earlier version stored and this one no longer accepts (a stored {@code access.clients: []}) is
 * upgraded and audited at start rather than at the realm's next request (see {@link RealmConfigStore});
 * later starts find nothing to do.
 */
public class ConfigMigrationWork extends BackgroundWorkProviderFactory {

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        KeycloakSessionFactory factory = scheduler.factory();
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                        s -> s.realms().getRealmsStream().map(RealmModel::getId).toList());
                Transactions.eachInOwnTransaction(factory, realmIds, "Configuration upgrade of realm", (s, realmId) -> {
                    RealmModel realm = s.realms().getRealm(realmId);
                    if (realm != null && s.getProvider(RealmConfigProvider.class).getDocument(realm) != null) {
                        s.getContext().setRealm(realm);
                        new RealmConfigStore(s, realm).loadCurrent();
                    }
                });
            }
        });
    }

    @Override
    public String getId() {
        return "config-migration";
    }
}
