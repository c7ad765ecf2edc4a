package io.keygate.bitlocker.jpa;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.keygate.bitlocker.jpa.entity.DeviceChangeListener;
import io.keygate.bitlocker.model.CacheInvalidation;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/**
 * The devices (and device counts) one session changed (named by {@link DeviceChangeListener} for every row written, and by bulk
 * statements themselves), dropped from every node's device cache ({@link DeviceViews}) when its transaction ends —
 * after a rollback too, as the configuration's are. Set up with the session's device provider, before any device
 * row can be read or written: Keycloak takes no after-completion work once a commit has begun, and rows are
 * flushed during the commit.
 */
final class DeviceChanges extends AbstractKeycloakTransaction implements DeviceChangeListener.Recorder {

    /** More devices than this in one realm (a sync page, a KEK rewrap): the realm's entries go, in one event. */
    static final int MOST_NAMED = 100;

    private final KeycloakSession session;
    /** Stands for every device of a realm. */
    private static final Set<String> WHOLE_REALM = Collections.unmodifiableSet(new HashSet<>());

    /** Device row IDs by realm, or {@link #WHOLE_REALM}. */
    private final Map<String, Set<String>> changed = new TreeMap<>();
    /** Realms whose device counts changed. */
    private final Set<String> counts = new TreeSet<>();
    /** Realms where a device was added, removed or renamed. */
    private final Set<String> names = new TreeSet<>();

    private DeviceChanges(KeycloakSession session) {
        this.session = session;
    }

    /** The session's record, set up on first use. */
    static DeviceChanges of(KeycloakSession session) {
        DeviceChanges changes = session.getAttribute(DeviceChangeListener.ATTRIBUTE, DeviceChanges.class);
        if (changes == null) {
            changes = new DeviceChanges(session);
            try {
                session.getTransactionManager().enlistAfterCompletion(changes);
            } catch (IllegalStateException completed) {
                // A session whose transaction has ended (work after a commit) reads, it no longer writes.
                return changes;
            }
            session.setAttribute(DeviceChangeListener.ATTRIBUTE, changes);
        }
        return changes;
    }

    @Override
    public void deviceChanged(String realmId, String devicePk) {
        Set<String> devices = changed.get(realmId);
        if (devices == WHOLE_REALM) {
            return;
        }
        if (devices == null) {
            devices = new LinkedHashSet<>();
            changed.put(realmId, devices);
        }
        devices.add(devicePk);
        if (devices.size() > MOST_NAMED) {
            realmChanged(realmId);
        }
    }

    /** The realm's device counts ({@link DeviceCounts}) changed. */
    void countsChanged(String realmId) {
        counts.add(realmId);
    }

    @Override
    public void namesChanged(String realmId) {
        names.add(realmId);
    }

    /** A bulk statement changed devices of the realm that it did not name. */
    void realmChanged(String realmId) {
        changed.put(realmId, WHOLE_REALM);
        names.add(realmId);
    }

    /** Whether this session added, removed or renamed a device of the realm (its shared names may not be committed). */
    boolean namesChangedIn(String realmId) {
        return names.contains(realmId);
    }

    /** Whether this session changed a device of the realm: what it reads then may be its own, not yet committed. */
    boolean changedIn(String realmId) {
        return changed.containsKey(realmId);
    }

    @Override
    protected void commitImpl() {
        invalidate();
    }

    @Override
    protected void rollbackImpl() {
        invalidate();
    }

    private void invalidate() {
        changed.forEach((realmId, devices) -> CacheInvalidation.everywhere(session, DeviceViews.CACHE, realmId,
                devices == WHOLE_REALM ? List.of() : List.copyOf(devices)));
        changed.clear();
        counts.forEach(realmId -> CacheInvalidation.everywhere(session, DeviceCounts.CACHE, realmId, List.of()));
        counts.clear();
        names.forEach(realmId -> CacheInvalidation.everywhere(session, JpaDeviceProvider.SHARED_NAMES, realmId, List.of()));
        names.clear();
    }
}
