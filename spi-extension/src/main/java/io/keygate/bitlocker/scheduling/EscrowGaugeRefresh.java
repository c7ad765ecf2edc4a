package io.keygate.bitlocker.scheduling;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.device.DeviceDirectory;
import io.keygate.bitlocker.metrics.EscrowGauges;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
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
        session.realms().getRealmsStream().forEach(realm -> {
            if (new RealmConfigStore(session, realm).load().enabled) {
                enabled.add(realm.getName());
                EscrowGauges.update(realm.getName(), counts(session, realm));
            }
        });
        EscrowGauges.retainRealms(enabled);
    }

    private static Map<String, Long> counts(KeycloakSession session, RealmModel realm) {
        Map<String, Long> counts = new LinkedHashMap<>();
        new DeviceDirectory(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realm.getId())
                .statusCounts().forEach((status, n) -> counts.put(status.name(), n));
        return counts;
    }
}
