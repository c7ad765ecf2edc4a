package io.keygate.bitlocker.keysource.entra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.keysource.ConflictingKeyException;
import io.keygate.bitlocker.keysource.EscrowWriteProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.Encryption;
import io.keygate.bitlocker.model.Guid;
import io.keygate.bitlocker.model.RealmLock;
import io.keygate.bitlocker.model.StagedItem;
import io.keygate.bitlocker.model.SyncState;
import io.keygate.bitlocker.model.SyncStateProvider;
import io.keygate.bitlocker.model.Transactions;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * One realm's metadata sync from Entra ID, page by page, each page in its own transaction with the
 * run's progress, so a run stopped by a crash, an outage or throttling resumes at the page it stopped at.
 * Phases: Intune's managed devices and encryption states (staged), every recovery key's metadata
 * (staged), then Entra's Windows devices with their owners — each applied with its staged keys through
 * the shared escrow write path — and last the devices Entra no longer lists, marked removed.
 * Never key material.
 */
final class EntraSyncRun {

    private static final Logger LOG = Logger.getLogger(EntraSyncRun.class);
    private static final int REMOVED_BATCH = 500;

    enum Phase {
        MANAGED_DEVICES, ENCRYPTION, KEYS, DEVICES, REMOVED
    }

    private final KeycloakSessionFactory factory;
    private final EntraKeySourceProviderFactory sources;
    private final String realmId;

    EntraSyncRun(KeycloakSessionFactory factory, EntraKeySourceProviderFactory sources, String realmId) {
        this.factory = factory;
        this.sources = sources;
        this.realmId = realmId;
    }

    /**
     * Starts a run when one is due (or resumes a stopped one after {@code retryMillis}) and works for at
     * most {@code sliceMillis}; what is left continues at the next call.
     */
    void work(long syncIntervalMillis, long retryMillis, long sliceMillis) {
        SyncState state = Transactions.inRealm(factory, realmId, (s, r) -> begin(s, r, syncIntervalMillis, retryMillis));
        long until = System.currentTimeMillis() + sliceMillis;
        while (state != null && SyncState.RUNNING.equals(state.state()) && System.currentTimeMillis() < until) {
            SyncState current = state;
            try {
                state = Transactions.inRealm(factory, realmId, (s, r) -> step(s, r, current));
            } catch (StepFailed e) {
                stopped(current, e.cause, e.requests);
                return;
            } catch (RuntimeException e) {
                // A failure no answer of Graph explains (the Azure client refusing its settings only once it is used,
                // a database error): the run stops as FAILED and says why, rather than staying RUNNING unexplained.
                stopped(current, new GraphException(GraphException.Kind.UNAVAILABLE, e.toString(), e), 0);
                return;
            }
        }
    }

    /** The run stopped in its current phase: FAILED with the reason, to resume there after the retry interval. */
    private void stopped(SyncState current, GraphException cause, long requests) {
        if (cause.getMessage().equals(current.error())) {
            // Still the same trouble as at the last attempt: said once already.
            LOG.debugf("The Entra ID sync of realm %s is still stopped: %s", realmId, cause.getMessage());
        } else {
            EntraKeySource.logRefusal(cause);
            LOG.warnf("The Entra ID sync of realm %s stopped in phase %s and resumes there: %s", realmId,
                    current.phase(), cause.getMessage());
        }
        Transactions.inRealm(factory, realmId, (s, r) -> {
            RealmLock.atCommit(s, r);
            SyncStateProvider store = s.getProvider(SyncStateProvider.class);
            store.saveState(r, current.progressed(0, 0, requests).failed(cause.getMessage(), Time.currentTimeMillis()));
            return null;
        });
    }

    private static SyncState begin(KeycloakSession session, RealmModel realm, long intervalMillis, long retryMillis) {
        // What begin writes commits under the realm's lock, taken as it commits (nothing outlives a removed realm).
        RealmLock.atCommit(session, realm);
        return session.getProvider(SyncStateProvider.class).begin(realm, Phase.MANAGED_DEVICES.name(), intervalMillis,
                retryMillis, Time.currentTimeMillis());
    }

