package io.keygate.bitlocker.metrics;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.model.CampaignProvider;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.EscrowStatus;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/** Refreshes {@link EscrowGauges} from the database: one grouped count per enabled realm. Read-only, on every node. */
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
            if (new RealmConfigStore(session, realm).load().enabled) {
                enabled.add(realm.getName());
                EscrowGauges.update(realm.getName(), byName(devices.countByStatus(realm)));
                EscrowGauges.campaigns(realm.getName(), campaigns.waitingByActiveCampaign(realm));
            }
        });
        EscrowGauges.retainRealms(enabled);
    }

    /** The gauge's {@code status} tag is the status's name. */
    private static Map<String, Long> byName(Map<EscrowStatus, Long> counts) {
        Map<String, Long> byName = new LinkedHashMap<>();
        counts.forEach((status, n) -> byName.put(status.name(), n));
        return byName;
    }
}
