package io.keygate.bitlocker.keysource.ad;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchResult;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.json.Json;
import io.keygate.bitlocker.keysource.ConflictingKeyException;
import io.keygate.bitlocker.keysource.DeviceReport;
import io.keygate.bitlocker.keysource.EscrowWriteProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.Encryption;
import io.keygate.bitlocker.model.RealmLock;
import io.keygate.bitlocker.model.SyncState;
import io.keygate.bitlocker.model.SyncStateProvider;
import io.keygate.bitlocker.model.Transactions;
import io.keygate.bitlocker.model.VolumeType;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * One realm's metadata sync from Active Directory (SPEC §9). The domain controller's {@code highestCommittedUSN}
 * is read first; a full pass reads every recovery object under {@code baseDn}, then the computers matching
 * {@code computerFilter} page by page (each page applied in its own transaction through the shared escrow write
 * path), then marks the devices it did not see removed. A later run reads only what changed after the USN the
 * last run saw on that DC: computers changed, and computers under recovery objects changed. A full pass runs at
 * least daily (removals leave no trace an incremental search sees) and whenever another DC answers (USNs are per
 * DC), and after a change of what the run may see. The paged search lives on one connection, so a run that fails starts again at the next attempt, from the
 * last completed run's USN. Never a password: the recovery password is not among the attributes asked for, and
 * with {@code keyPackages} on, which objects hold a key package is asked of the DC by a presence filter — the
 * package itself never crosses the wire, and the DC matches it only where the account may read it.
 */
final class ActiveDirectorySyncRun {

    private static final Logger LOG = Logger.getLogger(ActiveDirectorySyncRun.class);
    static final long FULL_PASS_MILLIS = 24L * 3_600_000L;
    private static final int REMOVED_BATCH = 500;
    private static final int MAX_KEYS_PER_COMPUTER = 1000;
    private static final String PHASE = "DIRECTORY";
    /** Recovery objects with a key package the account may read: a presence filter, so no package is sent. */
    private static final String WITH_KEY_PACKAGE = "(&(objectClass=" + RecoveryObject.CLASS + ")(" + RecoveryObject.KEY_PACKAGE
            + "=*))";
    private static final String[] KEY_ID = {RecoveryObject.RECOVERY_GUID};

    private final KeycloakSessionFactory factory;
    private final String realmId;

    ActiveDirectorySyncRun(KeycloakSessionFactory factory, String realmId) {
        this.factory = factory;
        this.realmId = realmId;
    }

    /**
     * Where the last completed run left off: the DC, its USN then, when the last full pass started, and the
     * {@link DirectorySettings#scope() scope} it read (another account, subtree, or {@code keyPackages} needs a full
     * pass to say what is seen now of every computer and key).
     */
    record Watermark(String dc, long usn, long fullPassAt, String scope) {

        static Watermark parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return Json.MAPPER.readValue(text, Watermark.class);
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        String text() {
            try {
                return Json.MAPPER.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What a run begins with: its state, the last run's watermark, and a note to keep. */
    private record Start(SyncState state, Watermark watermark, String note) {
    }

    void work(long intervalMillis, long retryMillis) {
        Start start = Transactions.inRealm(factory, realmId, (s, r) -> {
            RealmLock.atCommit(s, r);
            SyncStateProvider store = s.getProvider(SyncStateProvider.class);
            SyncState previous = store.getState(r);
            SyncState state = store.begin(r, PHASE, intervalMillis, retryMillis, Time.currentTimeMillis());
            if (state == null) {
                return null;
            }
            String carried = previous == null ? null : previous.nextLink();
            String note = previous != null && ActiveDirectoryKeySource.UNREADABLE.equals(previous.error())
                    ? previous.error() : null;
            state = state.withPhase(PHASE, carried);
            store.saveState(r, state);
            return new Start(state, Watermark.parse(carried), note);
        });
        if (start == null) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                try {
                    DirectorySettings settings = ActiveDirectoryKeySourceProviderFactory.settings(session, realm);
                    try (DirectoryConnection directory = DirectoryConnection.open(session, realm, settings)) {
                        run(directory, start);
                    }
                } catch (KeySourceUnavailableException e) {
                    throw new RunFailed(e.getMessage());
                }
            });
        } catch (RunFailed e) {
            stopped(start, e.getMessage());
        } catch (RuntimeException e) {
            stopped(start, "The sync stopped: " + e.getClass().getSimpleName());
            LOG.debugf(e, "The Active Directory sync of realm %s stopped", realmId);
        }
    }

