package io.keygate.bitlocker.escrow;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.keysource.ConflictingKeyException;
import io.keygate.bitlocker.keysource.DeviceReport;
import io.keygate.bitlocker.keysource.EscrowWriteProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@link DeviceEscrow} for one session of a syncing key source. A synchronised device's audit entries join the
 * chain as the transaction commits, so a page of devices holds the realm's lock only for their insert and the
 * commit (one log per realm); a page's devices are read in one statement ({@link #prefetch}).
 */
final class SynchronisedEscrow implements EscrowWriteProvider {

    private final KeycloakSession session;
    private final Map<String, AuditLog> logs = new HashMap<>();
    /** Devices read for the page being applied, by realm and device ID; a {@code null} value: not known yet. */
    private final Map<String, DeviceModel> prefetched = new HashMap<>();

    SynchronisedEscrow(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void prefetch(RealmModel realm, Collection<String> deviceIds) {
        Map<String, DeviceModel> found = session.getProvider(DeviceProvider.class).getDevices(realm, deviceIds);
        for (String deviceId : deviceIds) {
            prefetched.put(realm.getId() + "/" + deviceId, found.get(deviceId));
        }
    }

    @Override
    public DeviceModel applySynchronised(RealmModel realm, String source, DeviceReport report)
            throws KeySourceUnavailableException, ConflictingKeyException {
        DeviceEscrow escrow = new DeviceEscrow(session, realm, logs.computeIfAbsent(realm.getId(),
                id -> AuditLog.atCommit(session, realm)));
        String key = realm.getId() + "/" + report.deviceId();
        DeviceEscrow.Outcome outcome = prefetched.containsKey(key)
                ? escrow.apply(source, report, null, AuditActor.system(), prefetched.remove(key))
                : escrow.apply(source, report, null, AuditActor.system());
        return outcome.device();
    }
}
