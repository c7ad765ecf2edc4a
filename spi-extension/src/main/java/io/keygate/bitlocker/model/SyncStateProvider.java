package io.keygate.bitlocker.model;

import java.util.Collection;
import java.util.List;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * A metadata sync's memory between pages: its progress per realm (so a run resumes where a crash or an
 * outage stopped it, on whichever node runs it next) and what earlier phases of the run staged for the
 * phase that applies it. Never key material.
 */
public interface SyncStateProvider extends Provider {

    /** The realm's sync progress, or {@code null} before its first run. */
    SyncState getState(RealmModel realm);

    void saveState(RealmModel realm, SyncState state);

    /** Adds or replaces staged items (same kind and item ID: replaced). */
    void stage(RealmModel realm, Collection<StagedItem> items);

    /** Staged items of {@code kind} whose device ID is one of {@code deviceIds}. */
    List<StagedItem> getStaged(RealmModel realm, StagedItem.Kind kind, Collection<String> deviceIds);

    /** Staged items of {@code kind} with these item IDs. */
    List<StagedItem> getStagedById(RealmModel realm, StagedItem.Kind kind, Collection<String> itemIds);

    /** Device IDs that have staged items of {@code kind}, after {@code afterDeviceId} (null: from the start), in order. */
    List<String> getStagedDeviceIds(RealmModel realm, StagedItem.Kind kind, String afterDeviceId, int max);

    void clearStaged(RealmModel realm);

    /**
     * The run to work on now: a new one when the last completed {@code intervalMillis} ago (or never ran), the
     * stopped one again once {@code retryMillis} passed, the running one as it is; {@code null} when none is due.
     */
    default SyncState begin(RealmModel realm, String firstPhase, long intervalMillis, long retryMillis, long now) {
        SyncState state = getState(realm);
        if (state == null || SyncState.IDLE.equals(state.state())) {
            if (state != null && state.lastRunAt() != null && now - state.lastRunAt() < intervalMillis) {
                return null;
            }
            clearStaged(realm);
            SyncState started = SyncState.started(state, firstPhase, now);
            saveState(realm, started);
            return started;
        }
        if (SyncState.FAILED.equals(state.state())) {
            if (state.lastRunAt() != null && now - state.lastRunAt() < retryMillis) {
                return null;
            }
            SyncState resumed = state.resumed();
            saveState(realm, resumed);
            return resumed;
        }
        return state;
    }
}
