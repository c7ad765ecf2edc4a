package io.keygate.bitlocker.config;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * This node's parsed configuration documents, by realm: a request reads its realm's document from here
 * instead of the database (issue 23 item 2). Entries are dropped after a change commits, on this node directly
 * and on the others through {@link ConfigChangedEvent}. Keycloak's {@code addRevisioned} guard keeps a
 * document read just before another node's change out: every invalidation bumps the realm's revision, and a
 * loaded document is kept only if the revision taken before the read is still the current one.
 * Caffeine is Keycloak's own (lib/main), not bundled.
 */
final class RealmConfigCache {

    /** One per node (the server's JVM). */
    static final RealmConfigCache NODE = new RealmConfigCache(10_000);

    private final Cache<String, BitLockerConfig> configs;
    /** Realm IDs are never reused, so the revisions grow with the realms ever changed on this node, no further. */
    private final ConcurrentHashMap<String, Long> revisions = new ConcurrentHashMap<>();

    RealmConfigCache(long maximumRealms) {
        // The expiry only bounds what a node that missed an invalidation (a partition) can serve; changes arrive as events.
        this.configs = Caffeine.newBuilder().maximumSize(maximumRealms).expireAfterWrite(Duration.ofMinutes(5)).build();
    }

    /** The realm's document as last loaded on this node, or {@code null}. Shared by every request: read-only. */
    BitLockerConfig get(String realmId) {
        return configs.getIfPresent(realmId);
    }

    /** To take before reading the stored document, and hand to {@link #putIfUnchanged}. */
    long revision(String realmId) {
        return revisions.getOrDefault(realmId, 0L);
    }

    /** Keeps a loaded document unless its realm was invalidated since {@code revisionBeforeRead} was taken. */
    void putIfUnchanged(String realmId, long revisionBeforeRead, BitLockerConfig config) {
        revisions.compute(realmId, (id, current) -> {
            if ((current == null ? 0L : current) == revisionBeforeRead) {
                configs.put(id, config);
            }
            return current;
        });
    }

    /** Drops the realm's document; a load that started before this call does not put it back. */
    void invalidate(String realmId) {
        revisions.compute(realmId, (id, current) -> {
            configs.invalidate(id);
            return current == null ? 1L : current + 1;
        });
    }
}
