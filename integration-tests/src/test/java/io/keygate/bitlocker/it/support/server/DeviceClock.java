package io.keygate.bitlocker.it.support.server;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/**
 * Moves a device's timestamps back in time inside the server, so "for more than 24 hours" and
 * "after 168 hours" can be tested now.
 */
public final class DeviceClock {

    private DeviceClock() {
    }

    public static RunOnServer statusSinceHoursAgo(String deviceId, int hours) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("UPDATE BLK_DEVICE SET STATUS_SINCE = ?1 WHERE DEVICE_ID = ?2")
                .setParameter(1, System.currentTimeMillis() - hours * 3_600_000L).setParameter(2, deviceId)
                .executeUpdate();
    }

    /** Only the check-in time, behind the extension's back: no cached copy of the device is dropped. */
    public static RunOnServer checkedInHoursAgo(String deviceId, int hours) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("UPDATE BLK_DEVICE SET LAST_CHECK_IN = ?1 WHERE DEVICE_ID = ?2")
                .setParameter(1, System.currentTimeMillis() - hours * 3_600_000L).setParameter(2, deviceId)
                .executeUpdate();
    }

    public static RunOnServer rotationRequestedHoursAgo(String rotationId, int hours) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("UPDATE BLK_ROTATION SET REQUESTED_AT = ?1 WHERE ID = ?2")
                .setParameter(1, System.currentTimeMillis() - hours * 3_600_000L).setParameter(2, rotationId)
                .executeUpdate();
    }
}
