package io.keygate.bitlocker.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.TestDevices;
import org.junit.jupiter.api.Test;

class AttentionDigestTest {

    private static final long DAY = 86_400_000L;

    @Test
    void aRealmThatNeverHadADigestIsDue() {
        assertThat(AttentionDigest.due(null, 5 * DAY, DAY)).isTrue();
    }

    @Test
    void aDigestIsDueADayAfterTheLastLessFiveMinutesOfSlack() {
        long last = 10 * DAY;
        assertThat(AttentionDigest.due(last, last + DAY - 300_001L, DAY)).isFalse();
        assertThat(AttentionDigest.due(last, last + DAY - 300_000L, DAY)).isTrue();
        assertThat(AttentionDigest.due(last, last + 2 * DAY, DAY)).isTrue();
    }

    @Test
    void shortIntervalsHaveATenthOfSlack() {
        assertThat(AttentionDigest.due(0L, 2_699L, 3_000L)).isFalse();
        assertThat(AttentionDigest.due(0L, 2_700L, 3_000L)).isTrue();
    }

    @Test
    void theTemplateSeesCountsEachDeviceWithItsOwnerAndOverdueRotations() {
        Map<EscrowStatus, Long> counts = new EnumMap<>(EscrowStatus.class);
        counts.put(EscrowStatus.ESCROWED, 10L);
        counts.put(EscrowStatus.PENDING, 1L);
        counts.put(EscrowStatus.FAILED, 1L);
        counts.put(EscrowStatus.NOT_AVAILABLE, 0L);
        DeviceModel failed = TestDevices.device("0f8fad5b-d9cb-469f-a165-70867728950e", "NO-KEY-PC", EscrowStatus.FAILED, 0L,
                new DeviceOwner(null, null, "olivia@example.test"));
        DeviceModel released = TestDevices.device("7c9e6679-7425-40de-944b-e07fc1f90ae7", "RELEASED-PC",
                EscrowStatus.ESCROWED, 0L, null);
        RotationModel rotation = TestDevices.pendingRotation(released, DAY, "hannah");

        Map<String, Object> attributes = AttentionDigest.attributes(counts, List.of(failed), List.of(rotation));

        assertThat(attributes.get("counts")).isEqualTo(Map.of("ESCROWED", 10L, "PENDING", 1L, "FAILED", 1L, "NOT_AVAILABLE", 0L));
        assertThat(attributes.get("devices")).isEqualTo(List.of(Map.of("deviceName", "NO-KEY-PC",
                "deviceId", "0f8fad5b-d9cb-469f-a165-70867728950e", "status", "FAILED",
                "since", "1970-01-01 00:00:00 UTC", "owner", "olivia@example.test")));
        assertThat(attributes.get("rotations")).isEqualTo(List.of(Map.of("deviceName", "RELEASED-PC",
                "deviceId", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "status", "PENDING",
                "requested", "1970-01-02 00:00:00 UTC", "requestedBy", "hannah")));
        assertThat(attributes.get("capped")).isEqualTo(false);
    }
}
