package io.keygate.bitlocker.ticketing.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void secondsAreADelay() {
        assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void anHttpDateIsAMomentToWaitFor() {
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 09:59:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void absurdlyLongDelaysDoNotOverflow() {
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).hasValueSatisfying(
                wait -> assertThat(wait).isGreaterThan(Duration.ofHours(1)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "25 Nov 2026"})
    void unreadableValuesAreIgnored(String value) {
        assertThat(RetryAfter.parse(value, NOW)).isEmpty();
    }
}
