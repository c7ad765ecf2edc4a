package io.keygate.bitlocker.rotation;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.model.RotationStatus;
import io.keygate.bitlocker.model.Transactions;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * The rotation lifecycle's clock, run on one node of the cluster at a time: a rotation still
 * PENDING after the timeout is FAILED ({@code ROTATION_FAILED}); a superseded key older than the
 * realm's {@code rotation.retainPreviousDays} is purged ({@code KEY_PURGED}). One transaction per
 * realm, so one realm's trouble does not hold up the others.
 */
public class RotationHousekeeping implements ScheduledTask {

    public static final String TASK_NAME = "bitlocker-rotation-housekeeping";
    private static final long DAY_MILLIS = 86_400_000L;
    private static final int PURGE_BATCH = 500;

    private final KeycloakSessionFactory factory;
    private final long rotationTimeoutMillis;

    public RotationHousekeeping(KeycloakSessionFactory factory, long rotationTimeoutMillis) {
        this.factory = factory;
        this.rotationTimeoutMillis = rotationTimeoutMillis;
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        Transactions.eachInOwnTransaction(factory,
                session.getProvider(DeviceProvider.class).getRealmsWithRotationsOrSupersededKeys(),
                "Rotation housekeeping of realm", (s, realmId) -> {
                    RealmModel realm = s.realms().getRealm(realmId);
                    if (realm != null) {
                        s.getContext().setRealm(realm);
                        tidy(s, realm);
                    }
                });
    }

    private void tidy(KeycloakSession session, RealmModel realm) {
        DeviceProvider devices = session.getProvider(DeviceProvider.class);
        BitLockerConfig config = new RealmConfigStore(session, realm).load();
        AuditLog audit = new AuditLog(session, realm);
        long now = Time.currentTimeMillis();

        for (RotationModel r : devices.getPendingRotations(realm, now - rotationTimeoutMillis)) {
            r.fail("no new key escrowed within " + rotationTimeoutMillis / 3_600_000L + " hours", now);
            BitLockerMetrics.rotation(RotationStatus.FAILED.name());
            audit.append(AuditActor.system().event(AuditAction.ROTATION_FAILED, AuditOutcome.ERROR)
                    .device(r.getDevice().getId(), r.getDevice().getName()).reason(r.getFailure()));
        }

        long retainedSince = now - config.rotation.retainPreviousDays * DAY_MILLIS;
        for (RecoveryKeyModel k : devices.getSupersededKeys(realm, retainedSince, PURGE_BATCH)) {
            if (BitLockerConfig.KEY_SOURCE_ACTIVE_DIRECTORY.equals(k.getDevice().getSource())) {
                continue;   // Active Directory keeps every backup (SPEC §9): its sync would list the key again
            }
            audit.append(AuditActor.system().event(AuditAction.KEY_PURGED, AuditOutcome.SUCCESS)
                    .device(k.getDevice().getId(), k.getDevice().getName()).keyId(k.getKeyId())
                    .reason("superseded more than " + config.rotation.retainPreviousDays + " day(s) ago"));
            k.getDevice().removeKey(k);
        }
    }
}
