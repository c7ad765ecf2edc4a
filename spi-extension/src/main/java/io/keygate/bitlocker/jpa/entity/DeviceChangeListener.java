package io.keygate.bitlocker.jpa.entity;

import java.util.Optional;

import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import org.hibernate.proxy.HibernateProxy;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Every row written of a device, its keys or its rotations — whichever code path writes it — names its device to
 * the writing session's {@link Recorder}, which drops the device from every node's cache once the transaction has
 * ended. Bulk statements fire no callbacks: whoever issues one tells the recorder itself.
 */
public class DeviceChangeListener {

    private static final Logger LOG = Logger.getLogger(DeviceChangeListener.class);

    /** The devices a session changed, by realm; kept as a session attribute under {@link #ATTRIBUTE}. */
    public interface Recorder {
        void deviceChanged(String realmId, String devicePk);

        /** A device of the realm was added, removed or renamed: the names the realm's devices share may differ. */
        void namesChanged(String realmId);
    }

    public static final String ATTRIBUTE = "bitlocker.device-changes";

    @PostLoad
    public void loaded(Object row) {
        if (row instanceof DeviceEntity device) {
            device.loaded();
        }
    }

    /**
     * A device row updated: nothing to drop when only its check-in (or bookkeeping) times changed, which no cached copy
     * holds; the names shared only when its name changed. The recorder is asked for once, and only when there is news.
     */
    @PostUpdate
    public void updated(Object row) {
        if (row instanceof DeviceEntity device) {
            DeviceEntity.Written written = device.written();
            if (written.shownChanged() || written.nameChanged()) {
                recorder(device.getRealmId()).ifPresent(r -> {
                    if (written.nameChanged()) {
                        r.namesChanged(device.getRealmId());
                    }
                    r.deviceChanged(device.getRealmId(), device.getId());
                });
            }
            return;
        }
        changed(row);
    }

    @PostPersist
    @PostRemove
    public void addedOrRemoved(Object row) {
        if (row instanceof DeviceEntity device) {
            recorder(device.getRealmId()).ifPresent(r -> {
                r.namesChanged(device.getRealmId());
                r.deviceChanged(device.getRealmId(), device.getId());
            });
            return;
        }
        changed(row);
    }

    private void changed(Object row) {
        if (row instanceof RecoveryKeyEntity key) {
            record(key.getRealmId(), idOf(key.getDevice()));
        } else if (row instanceof RotationEntity rotation) {
            record(rotation.getRealmId(), idOf(rotation.getDevice()));
        }
    }

    /** The device's row ID without loading a lazy reference (no query inside a flush). */
    private static String idOf(DeviceEntity device) {
        if (device instanceof HibernateProxy proxy) {
            return (String) proxy.getHibernateLazyInitializer().getInternalIdentifier();
        }
        return device.getId();
    }

    private static void record(String realmId, String devicePk) {
        recorder(realmId).ifPresent(r -> r.deviceChanged(realmId, devicePk));
    }

    private static Optional<Recorder> recorder(String realmId) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        Recorder recorder = session == null ? null : session.getAttribute(ATTRIBUTE, Recorder.class);
        if (recorder == null) {
            // Every device row is reached through the session's DeviceProvider, which sets the recorder up.
            LOG.warnf("A device of realm %s changed outside a session that reads devices: caches keep it until they expire",
                    realmId);
        }
        return Optional.ofNullable(recorder);
    }
}
