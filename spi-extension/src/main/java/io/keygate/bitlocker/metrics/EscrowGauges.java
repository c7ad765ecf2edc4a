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
 * {@code bitlocker_devices{realm,status}}: how many devices of each enabled realm are in each escrow
 * status, so "devices with missing or failed escrow" can be alerted on from Prometheus. The values
 * are refreshed by a task on every node (each node answers its own scrape); a realm that is gone or
 * no longer enabled loses its series.
 */
public final class EscrowGauges {

    private static final Map<List<String>, Series> SERIES = new ConcurrentHashMap<>();

    private record Series(AtomicLong value, Gauge gauge) {
    }

    private EscrowGauges() {
    }

    /** Sets the counts of one realm: status name → devices. */
    public static void update(String realm, Map<String, Long> counts) {
        counts.forEach((status, n) -> SERIES.computeIfAbsent(List.of(realm, status), key -> {
            AtomicLong value = new AtomicLong();
            Gauge gauge = Gauge.builder("bitlocker.devices", value, AtomicLong::get)
                    .description("Devices by escrow status").tag("realm", realm).tag("status", status)
                    .register(Metrics.globalRegistry);
            return new Series(value, gauge);
        }).value().set(n));
    }

    /** Drops the series of every realm not in {@code realms}. */
    public static void retainRealms(Set<String> realms) {
        for (List<String> key : new HashSet<>(SERIES.keySet())) {
            if (!realms.contains(key.get(0))) {
                Series gone = SERIES.remove(key);
                if (gone != null) {
                    Metrics.globalRegistry.remove(gone.gauge());
                }
            }
        }
    }
}
