package io.keygate.bitlocker.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.keygate.bitlocker.simulators.RecordedRequest;

/** SPEC §5: a recovery password never travels to a ticketing system, not even inside a comment. */
class RecoveryPasswordNeverSentTest {

    static final String RECOVERY_PASSWORD = "123453-234564-345675-456786-567897-678908-789019-890120";

    static Stream<Named<Supplier<SimulatedSystem>>> systems() {
        return FailClosedTest.systems();
    }

    @ParameterizedTest
    @MethodSource("systems")
    void aReleaseSendsNoRecoveryPassword(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            system.provider().fetch(system.settings(), system.openTicket());
            system.provider().annotate(system.settings(), system.openTicket(), SimulatedSystem.annotation());

            assertThat(system.simulator().requests()).isNotEmpty().noneMatch(RecordedRequest::containsRecoveryPassword);
            assertThat(SimulatedSystem.annotation().text()).doesNotContainPattern(RecordedRequest.RECOVERY_PASSWORD);
        }
    }

    /** The check above can fail: a password smuggled into an annotation is seen on the wire, whatever the encoding. */
    @ParameterizedTest
    @MethodSource("systems")
    void theWireCheckWouldCatchALeak(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            TicketAnnotation leaking = new TicketAnnotation("LAPTOP " + RECOVERY_PASSWORD, SimulatedSystem.DEVICE_ID,
                    "key", "someone", Instant.now(), "audit-1");
            system.provider().annotate(system.settings(), system.openTicket(), leaking);

            assertThat(system.simulator().requests()).anyMatch(RecordedRequest::containsRecoveryPassword);
            system.simulator().clearRequests(); // the fixture's own check runs on close
        }
    }
}
