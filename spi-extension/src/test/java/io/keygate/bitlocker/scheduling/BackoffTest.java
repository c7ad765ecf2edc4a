package io.keygate.bitlocker.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest(name = "attempt {0} -> {1} ms")
    @CsvSource({"1, 30000", "2, 60000", "3, 120000", "5, 480000", "7, 1920000", "8, 3600000", "60, 3600000"})
    void theWaitDoublesAfterEachFailureUpToAnHour(int attempts, long expected) {
        assertThat(Backoff.after(30_000, attempts)).isEqualTo(expected);
    }

    @Test
    void aFirstAttemptCountedAsZeroWaitsTheRetryInterval() {
        assertThat(Backoff.after(1_000, 0)).isEqualTo(1_000);
    }
}