    /**
     * One page of the current phase, and the progress that says where the next one starts. The page writes
     * without the realm's lock; its audit entries and the lock come as it commits (reveals do not wait for it,
     * and a realm removed meanwhile keeps none of it).
     */
    private SyncState step(KeycloakSession session, RealmModel realm, SyncState state) {
        RealmLock.atCommit(session, realm);
        GraphConnection graph;
        try {
            graph = sources.connection(session, realm);
        } catch (GraphException e) {
            throw new StepFailed(e, 0);
        } catch (KeySourceUnavailableException e) {
            throw new StepFailed(new GraphException(GraphException.Kind.CREDENTIALS, e.getMessage()), 0);
        }
        CallBudget budget = CallBudget.of(CallBudget.SYNC_PAGE);
        Phase phase = Phase.valueOf(state.phase());
        try {
            SyncState next = switch (phase) {
                case MANAGED_DEVICES -> stage(session, realm, state, phase,
                        graph.managedDevices(state.nextLink(), budget), GraphItems::managedDevice);
                case ENCRYPTION -> stage(session, realm, state, phase,
                        graph.encryptionStates(state.nextLink(), budget), GraphItems::encryptionState);
                case KEYS -> stage(session, realm, state, phase, graph.recoveryKeys(null, state.nextLink(), budget), GraphItems::key);
                case DEVICES -> devices(session, realm, state, graph, graph.windowsDevices(state.nextLink(), budget));
                case REMOVED -> removed(session, realm, state);
            };
            next = next.progressed(0, 0, budget.requests());
            session.getProvider(SyncStateProvider.class).saveState(realm, next);
            return next;
        } catch (GraphException e) {
            if (e.kind() == GraphException.Kind.FORBIDDEN && (phase == Phase.MANAGED_DEVICES || phase == Phase.ENCRYPTION)) {
                // Intune's part is optional: without its permissions, keys and devices still sync.
                LOG.warnf("The Entra ID sync of realm %s goes on without Intune's %s: %s", realm.getName(),
                        phase == Phase.ENCRYPTION ? "encryption states" : "managed devices", e.getMessage());
                SyncState next = after(state, phase).progressed(0, 0, budget.requests());
                session.getProvider(SyncStateProvider.class).saveState(realm, next);
                return next;
            }
            throw new StepFailed(e, budget.requests());
        }
    }

    private interface Reader {
        StagedItem read(JsonNode item);
    }

    private static SyncState stage(KeycloakSession session, RealmModel realm, SyncState state, Phase phase,
            GraphConnection.Page page, Reader reader) {
        List<StagedItem> items = page.items().stream().map(reader::read).filter(Objects::nonNull).toList();
        session.getProvider(SyncStateProvider.class).stage(realm, items);
        SyncState next = page.nextLink() != null ? state.withPhase(phase.name(), page.nextLink()) : after(state, phase);
        return next.progressed(0, phase == Phase.KEYS ? items.size() : 0, 0);
    }

