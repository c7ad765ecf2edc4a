package io.keygate.bitlocker.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NodeCacheTest {

    private final NodeCache<Object> cache = NodeCache.unregistered("test", 10);

    @Test
    void aLoadedValueIsKeptWhenNoChangeArrivedWhileItWasRead() {
        long before = cache.revision("realm-a");
        Object read = new Object();
        cache.putIfUnchanged("realm-a", "device-1", before, read);

        assertThat(cache.get("realm-a", "device-1")).isSameAs(read);
    }

    @Test
    void aValueReadBeforeAnotherNodesChangeArrivedIsNotKept() {
        long before = cache.revision("realm-a");
        // The read saw the row as it was; the other node's change commits and its invalidation arrives now.
        cache.invalidate("realm-a", List.of("device-1"));
        cache.putIfUnchanged("realm-a", "device-1", before, new Object());

        assertThat(cache.get("realm-a", "device-1")).isNull();
        Object readAgain = new Object();
        cache.putIfUnchanged("realm-a", "device-1", cache.revision("realm-a"), readAgain);
        assertThat(cache.get("realm-a", "device-1")).isSameAs(readAgain);
    }

    @Test
    void aChangeDropsOnlyItsEntries() {
        Object kept = new Object();
        cache.putIfUnchanged("realm-a", "device-1", cache.revision("realm-a"), new Object());
        cache.putIfUnchanged("realm-a", "device-2", cache.revision("realm-a"), kept);
        Object other = new Object();
        cache.putIfUnchanged("realm-b", "device-1", cache.revision("realm-b"), other);

        cache.invalidate("realm-a", List.of("device-1"));

        assertThat(cache.get("realm-a", "device-1")).isNull();
        assertThat(cache.get("realm-a", "device-2")).isSameAs(kept);
        assertThat(cache.get("realm-b", "device-1")).isSameAs(other);
    }

    @Test
    void aRealmWideChangeDropsEveryEntryOfTheRealmAndNoOther() {
        cache.putIfUnchanged("realm-a", "device-1", cache.revision("realm-a"), new Object());
        cache.putIfUnchanged("realm-a", "device-2", cache.revision("realm-a"), new Object());
        Object other = new Object();
        cache.putIfUnchanged("realm-b", "device-1", cache.revision("realm-b"), other);

        cache.invalidate("realm-a", List.of());

        assertThat(cache.get("realm-a", "device-1")).isNull();
        assertThat(cache.get("realm-a", "device-2")).isNull();
        assertThat(cache.get("realm-b", "device-1")).isSameAs(other);
    }
}
