package io.keygate.bitlocker.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RealmConfigCacheTest {

    private final RealmConfigCache cache = new RealmConfigCache(10);

    @Test
    void aLoadedDocumentIsKeptWhenNoChangeArrivedWhileItWasRead() {
        long before = cache.revision("realm-a");
        BitLockerConfig read = new BitLockerConfig();
        cache.putIfUnchanged("realm-a", before, read);

        assertThat(cache.get("realm-a")).isSameAs(read);
    }

    @Test
    void aDocumentReadBeforeAnotherNodesChangeArrivedIsNotKept() {
        long before = cache.revision("realm-a");
        // The read saw the row as it was; the other node's change commits and its invalidation arrives now.
        cache.invalidate("realm-a");
        cache.putIfUnchanged("realm-a", before, new BitLockerConfig());

        assertThat(cache.get("realm-a")).isNull();
        BitLockerConfig readAgain = new BitLockerConfig();
        cache.putIfUnchanged("realm-a", cache.revision("realm-a"), readAgain);
        assertThat(cache.get("realm-a")).isSameAs(readAgain);
    }

    @Test
    void aChangeDropsOnlyItsRealm() {
        cache.putIfUnchanged("realm-a", cache.revision("realm-a"), new BitLockerConfig());
        BitLockerConfig other = new BitLockerConfig();
        cache.putIfUnchanged("realm-b", cache.revision("realm-b"), other);

        cache.invalidate("realm-a");

        assertThat(cache.get("realm-a")).isNull();
        assertThat(cache.get("realm-b")).isSameAs(other);
    }
}
