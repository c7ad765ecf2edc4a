package io.keygate.bitlocker.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditFilter;
import io.keygate.bitlocker.model.AuditStoreProvider;
import io.keygate.bitlocker.model.AuditVerification;
import io.keygate.bitlocker.model.ChainHead;
import io.keygate.bitlocker.model.NodeCache;
import io.keygate.bitlocker.model.ResultPage;
import io.keygate.bitlocker.model.Transactions;
import org.keycloak.common.util.Time;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Appends to, reads and verifies a realm's audit log. Appending locks the realm's chain head (see
 * {@link AuditStoreProvider}), so concurrent appenders on any number of nodes form one linear chain.
 */
public class AuditLog {

    /**
     * The pages of at most {@value ResultPage#DEFAULT_SIZE} entries this node read (see {@link #page}): an entry is
     * about two kilobytes in memory, so the cache holds some 40 megabytes at most.
     */
    private static final NodeCache<List<AuditEntry>> PAGES = NodeCache.named("audit-pages", 400);

    /** Where an entry stands until its transaction commits: no place in the chain yet. */
    private static final ChainHead NOT_PLACED = new ChainHead(-1, null);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AuditStoreProvider store;
    /** The entries waiting for the commit; {@code null} when appends join the chain at once. */
    private final List<Waiting> atCommit;

    private record Waiting(String id, AuditEvent event) {
    }

    public AuditLog(KeycloakSession session, RealmModel realm) {
        this(session, realm, false);
    }

    private AuditLog(KeycloakSession session, RealmModel realm, boolean atCommit) {
        this.session = session;
        this.realm = realm;
        this.store = session.getProvider(AuditStoreProvider.class);
        this.atCommit = atCommit ? new ArrayList<>() : null;
    }

    /**
     * A log whose entries join the chain as the session's transaction commits (Keycloak's prepare phase,
     * after the transaction's other writes went to the database): the realm's lock is then held only for
     * their insert, the head's update and the commit — not while long work that needs them writes, such as
     * a synchronised page of devices. Each {@link #append} answers the entry with its id and no place in
     * the chain yet ({@code seq} 0, no hashes); a rolled-back transaction appends nothing.
     */
    public static AuditLog atCommit(KeycloakSession session, RealmModel realm) {
        return new AuditLog(session, realm, true);
    }

    /** Runs {@code then} once the transaction this log appends in has committed (never after a rollback). */
    public void afterCommit(Runnable then) {
        Transactions.afterCommit(session, then);
    }

    /** Appends within the session's current transaction; the entry is durable when it commits. */
    public AuditEntry append(AuditEvent event) {
        String id = UUID.randomUUID().toString();
        if (atCommit == null) {
            return place(id, event);
        }
        if (atCommit.isEmpty()) {
            session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    placeWaiting();
                }

                @Override
                protected void rollbackImpl() {
                    atCommit.clear();
                }
            });
        }
        atCommit.add(new Waiting(id, event));
        return event.placed(id, realm.getId(), NOT_PLACED, Time.currentTimeMillis());
    }

    /** Links the event to the chain's head, under the realm's lock. */
    private AuditEntry place(String id, AuditEvent event) {
        AuditEntry entry = linked(id, event, store.lockHead(realm));
        store.append(realm, entry);
        return entry;
    }

    /** The waiting entries, linked one after the other to the head and written at once. */
    private void placeWaiting() {
        ChainHead head = store.lockHead(realm);
        List<AuditEntry> entries = new ArrayList<>(atCommit.size());
        for (Waiting waiting : atCommit) {
            AuditEntry entry = linked(waiting.id(), waiting.event(), head);
            entries.add(entry);
            head = new ChainHead(entry.seq(), entry.hash());
        }
        store.appendAll(realm, entries);
        atCommit.clear();
    }

    private AuditEntry linked(String id, AuditEvent event, ChainHead head) {
        AuditEntry placed = event.placed(id, realm.getId(), head, Time.currentTimeMillis());
        return placed.withHash(AuditChain.hash(head.hash(), placed));
    }

    /**
     * Appends in a transaction of its own and commits it before returning: for events that must be
     * on record even when the request's own work is rolled back (denials), or before something
     * leaves (a released key).
     */
    public static String appendCommitted(KeycloakSession session, RealmModel realm, AuditEvent event) {
        return Transactions.inRealm(session.getKeycloakSessionFactory(), realm.getId(),
                (s, r) -> new AuditLog(s, r).append(event).id());
    }

    /**
     * Entries matching the filter, newest first; the cursor is the sequence number of the page's last entry. Every
     * page is read as of the chain's head, read first (the first page; a cursor past the head, which no page of ours
     * hands out), so that it is bounded by a sequence number the log has reached: entries never change once appended
     * (SPEC §5), and neither does such a page. This node keeps the small pages it read; a realm's go when its log is
     * deleted. For reading committed entries only: not in a transaction that appends.
     */
    public ResultPage<AuditEntry> page(AuditFilter filter, int max) {
        long pastHead = store.getHead(realm).seq() + 1;
        AuditFilter bounded = filter.afterSeq() != null && filter.afterSeq() <= pastHead ? filter : filter.after(pastHead);
        List<AuditEntry> rows = max > ResultPage.DEFAULT_SIZE ? store.search(realm, bounded, max + 1) : kept(bounded, max);
        return ResultPage.of(rows, max, last -> Long.toString(last.seq()));
    }

    private List<AuditEntry> kept(AuditFilter bounded, int max) {
        String key = max + "|" + bounded.key();
        long revision = PAGES.revision(realm.getId());
        List<AuditEntry> rows = PAGES.get(realm.getId(), key);
        if (rows == null) {
            rows = store.search(realm, bounded, max + 1);
            PAGES.putIfUnchanged(realm.getId(), key, revision, rows);
        }
        return rows;
    }

    public void forEach(AuditFilter filter, Consumer<AuditEntry> consumer) {
        store.forEach(realm, filter, consumer);
    }

    /** How many entries of {@code action} a user caused since a point in time (rate limits). */
    public long count(String userId, AuditAction action, long sinceMillis, int atMost) {
        return store.countActions(realm, userId, action, sinceMillis, atMost);
    }

    /** How many keys a user was given since a point in time, under campaigns or apart from them (their rate limits). */
    public long countReleases(String userId, boolean underCampaign, long sinceMillis, int atMost) {
        return store.countReleases(realm, userId, underCampaign, sinceMillis, atMost);
    }

    /** The distinct devices whose keys a ticket has released (the ticket reuse limit), bounded as the store says. */
    public List<String> devicesReleasedUnder(String ticketSystem, String ticketId, String ticketKey, String deviceFirst,
            int atMost) {
        return store.devicesReleasedUnder(realm, ticketSystem, ticketId, ticketKey, deviceFirst, atMost);
    }

    /**
     * Recomputes every hash of the chain up to the head read at the start (see {@link ChainVerifier}): entries appended
     * meanwhile are not part of this verification.
     */
    public AuditVerification verify() {
        return new ChainVerifier(session, realm).verify();
    }
}
