package io.keygate.bitlocker.model;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * One of this node's caches of committed state, entries by realm and ID (issue 23 item 2): a request reads from
 * here instead of the database. Entries are dropped after a change commits, on this node directly and on the
 * others through {@link CacheInvalidationEvent} ({@link CacheInvalidation}). Keycloak's {@code addRevisioned}
 * guard keeps a value read just before another node's change out: every invalidation bumps the realm's revision,
 * and a loaded value is kept only if the revision taken before the read is still the current one.
 * Caffeine is Keycloak's own (lib/main), not bundled.
 */
public final class NodeCache<V> {

    /** Every cache of the node, by name: what a cluster event names. */
    private static final Map<String, NodeCache<?>> NAMED = new ConcurrentHashMap<>();

    private final String name;
    private final Cache<Entry, V> entries;
    /** Realm IDs are never reused, so the revisions grow with the realms ever changed on this node, no further. */
    private final ConcurrentHashMap<String, Long> revisions = new ConcurrentHashMap<>();

    private record Entry(String realmId, String id) {
    }

    private NodeCache(String name, long maximumEntries) {
        this.name = name;
        // The expiry only bounds what a node that missed an invalidation (a partition) can serve; changes arrive as events.
        this.entries = Caffeine.newBuilder().maximumSize(maximumEntries).expireAfterWrite(Duration.ofMinutes(5)).build();
    }

    /** The node's cache of that name, made on first use (one per node: the server's JVM). */
    @SuppressWarnings("unchecked")
    public static <V> NodeCache<V> named(String name, long maximumEntries) {
        return (NodeCache<V>) NAMED.computeIfAbsent(name, n -> new NodeCache<>(n, maximumEntries));
    }

    /** A cache of its own, in no registry (tests). */
    static <V> NodeCache<V> unregistered(String name, long maximumEntries) {
        return new NodeCache<>(name, maximumEntries);
    }

    /** The node's cache a cluster event names; {@code null} for one this node never made (it holds nothing). */
    static NodeCache<?> byName(String name) {
        return NAMED.get(name);
    }

    static Collection<NodeCache<?>> all() {
        return NAMED.values();
    }

    public String name() {
        return name;
    }

    /** The value as last loaded on this node, or {@code null}. Shared by every request: read-only. */
    public V get(String realmId, String id) {
        return entries.getIfPresent(new Entry(realmId, id));
    }

    /** To take before reading the stored value, and hand to {@link #putIfUnchanged}. */
    public long revision(String realmId) {
        return revisions.getOrDefault(realmId, 0L);
    }

    /** Keeps a loaded value unless its realm was invalidated since {@code revisionBeforeRead} was taken. */
    public void putIfUnchanged(String realmId, String id, long revisionBeforeRead, V value) {
        revisions.compute(realmId, (realm, current) -> {
            if ((current == null ? 0L : current) == revisionBeforeRead) {
                entries.put(new Entry(realm, id), value);
            }
            return current;
        });
    }

    /**
     * Drops the entries {@code ids} of the realm, or (empty) every entry of the realm; a load that started before
     * this call does not put anything back.
     */
    public void invalidate(String realmId, Collection<String> ids) {
        revisions.compute(realmId, (realm, current) -> {
            if (ids.isEmpty()) {
                entries.asMap().keySet().removeIf(e -> e.realmId().equals(realm));
            } else {
                ids.forEach(id -> entries.invalidate(new Entry(realm, id)));
            }
            return current == null ? 1L : current + 1;
        });
    }
}
