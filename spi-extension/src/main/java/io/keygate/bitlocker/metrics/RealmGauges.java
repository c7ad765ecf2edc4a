package io.keygate.bitlocker.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;

/**
 * A gauge with one series per realm and tag value ({@code name{realm,tag}}), set from counts a task reads from the
 * database on every node (each node answers its own scrape). Series whose realm or tag value is no longer counted
 * are removed, so a finished campaign or a removed realm leaves no stale series behind.
 */
final class RealmGauges {

    private record Series(AtomicLong value, Gauge gauge) {
    }

    private final String name;
    private final String description;
    private final String tag;
    private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

    RealmGauges(String name, String description, String tag) {
        this.name = name;
        this.description = description;
        this.tag = tag;
    }

    /** Sets one realm's series: tag value → count; the realm's other series are removed. */
    void replace(String realm, Map<String, Long> counts) {
        counts.forEach((value, n) -> series.computeIfAbsent(List.of(realm, value), key -> {
            AtomicLong current = new AtomicLong();
            Gauge gauge = Gauge.builder(name, current, AtomicLong::get).description(description)
                    .tag("realm", realm).tag(tag, value).register(Metrics.globalRegistry);
            return new Series(current, gauge);
        }).value().set(n));
        removeIf(key -> key.get(0).equals(realm) && !counts.containsKey(key.get(1)));
    }

    /** Drops the series of every realm not in {@code realms}. */
    void retainRealms(Set<String> realms) {
        removeIf(key -> !realms.contains(key.get(0)));
    }

    private void removeIf(java.util.function.Predicate<List<String>> gone) {
        for (List<String> key : new HashSet<>(series.keySet())) {
            if (gone.test(key)) {
                Series removed = series.remove(key);
                if (removed != null) {
                    Metrics.globalRegistry.remove(removed.gauge());
                }
            }
        }
    }
}
