package io.keygate.bitlocker.rotation;

import java.util.List;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.audit.AuditAction;
import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.audit.AuditOutcome;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.device.KeyState;
import io.keygate.bitlocker.device.RotationStatus;
import io.keygate.bitlocker.jpa.RecoveryKeyEntity;
import io.keygate.bitlocker.jpa.RotationEntity;
import io.keygate.bitlocker.jpa.Transactions;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
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
    private static final Logger LOG = Logger.getLogger(RotationHousekeeping.class);

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
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        List<String> realmIds = em.createQuery("select distinct r.realmId from RotationEntity r where r.status = :pending",
                String.class).setParameter("pending", RotationStatus.PENDING.name()).getResultList();
        List<String> withSuperseded = em.createQuery("select distinct k.realmId from RecoveryKeyEntity k where k.state = :s",
                String.class).setParameter("s", KeyState.SUPERSEDED.name()).getResultList();
        java.util.Set<String> all = new java.util.TreeSet<>(realmIds);
        all.addAll(withSuperseded);
        Transactions.eachInOwnTransaction(factory, List.copyOf(all), "Rotation housekeeping of realm",
                (s, realmId) -> {
                    RealmModel realm = s.realms().getRealm(realmId);
                    if (realm != null) {
                        s.getContext().setRealm(realm);
                        tidy(s, realm);
                    }
                });
    }

    private void tidy(KeycloakSession session, RealmModel realm) {
        String realmId = realm.getId();
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        BitLockerConfig config = new RealmConfigStore(session, realm).load();
        AuditLog audit = new AuditLog(session, realm);
        long now = Time.currentTimeMillis();

        List<RotationEntity> overdue = em.createQuery("select r from RotationEntity r join fetch r.device"
                        + " where r.realmId = :realm and r.status = :pending and r.requestedAt < :before", RotationEntity.class)
                .setParameter("realm", realmId).setParameter("pending", RotationStatus.PENDING.name())
                .setParameter("before", now - rotationTimeoutMillis).getResultList();
        for (RotationEntity r : overdue) {
            r.setStatus(RotationStatus.FAILED.name());
            BitLockerMetrics.rotation(RotationStatus.FAILED.name());
            r.setCompletedAt(now);
            r.setFailure("no new key escrowed within " + rotationTimeoutMillis / 3_600_000L + " hours");
            audit.append(AuditActor.system().event(AuditAction.ROTATION_FAILED, AuditOutcome.ERROR)
                    .device(r.getDevice().getDeviceId(), r.getDevice().getDeviceName()).reason(r.getFailure()));
        }

        List<RecoveryKeyEntity> expired = em.createQuery("select k from RecoveryKeyEntity k join fetch k.device"
                        + " where k.realmId = :realm and k.state = :superseded and k.supersededAt <= :before",
                        RecoveryKeyEntity.class)
                .setParameter("realm", realmId).setParameter("superseded", KeyState.SUPERSEDED.name())
                .setParameter("before", now - config.rotation.retainPreviousDays * DAY_MILLIS)
                .setMaxResults(500).getResultList();
        for (RecoveryKeyEntity k : expired) {
            audit.append(AuditActor.system().event(AuditAction.KEY_PURGED, AuditOutcome.SUCCESS)
                    .device(k.getDevice().getDeviceId(), k.getDevice().getDeviceName()).keyId(k.getKeyId())
                    .reason("superseded more than " + config.rotation.retainPreviousDays + " day(s) ago"));
            em.remove(k);
        }
    }
}