    /**
     * A page of Windows devices, each applied with its staged keys, owner and Intune state: in parts of
     * {@link EscrowWriteProvider#DEVICES_PER_TRANSACTION}, each committed on its own, the last in the step's transaction
     * with the progress. A step that fails after some parts committed applies the page again, which writes nothing for
     * what is already as Graph says.
     */
    private static SyncState devices(KeycloakSession session, RealmModel realm, SyncState state, GraphConnection graph,
            GraphConnection.Page page) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode device : page.items()) {
            String deviceId = Guid.normalize(device.path("deviceId").asText(null));
            if (deviceId != null) {
                byId.put(deviceId, device);
            }
        }
        List<Map.Entry<String, JsonNode>> listed = new ArrayList<>(byId.entrySet());
        EntraSettings settings = graph.settings();
        int size = EscrowWriteProvider.DEVICES_PER_TRANSACTION;
        int lastPart = listed.isEmpty() ? 0 : (listed.size() - 1) / size * size;
        long applied = 0;
        for (int from = 0; from < lastPart; from += size) {
            List<Map.Entry<String, JsonNode>> part = listed.subList(from, from + size);
            applied += Transactions.inRealm(session.getKeycloakSessionFactory(), realm.getId(), (s, r) -> {
                RealmLock.atCommit(s, r);
                return apply(s, r, settings, part, state.runStartedAt());
            });
        }
        applied += apply(session, realm, settings, listed.subList(lastPart, listed.size()), state.runStartedAt());
        SyncState next = page.nextLink() != null ? state.withPhase(Phase.DEVICES.name(), page.nextLink())
                : after(state, Phase.DEVICES);
        return next.progressed(applied, 0, 0);
    }

    /** Devices of a page applied in the session's transaction; how many were. */
    private static long apply(KeycloakSession session, RealmModel realm, EntraSettings settings,
            List<Map.Entry<String, JsonNode>> devices, long runStartedAt) {
        // The owners first, while the session holds nothing to flush: Keycloak's user queries flush the session's
        // persistence context, and checking the devices already written for changes before each of them cost three
        // quarters of a sync's time.
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        devices.forEach(device -> listed.put(device.getKey(), device.getValue()));
        Map<String, DeviceOwner> ownerOf = new EntraOwners(session, realm, settings).ownersOf(listed);
        Set<String> ids = ownerOf.keySet();
        SyncStateProvider store = session.getProvider(SyncStateProvider.class);
        Map<String, List<StagedItem>> keys = store.getStaged(realm, StagedItem.Kind.KEY, ids).stream()
                .collect(Collectors.groupingBy(StagedItem::deviceId));
        Map<String, Encryption> encryption = encryption(store, realm, ids);
        EscrowWriteProvider escrow = session.getProvider(EscrowWriteProvider.class);
        escrow.prefetch(realm, ids);
        long applied = 0;
        for (Map.Entry<String, JsonNode> entry : devices) {
            String deviceId = entry.getKey();
            try {
                escrow.applySynchronised(realm, EntraKeySourceProviderFactory.ID, EntraReports.report(entry.getValue(),
                        keys.getOrDefault(deviceId, List.of()), ownerOf.get(deviceId), encryption.get(deviceId)))
                        .markSeenAtSource(runStartedAt);
                applied++;
            } catch (ConflictingKeyException | KeySourceUnavailableException e) {
                LOG.warnf("Entra ID device %s of realm %s is not synchronised: %s", deviceId, realm.getName(), e.getMessage());
            }
        }
        return applied;
    }

    /** Intune's state of each device, through the managed devices staged for it. */
    private static Map<String, Encryption> encryption(SyncStateProvider store, RealmModel realm, Set<String> deviceIds) {
        Map<String, String> deviceOfManaged = new HashMap<>();
        for (StagedItem managed : store.getStaged(realm, StagedItem.Kind.MANAGED_DEVICE, deviceIds)) {
            deviceOfManaged.put(managed.itemId(), managed.deviceId());
        }
        Map<String, Encryption> out = new HashMap<>();
        for (StagedItem state : store.getStagedById(realm, StagedItem.Kind.ENCRYPTION, deviceOfManaged.keySet())) {
            Encryption e = Encryption.valueOf(state.value());
            out.merge(deviceOfManaged.get(state.itemId()), e, (a, b) -> a == Encryption.FAILED ? a : b);
        }
        return out;
    }

    /** Devices this run did not see: gone from Entra ID, kept with their metadata and marked removed. */
    private static SyncState removed(KeycloakSession session, RealmModel realm, SyncState state) {
        List<DeviceModel> gone = session.getProvider(DeviceProvider.class).getDevicesNotSeenSince(realm,
                EntraKeySourceProviderFactory.ID, state.runStartedAt(), state.nextLink(), REMOVED_BATCH);
        long now = Time.currentTimeMillis();
        List<String> names = new ArrayList<>();
        for (DeviceModel device : gone) {
            device.markRemovedFromSource(now);
            names.add(device.getId());
        }
        if (gone.size() == REMOVED_BATCH) {
            return state.withPhase(Phase.REMOVED.name(), names.get(names.size() - 1));
        }
        session.getProvider(SyncStateProvider.class).clearStaged(realm);
        LOG.debugf("Entra ID sync of realm %s complete: %d devices, %d keys, %d requests", realm.getName(),
                state.devices(), state.keys(), state.requests());
        return state.completed(now);
    }

    private static SyncState after(SyncState state, Phase phase) {
        return state.withPhase(Phase.values()[phase.ordinal() + 1].name(), null);
    }

    /** A page failed: the run stops where it is, and the requests it made still count. */
    private static final class StepFailed extends RuntimeException {
        private final GraphException cause;
        private final long requests;

        StepFailed(GraphException cause, long requests) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
            this.requests = requests;
        }
    }
}
