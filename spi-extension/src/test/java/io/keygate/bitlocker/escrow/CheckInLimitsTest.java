package io.keygate.bitlocker.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckInLimitsTest {

    private static final long HOUR = 60L * 60 * 1000;

    @Test
    void theLimitHoldsForAnHourAndOnlyTheFirstRefusalIsReported() {
        CheckInLimits limits = new CheckInLimits();
        long t0 = 1_000_000L;

        assertThat(limits.count("r", "key a", 2, t0)).isEqualTo(CheckInLimits.Verdict.ALLOWED);
        assertThat(limits.count("r", "key a", 2, t0 + 1)).isEqualTo(CheckInLimits.Verdict.ALLOWED);
        assertThat(limits.count("r", "key a", 2, t0 + 2)).isEqualTo(CheckInLimits.Verdict.REFUSED_FIRST);
        assertThat(limits.count("r", "key a", 2, t0 + HOUR - 1)).isEqualTo(CheckInLimits.Verdict.REFUSED);
        assertThat(limits.count("r", "key b", 2, t0 + 3)).isEqualTo(CheckInLimits.Verdict.ALLOWED);
        assertThat(limits.count("other realm", "key a", 2, t0 + 3)).isEqualTo(CheckInLimits.Verdict.ALLOWED);
        // A new hour, a new count and a new first refusal.
        assertThat(limits.count("r", "key a", 2, t0 + HOUR)).isEqualTo(CheckInLimits.Verdict.ALLOWED);
        assertThat(limits.count("r", "key a", 2, t0 + HOUR)).isEqualTo(CheckInLimits.Verdict.ALLOWED);
        assertThat(limits.count("r", "key a", 2, t0 + HOUR)).isEqualTo(CheckInLimits.Verdict.REFUSED_FIRST);
    }
}
