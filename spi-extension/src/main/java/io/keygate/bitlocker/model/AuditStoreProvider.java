package io.keygate.bitlocker.model;

import java.util.List;
import java.util.function.Consumer;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Where a realm's audit log is kept. Appending locks the realm's chain head until the
 * transaction ends, so concurrent appenders on any number of nodes form one linear chain.
 */
public interface AuditStoreProvider extends Provider {

    /** The chain head, locked for this transaction (created when the realm has none yet). */
    ChainHead lockHead(RealmModel realm);

    /** The chain head as committed, unlocked. */
    ChainHead getHead(RealmModel realm);

    /** Stores an entry that links to the locked head and makes it the new head. */
    void append(RealmModel realm, AuditEntry entry);

    /**
     * Stores entries that link, in order, to the locked head and to each other, and makes the last the new
     * head: written at once, so a sync page's hundreds of entries hold the lock briefly.
     */
    void appendAll(RealmModel realm, List<AuditEntry> entries);

    /** Entries matching the filter, newest first, before {@code filter.afterSeq()}: at most {@code max}. */
    List<AuditEntry> search(RealmModel realm, AuditFilter filter, int max);

    /** Every entry matching the filter, newest first, in batches: memory stays flat. */
    void forEach(RealmModel realm, AuditFilter filter, Consumer<AuditEntry> consumer);

    /** Entries in chain order after {@code afterSeq}, at most {@code max}. */
    List<AuditEntry> chain(RealmModel realm, long afterSeq, int max);

    /**
     * Where forwarding to {@code sink} stands, locked for this transaction so one node at a time delivers
     * to it (created at the log's start when the sink is new).
     */
    ForwardingCursor lockCursor(RealmModel realm, String sink);

    /** Stores the cursor locked by {@link #lockCursor}. */
    void saveCursor(RealmModel realm, ForwardingCursor cursor);

    /** Every realm's cursors as committed, unlocked (for the lag gauge). */
    List<ForwardingCursor> getCursors(RealmModel realm);

    /**
     * How many entries of {@code action} a user caused since a point in time, counted up to {@code atMost}: a limit
     * only asks whether it is reached, and the count then costs the same at 10 entries as at 10,000.
     */
    long countActions(RealmModel realm, String userId, AuditAction action, long since, int atMost);

    /**
     * As {@link #countActions} for {@code KEY_REVEALED}, counting only releases made under a campaign (SPEC §14) or
     * only those made without one: the two have limits of their own.
     */
    long countReleases(RealmModel realm, String userId, boolean underCampaign, long since, int atMost);

    /**
     * The distinct devices whose keys a ticket has released, counted on its canonical identity {@code ticketId}
     * (entries written before identities were recorded count by key): at most {@code atMost} of them, with
     * {@code deviceFirst} first when it is one (so a bounded read still tells whether that device was released).
     */
    List<String> devicesReleasedUnder(RealmModel realm, String ticketSystem, String ticketId, String ticketKey,
            String deviceFirst, int atMost);
}
