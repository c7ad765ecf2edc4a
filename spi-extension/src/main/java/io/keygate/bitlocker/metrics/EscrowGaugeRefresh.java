package io.keygate.bitlocker.metrics;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.keysource.SynchronisedKeySource;
import io.keygate.bitlocker.model.CampaignProvider;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.SyncState;
import io.keygate.bitlocker.model.SyncStateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Refreshes {@link EscrowGauges} from the database: one grouped count per enabled realm, and its sync's state.
 * Read-only, on every node.
 */
public class EscrowGaugeRefresh implements ScheduledTask {

    public static final String TASK_NAME = "bitlocker-escrow-gauges";

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        Set<String> enabled = new HashSet<>();
        DeviceProvider devices = session.getProvider(DeviceProvider.class);
        CampaignProvider campaigns = session.getProvider(CampaignProvider.class);
        session.realms().getRealmsStream().forEach(realm -> {
            BitLockerConfig config = new RealmConfigStore(session, realm).load();
            if (config.enabled) {
                enabled.add(realm.getName());
                EscrowGauges.update(realm.getName(), byName(devices.countByStatus(realm)));
                EscrowGauges.campaigns(realm.getName(), campaigns.waitingByActiveCampaign(realm));
                EscrowGauges.sync(realm.getName(), syncState(session, realm, config));
            }
        });
        EscrowGauges.retainRealms(enabled);
    }

    /** The state of the realm's metadata sync, if its key source syncs and has run. */
    private static String syncState(KeycloakSession session, RealmModel realm, BitLockerConfig config) {
        if (SynchronisedKeySource.of(session.getKeycloakSessionFactory(), config.keySource).isEmpty()) {
            return null;
        }
        SyncState state = session.getProvider(SyncStateProvider.class).getState(realm);
        return state == null ? null : state.state();
    }

    /** The gauge's {@code status} tag is the status's name. */
    private static Map<String, Long> byName(Map<EscrowStatus, Long> counts) {
        Map<String, Long> byName = new LinkedHashMap<>();
        counts.forEach((status, n) -> byName.put(status.name(), n));
        return byName;
    }
}