    private void run(DirectoryConnection directory, Start start) throws KeySourceUnavailableException {
        DirectorySettings settings = directory.settings();
        Attributes dse = directory.rootDse("dsServiceName", "highestCommittedUSN");
        String dc;
        long usn;
        try {
            dc = String.valueOf(RecoveryObject.value(dse.get("dsServiceName")));
            usn = Long.parseLong(String.valueOf(RecoveryObject.value(dse.get("highestCommittedUSN"))));
        } catch (NamingException | NumberFormatException e) {
            throw new DirectoryException(DirectoryException.Kind.OTHER, "Active Directory's root DSE names no"
                    + " dsServiceName or highestCommittedUSN.");
        }
        SyncState state = start.state();
        Watermark last = start.watermark();
        boolean full = last == null || !last.dc().equalsIgnoreCase(dc) || !settings.scope().equals(last.scope())
                || state.runStartedAt() - last.fullPassAt() >= FULL_PASS_MILLIS;
        Map<String, String> principalNames = DirectoryOwners.cache();
        long[] counts = new long[2];
        Set<String> packaged = new HashSet<>();
        if (full) {
            Map<String, List<RecoveryObject>> keys = new HashMap<>();
            directory.searchPaged(settings.baseDn(), "(objectClass=" + RecoveryObject.CLASS + ")", RecoveryObject.ATTRIBUTES,
                    page -> {
                        for (SearchResult result : page) {
                            RecoveryObject key = recoveryObject(result);
                            if (key != null) {
                                keys.computeIfAbsent(key.parentDn(), k -> new ArrayList<>()).add(key);
                            }
                        }
                    });
            if (settings.keyPackages()) {
                directory.searchPaged(settings.baseDn(), WITH_KEY_PACKAGE, KEY_ID, page -> packaged(page, packaged));
            }
            directory.searchPaged(settings.baseDn(), settings.computerFilter(), computerAttributes(settings),
                    page -> applyInParts(directory, page, keys, packaged, principalNames, state.runStartedAt(), counts));
        } else {
            String since = "(uSNChanged>=" + (last.usn() + 1) + ")";
            Map<String, SearchResult> changed = new LinkedHashMap<>();
            directory.searchPaged(settings.baseDn(), "(&" + settings.computerFilter() + since + ")",
                    computerAttributes(settings), page -> page.forEach(c -> changed.put(c.getNameInNamespace().toLowerCase(
                            java.util.Locale.ROOT), c)));
            List<String> parents = new ArrayList<>();
            directory.searchPaged(settings.baseDn(), "(&(objectClass=" + RecoveryObject.CLASS + ")" + since + ")",
                    new String[] {"cn"}, page -> page.forEach(k -> parents.add(RecoveryObject.parentOf(k.getNameInNamespace()))));
            for (String parent : parents) {
                if (!changed.containsKey(parent)) {
                    SearchResult computer = directory.read(parent, settings.computerFilter(), computerAttributes(settings));
                    if (computer != null) {
                        changed.put(parent, computer);
                    }
                }
            }
            Map<String, List<RecoveryObject>> keys = new HashMap<>();
            for (String computerDn : changed.keySet()) {
                for (SearchResult result : directory.children(computerDn, "(objectClass=" + RecoveryObject.CLASS + ")",
                        MAX_KEYS_PER_COMPUTER, RecoveryObject.ATTRIBUTES)) {
                    RecoveryObject key = recoveryObject(result);
                    if (key != null) {
                        keys.computeIfAbsent(computerDn, k -> new ArrayList<>()).add(key);
                    }
                }
                if (settings.keyPackages() && keys.containsKey(computerDn)) {
                    packaged(directory.children(computerDn, WITH_KEY_PACKAGE, MAX_KEYS_PER_COMPUTER, KEY_ID), packaged);
                }
            }
            applyInParts(directory, new ArrayList<>(changed.values()), keys, packaged, principalNames, state.runStartedAt(),
                    counts);
        }
        if (full) {
            removed(state.runStartedAt());
        }
        Watermark next = new Watermark(dc, usn, full ? state.runStartedAt() : last.fullPassAt(), settings.scope());
        long requests = directory.requests();
        Transactions.inRealm(factory, realmId, (s, r) -> {
            RealmLock.atCommit(s, r);
            SyncStateProvider store = s.getProvider(SyncStateProvider.class);
            SyncState current = store.getState(r);
            SyncState done = (current == null ? state : current).progressed(0, 0, requests)
                    .completed(Time.currentTimeMillis()).withPhase(null, next.text());
            store.saveState(r, start.note() != null ? done.noted(start.note()) : done);
            return null;
        });
        LOG.debugf("Active Directory sync of realm %s complete (%s): %d computers, %d keys, %d requests", realmId,
                full ? "full" : "changes since USN " + last.usn(), counts[0], counts[1], requests);
    }

