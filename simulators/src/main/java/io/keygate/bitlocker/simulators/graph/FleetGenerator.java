package io.keygate.bitlocker.simulators.graph;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** The seeded randomness behind {@link GraphFleet#generateFleet}: GUIDs, distinct device names, key dates. */
final class FleetGenerator {

    private static final String NAME_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int SPAN_SECONDS = 300 * 24 * 3600;

    private final Random random;
    private final Set<String> names;

    FleetGenerator(long seed, Collection<String> takenNames) {
        this.random = new Random(seed);
        this.names = new HashSet<>(takenNames);
    }

    /** A version-4-shaped GUID. */
    UUID uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    /** {@code DESKTOP-} and seven letters or digits, not handed out before. */
    String deviceName() {
        while (true) {
            StringBuilder name = new StringBuilder("DESKTOP-");
            for (int i = 0; i < 7; i++) {
                name.append(NAME_CHARACTERS.charAt(random.nextInt(NAME_CHARACTERS.length())));
            }
            if (names.add(name.toString())) {
                return name.toString();
            }
        }
    }

    /** A moment in 2026 (whole seconds). */
    Instant createdAt() {
        return START.plusSeconds(random.nextInt(SPAN_SECONDS));
    }
}
