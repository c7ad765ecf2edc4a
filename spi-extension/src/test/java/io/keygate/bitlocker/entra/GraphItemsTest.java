package io.keygate.bitlocker.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keygate.bitlocker.model.Encryption;
import io.keygate.bitlocker.model.StagedItem;
import io.keygate.bitlocker.model.VolumeType;
import org.junit.jupiter.api.Test;

class GraphItemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void volumeTypeArrivesAsANumberOrAsAName() {
        assertThat(GraphItems.volumeType("1")).isEqualTo(VolumeType.OPERATING_SYSTEM);
        assertThat(GraphItems.volumeType("operatingSystemVolume")).isEqualTo(VolumeType.OPERATING_SYSTEM);
        assertThat(GraphItems.volumeType("2")).isEqualTo(VolumeType.FIXED_DATA);
        assertThat(GraphItems.volumeType("fixedDataVolume")).isEqualTo(VolumeType.FIXED_DATA);
        assertThat(GraphItems.volumeType("3")).isEqualTo(VolumeType.REMOVABLE_DATA);
        assertThat(GraphItems.volumeType("removableDataVolume")).isEqualTo(VolumeType.REMOVABLE_DATA);
        assertThat(GraphItems.volumeType("unknownFutureValue")).isNull();
        assertThat(GraphItems.volumeType("4")).isNull();
    }

    @Test
    void aKeyIsStagedWithLowerCaseIdsAndItsCreationTime() throws Exception {
        StagedItem key = GraphItems.key(json("{'id':'B465E4E8-E4E6-4e51-8DB7-6F8D9E0D2C8A','createdDateTime':"
                + "'2026-11-30T10:15:00Z','volumeType':'1','deviceId':'1AB4E7B0-0000-4000-8000-00000000ABCD'}"));

        assertThat(key.kind()).isEqualTo(StagedItem.Kind.KEY);
        assertThat(key.itemId()).isEqualTo("b465e4e8-e4e6-4e51-8db7-6f8d9e0d2c8a");
        assertThat(key.deviceId()).isEqualTo("1ab4e7b0-0000-4000-8000-00000000abcd");
        assertThat(key.volumeType()).isEqualTo(VolumeType.OPERATING_SYSTEM);
        assertThat(key.createdAt()).isEqualTo(java.time.Instant.parse("2026-11-30T10:15:00Z").toEpochMilli());
        assertThat(key.value()).isNull();
    }

    @Test
    void aKeyWithoutGuidsOrWithAnUnknownVolumeIsSkipped() throws Exception {
        assertThat(GraphItems.key(json("{'id':'x','deviceId':'1ab4e7b0-0000-4000-8000-00000000abcd','volumeType':'1'}"))).isNull();
        assertThat(GraphItems.key(json("{'id':'b465e4e8-e4e6-4e51-8db7-6f8d9e0d2c8a','deviceId':'1ab4e7b0-0000-4000-8000-00000000abcd',"
                + "'volumeType':'unknownFutureValue'}"))).isNull();
    }

    @Test
    void intuneReportsABackupFailureAmongOtherFlags() throws Exception {
        assertThat(GraphItems.encryption(json("{'encryptionState':'encrypted','advancedBitLockerStates':"
                + "'osVolumeUnprotected, recoveryKeyBackupFailed'}"))).isEqualTo(Encryption.FAILED);
        assertThat(GraphItems.encryption(json("{'encryptionState':'encrypted','advancedBitLockerStates':'success'}")))
                .isEqualTo(Encryption.ENCRYPTED);
        assertThat(GraphItems.encryption(json("{'encryptionState':'notEncrypted','advancedBitLockerStates':'osVolumeUnprotected'}")))
                .isEqualTo(Encryption.NOT_ENCRYPTED);
    }
}