    /** The key IDs of recovery objects the DC says hold a key package. */
    private static void packaged(List<SearchResult> page, Set<String> packaged) throws DirectoryException {
        for (SearchResult result : page) {
            try {
                String keyId = WindowsGuid.toText(RecoveryObject.value(result.getAttributes().get(RecoveryObject.RECOVERY_GUID)));
                if (keyId != null) {
                    packaged.add(keyId);
                }
            } catch (NamingException e) {
                throw new DirectoryException(DirectoryException.Kind.OTHER, "A recovery object could not be read: "
                        + e.getClass().getSimpleName());
            }
        }
    }

    private static String[] computerAttributes(DirectorySettings settings) {
        return new String[] {"objectGUID", "cn", settings.ownerAttribute()};
    }

    private static RecoveryObject recoveryObject(SearchResult result) throws DirectoryException {
        try {
            return RecoveryObject.of(result);
        } catch (NamingException e) {
            throw new DirectoryException(DirectoryException.Kind.OTHER, "A recovery object could not be read: "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * Computers in parts of {@link EscrowWriteProvider#DEVICES_PER_TRANSACTION}, one transaction each: the realm's lock,
     * which reveals wait for, is held only while a part's audit entries are written and committed.
     */
    private void applyInParts(DirectoryConnection directory, List<SearchResult> computers,
            Map<String, List<RecoveryObject>> keys, Set<String> packaged, Map<String, String> principalNames,
            long runStartedAt, long[] counts) throws DirectoryException {
        for (int from = 0; from < computers.size(); from += EscrowWriteProvider.DEVICES_PER_TRANSACTION) {
            apply(directory, computers.subList(from, Math.min(computers.size(), from + EscrowWriteProvider.DEVICES_PER_TRANSACTION)),
                    keys, packaged, principalNames, runStartedAt, counts);
        }
    }

    /** Computers, each with its keys, in one transaction. */
    private void apply(DirectoryConnection directory, List<SearchResult> computers, Map<String, List<RecoveryObject>> keys,
            Set<String> packaged, Map<String, String> principalNames, long runStartedAt, long[] counts)
            throws DirectoryException {
        Transactions.inRealm(factory, realmId, (s, r) -> {
            // The page writes without the realm's lock; its audit entries and the lock come as it commits.
            RealmLock.atCommit(s, r);
            // The owners first, while the session holds nothing to flush: Keycloak's user queries flush the session's
            // persistence context, and checking a page's worth of written devices before each of them would cost
            // most of the page's time.
            DirectoryOwners owners = new DirectoryOwners(s, r, directory, principalNames);
            Map<SearchResult, DeviceOwner> ownerOf = new IdentityHashMap<>();
            for (SearchResult computer : computers) {
                try {
                    ownerOf.put(computer, owners.ownerOf(computer));
                } catch (NamingException e) {
                    LOG.warnf("Computer %s of realm %s is not synchronised: %s", computer.getNameInNamespace(), r.getName(),
                            e.getMessage());
                } catch (DirectoryException e) {
                    throw new RunFailed(e.getMessage());
                }
            }
            EscrowWriteProvider escrow = s.getProvider(EscrowWriteProvider.class);
            escrow.prefetch(r, deviceIds(computers));
            long devices = 0;
            long seenKeys = 0;
            for (SearchResult computer : computers) {
                if (!ownerOf.containsKey(computer)) {
                    continue;
                }
                try {
                    Attributes attrs = computer.getAttributes();
                    String deviceId = WindowsGuid.toText(RecoveryObject.value(attrs.get("objectGUID")));
                    if (deviceId == null) {
                        continue;
                    }
                    Object cn = RecoveryObject.value(attrs.get("cn"));
                    String name = cn instanceof String text && !text.isBlank() ? text : deviceId;
                    List<RecoveryObject> own = keys.getOrDefault(computer.getNameInNamespace().toLowerCase(java.util.Locale.ROOT),
                            List.of());
                    List<DeviceReport.ReportedKey> reported = reported(own, packaged);
                    DeviceReport report = new DeviceReport(deviceId, name.length() > 255 ? name.substring(0, 255) : name,
                            ownerOf.get(computer), reported.isEmpty() ? Encryption.NOT_ENCRYPTED : Encryption.ENCRYPTED,
                            reported);
                    escrow.applySynchronised(r, ActiveDirectoryKeySourceProviderFactory.ID, report)
                            .markSeenAtSource(runStartedAt);
                    devices++;
                    seenKeys += reported.size();
                } catch (ConflictingKeyException | NamingException e) {
                    LOG.warnf("Computer %s of realm %s is not synchronised: %s", computer.getNameInNamespace(), r.getName(),
                            e.getMessage());
                } catch (DirectoryException e) {
                    throw new RunFailed(e.getMessage());
                } catch (KeySourceUnavailableException e) {
                    LOG.warnf("Computer %s of realm %s is not synchronised: %s", computer.getNameInNamespace(), r.getName(),
                            e.getMessage());
                }
            }
            counts[0] += devices;
            counts[1] += seenKeys;
            SyncStateProvider store = s.getProvider(SyncStateProvider.class);
            SyncState state = store.getState(r);
            if (state != null) {
                store.saveState(r, state.progressed(devices, seenKeys, 0));
            }
            return null;
        });
    }

    /** The device IDs of a page of computers (their {@code objectGUID}s). */
    private static List<String> deviceIds(List<SearchResult> computers) {
        List<String> ids = new ArrayList<>();
        for (SearchResult computer : computers) {
            try {
                String deviceId = WindowsGuid.toText(RecoveryObject.value(computer.getAttributes().get("objectGUID")));
                if (deviceId != null) {
                    ids.add(deviceId);
                }
            } catch (NamingException e) {
                // Skipped here as the page skips it.
            }
        }
        return ids;
    }

    /**
     * Per volume, the newest key is ACTIVE and the older ones SUPERSEDED: AD keeps every backup. A key holds a key
     * package when the DC matched it in {@code packaged} (empty with {@code keyPackages} off).
     */
    static List<DeviceReport.ReportedKey> reported(List<RecoveryObject> keys, Set<String> packaged) {
        Map<String, RecoveryObject> newest = new HashMap<>();
        Comparator<RecoveryObject> order = Comparator.<RecoveryObject>comparingLong(RecoveryObject::createdAt)
                .thenComparing(RecoveryObject::keyId);
        for (RecoveryObject key : keys) {
            newest.merge(key.volumeGuid(), key, (a, b) -> order.compare(a, b) >= 0 ? a : b);
        }
        List<DeviceReport.ReportedKey> out = new ArrayList<>();
        for (RecoveryObject key : keys) {
            boolean superseded = newest.get(key.volumeGuid()) != key;
            out.add(new DeviceReport.ReportedKey(key.keyId(), VolumeType.UNKNOWN, null, key.createdAt(), null, superseded,
                    packaged.contains(key.keyId())));
        }
        return out;
    }

    /** Devices a full pass did not see: gone from AD (or from the filter), kept with their metadata and marked removed. */
    private void removed(long runStartedAt) {
        String after = null;
        while (true) {
            String from = after;
            String last = Transactions.inRealm(factory, realmId, (s, r) -> {
                RealmLock.atCommit(s, r);
                List<DeviceModel> gone = s.getProvider(DeviceProvider.class).getDevicesNotSeenSince(r,
                        ActiveDirectoryKeySourceProviderFactory.ID, runStartedAt, from, REMOVED_BATCH);
                long now = Time.currentTimeMillis();
                for (DeviceModel device : gone) {
                    device.markRemovedFromSource(now);
                }
                return gone.size() == REMOVED_BATCH ? gone.get(gone.size() - 1).getId() : null;
            });
            if (last == null) {
                return;
            }
            after = last;
        }
    }

    private void stopped(Start start, String why) {
        LOG.warnf("The Active Directory sync of realm %s stopped and starts again at the next attempt: %s", realmId, why);
        Transactions.inRealm(factory, realmId, (s, r) -> {
            RealmLock.atCommit(s, r);
            SyncStateProvider store = s.getProvider(SyncStateProvider.class);
            SyncState current = store.getState(r);
            SyncState base = current == null ? start.state() : current;
            // The watermark stays that of the last completed run: the next attempt reads every change since.
            store.saveState(r, base.withPhase(PHASE, start.watermark() == null ? null : start.watermark().text())
                    .failed(why, Time.currentTimeMillis()));
            return null;
        });
    }

    /** A run cannot go on; its message is safe to show. */
    private static final class RunFailed extends RuntimeException {
        RunFailed(String message) {
            super(message, null, false, false);
        }
    }
}
