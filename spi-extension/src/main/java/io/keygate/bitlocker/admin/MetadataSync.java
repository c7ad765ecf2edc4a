package io.keygate.bitlocker.admin;

import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.model.SyncState;
import io.keygate.bitlocker.model.SyncStateProvider;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * "Sync now" for a realm whose key source synchronises its metadata: the next look of the sync's
 * clock starts a run (or resumes a stopped one) instead of waiting for the interval.
 */
public class MetadataSync {

    private final KeycloakSession session;
    private final RealmModel realm;

    public MetadataSync(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public SyncState requestNow() {
        String sourceId = new RealmConfigStore(session, realm).load().keySource;
        KeySourceProvider source = session.getProvider(KeySourceProvider.class, sourceId);
        if (source == null || !source.syncsMetadata()) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "Key source '" + sourceId + "' has no metadata to synchronise.")
                    .exception();
        }
        SyncStateProvider store = session.getProvider(SyncStateProvider.class);
        SyncState state = store.getState(realm);
        if (state != null && !SyncState.RUNNING.equals(state.state())) {
            state = state.dueNow();
            store.saveState(realm, state);
        }
        return state;
    }
}
