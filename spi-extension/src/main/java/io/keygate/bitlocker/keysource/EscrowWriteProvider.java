package io.keygate.bitlocker.keysource;

import java.util.Collection;

import io.keygate.bitlocker.model.DeviceModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * The escrow write path (SPEC §3) as a key source that synchronises devices from elsewhere reaches it. The
 * write path lives above the key sources (it completes rotations and tells owners), so a source finds it
 * through the session, the way Keycloak's user storage providers reach {@code session.users()}.
 */
public interface EscrowWriteProvider extends Provider {

    /**
     * The most devices a sync applies in one transaction. Their audit entries join the chain as it commits, under the
     * realm's lock, which reveals wait for: a page of a thousand devices at once held it for as long as a thousand
     * devices' entries took to write (reveals waited over a second during a first sync of 100,000 devices).
     */
    int DEVICES_PER_TRANSACTION = 100;

    /**
     * Applies what key source {@code source} says about a device now, as the extension's own work, in the
     * session's transaction: the device, its keys (metadata only) and owner. Their audit entries join the
     * realm's chain as that transaction commits, so the chain's lock is not held while a page of devices writes.
     *
     * @return the device as written
     */
    DeviceModel applySynchronised(RealmModel realm, String source, DeviceReport report)
            throws KeySourceUnavailableException, ConflictingKeyException;

    /**
     * Reads the devices of a page about to be applied in one statement, so that {@link #applySynchronised} reads
     * none of them again (a query per device would also flush the page's pending writes each time).
     */
    void prefetch(RealmModel realm, Collection<String> deviceIds);

    @Override
    default void close() {
    }
}
