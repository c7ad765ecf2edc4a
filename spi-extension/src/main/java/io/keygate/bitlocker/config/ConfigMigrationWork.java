package io.keygate.bitlocker.config;

import java.util.List;

import io.keygate.bitlocker.model.RealmConfigProvider;
import io.keygate.bitlocker.model.Transactions;
import org.keycloak.models.utils.KeycloakModelUtils;
import io.keygate.bitlocker.scheduling.BackgroundWorkProviderFactory;
import io.keygate.bitlocker.scheduling.TaskScheduler;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.PostMigrationEvent;

/**
 * At the first start after an upgrade, moves every realm's configuration document out of the realm
 * attribute where earlier versions kept it, and replaces a stored {@code access.clients: []} by the
 * default list, audited (see {@link RealmConfigStore}); later starts find nothing to do.
 */
public class ConfigMigrationWork extends BackgroundWorkProviderFactory {

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        KeycloakSessionFactory factory = scheduler.factory();
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                        s -> s.realms().getRealmsStream().map(RealmModel::getId).toList());
                Transactions.eachInOwnTransaction(factory, realmIds, "Configuration migration of realm", (s, realmId) -> {
                    RealmModel realm = s.realms().getRealm(realmId);
                    if (realm != null && (realm.getAttribute(RealmConfigStore.LEGACY_ATTRIBUTE) != null
                            || s.getProvider(RealmConfigProvider.class).getDocument(realm) != null)) {
                        s.getContext().setRealm(realm);
                        new RealmConfigStore(s, realm).load();
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
