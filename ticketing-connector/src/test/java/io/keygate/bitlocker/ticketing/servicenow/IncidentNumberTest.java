package io.keygate.bitlocker.ticketing.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.keygate.bitlocker.ticketing.KeyInjectionAttempts;
import io.keygate.bitlocker.ticketing.SimulatedSystem;
import io.keygate.bitlocker.ticketing.TicketingSettings.AuthType;

/** Only {@code INC0012345}-shaped numbers pass, and anything else is refused before a request is made. */
class IncidentNumberTest {

    static SimulatedSystem serviceNow;

    @BeforeAll
    static void start() {
        serviceNow = SimulatedSystem.serviceNow(AuthType.BASIC);
    }

    @AfterAll
    static void stop() throws IOException {
        serviceNow.close();
    }

    static Stream<String> attempts() {
        return KeyInjectionAttempts.serviceNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"INC0012345", "INC0000001", "INC1234567890"})
    void wellFormedNumbersPass(String number) {
        assertThat(serviceNow.provider().isWellFormedKey(number)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("attempts")
    void malformedNumbersAreRefusedWithoutARequest(String number) {
        assertThat(serviceNow.provider().isWellFormedKey(number)).isFalse();
        assertThatThrownBy(() -> serviceNow.provider().fetch(serviceNow.settings(), number))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> serviceNow.provider().annotate(serviceNow.settings(), number, SimulatedSystem.annotation()))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(serviceNow.simulator().requests()).isEmpty();
    }

    @Test
    void noNumberIsRefused() {
        assertThat(serviceNow.provider().isWellFormedKey(null)).isFalse();
        assertThatThrownBy(() -> serviceNow.provider().fetch(serviceNow.settings(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(serviceNow.simulator().requests()).isEmpty();
    }
}
