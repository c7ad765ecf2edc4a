package io.keygate.bitlocker.keysource.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.keygate.bitlocker.keysource.DeviceReport;
import io.keygate.bitlocker.model.VolumeType;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** What the sync makes of AD's recovery objects: Windows GUIDs, the time in the name, the newest key per volume. */
class RecoveryObjectTest {

    @Test
    void windowsGuidsHaveTheirFirstThreeFieldsLittleEndian() {
        byte[] stored = {0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, (byte) 0x88, (byte) 0x99, (byte) 0xaa, (byte) 0xbb,
                (byte) 0xcc, (byte) 0xdd, (byte) 0xee, (byte) 0xff};
        assertThat(WindowsGuid.toText(stored)).isEqualTo("00112233-4455-6677-8899-aabbccddeeff");
        assertThat(WindowsGuid.toBytes("00112233-4455-6677-8899-aabbccddeeff")).isEqualTo(stored);
        assertThat(WindowsGuid.filterValue("00112233-4455-6677-8899-aabbccddeeff")).startsWith("\\33\\22\\11\\00\\55\\44");
        assertThat(WindowsGuid.toText(new byte[3])).isNull();
    }

    @Test
    void theObjectsNameCarriesItsTimeWithItsOffset() {
        assertThat(RecoveryObject.createdAt("2013-09-25T14:35:29-08:00{6B5C4E0A-1111-2222-3333-444455556666}"))
                .isEqualTo(Instant.parse("2013-09-25T22:35:29Z").toEpochMilli());
        assertThat(RecoveryObject.createdAt("no time here")).isNull();
    }

    @Test
    void theParentIsFoundPastEscapedCommas() {
        assertThat(RecoveryObject.parentOf("CN=2026-12-01T02:00:00-08:00{X},CN=PC\\,1,OU=Laptops,DC=corp"))
                .isEqualTo("cn=pc\\,1,ou=laptops,dc=corp");
    }

    @Test
    void perVolumeTheNewestKeyIsActiveAndOlderOnesAreSuperseded() {
        RecoveryObject old = new RecoveryObject("dn1", "pc", "a", "v1", 1000L);
        RecoveryObject newer = new RecoveryObject("dn2", "pc", "b", "v1", 2000L);
        RecoveryObject other = new RecoveryObject("dn3", "pc", "c", "v2", 500L);
        List<DeviceReport.ReportedKey> keys = ActiveDirectorySyncRun.reported(List.of(old, newer, other), Set.of("b"));
        assertThat(keys).extracting(DeviceReport.ReportedKey::keyId, DeviceReport.ReportedKey::superseded,
                DeviceReport.ReportedKey::keyPackageAtSource).containsExactly(Tuple.tuple("a", true, false),
                        Tuple.tuple("b", false, true), Tuple.tuple("c", false, false));
        assertThat(keys).allMatch(k -> k.volumeType() == VolumeType.UNKNOWN && k.recoveryPassword() == null);
    }
}
