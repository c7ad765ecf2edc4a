package io.keygate.bitlocker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EscrowGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void attach() {
        Metrics.addRegistry(registry);
    }

    @AfterEach
    void detach() {
        EscrowGauges.retainRealms(Set.of());
        Metrics.removeRegistry(registry);
    }

    private double value(String realm, String status) {
        return registry.get("bitlocker.devices").tag("realm", realm).tag("status", status).gauge().value();
    }

    @Test
    void eachRealmAndStatusIsOneSeriesThatFollowsTheLatestCounts() {
        EscrowGauges.update("acme", Map.of("ESCROWED", 10L, "FAILED", 2L));
        EscrowGauges.update("globex", Map.of("ESCROWED", 3L, "FAILED", 0L));
        EscrowGauges.update("acme", Map.of("ESCROWED", 11L, "FAILED", 1L));

        assertThat(value("acme", "ESCROWED")).isEqualTo(11.0);
        assertThat(value("acme", "FAILED")).isEqualTo(1.0);
        assertThat(value("globex", "ESCROWED")).isEqualTo(3.0);
        assertThat(registry.find("bitlocker.devices").gauges()).hasSize(4);
    }

    @Test
    void aRealmThatIsGoneLosesItsSeries() {
        EscrowGauges.update("acme", Map.of("ESCROWED", 10L));
        EscrowGauges.update("globex", Map.of("ESCROWED", 3L));

        EscrowGauges.retainRealms(Set.of("globex"));

        assertThat(registry.find("bitlocker.devices").tag("realm", "acme").gauges()).isEmpty();
        assertThat(value("globex", "ESCROWED")).isEqualTo(3.0);
    }
}
