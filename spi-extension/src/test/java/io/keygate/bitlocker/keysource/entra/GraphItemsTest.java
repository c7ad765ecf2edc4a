package io.keygate.bitlocker.keysource.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keygate.bitlocker.model.Encryption;
import io.keygate.bitlocker.model.StagedItem;
import io.keygate.bitlocker.model.VolumeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    private static final String KEY_ID = "b465e4e8-e4e6-4e51-8db7-6f8d9e0d2c8a";
    private static final String DEVICE_ID = "1ab4e7b0-0000-4000-8000-00000000abcd";
    private static final String PASSWORD = "111111-222222-333333-444444-555555-666666-777777-888888";

    @Test
    void theKeyIsTakenFromAnAnswerAboutTheKeyAskedFor() throws Exception {
        assertThat(GraphItems.recoveryPassword(json("{'id':'B465E4E8-E4E6-4E51-8DB7-6F8D9E0D2C8A','deviceId':'"
                + DEVICE_ID.toUpperCase() + "','key':'" + PASSWORD + "'}"), KEY_ID, DEVICE_ID)).isEqualTo(PASSWORD);
        assertThat(GraphItems.recoveryPassword(json("{'id':'" + KEY_ID + "','key':'" + PASSWORD + "'}"), KEY_ID, DEVICE_ID))
                .as("an answer naming no device").isEqualTo(PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'id':'c465e4e8-e4e6-4e51-8db7-6f8d9e0d2c8a','deviceId':'1ab4e7b0-0000-4000-8000-00000000abcd'}", // another key
            "{'id':'b465e4e8-e4e6-4e51-8db7-6f8d9e0d2c8a','deviceId':'2ab4e7b0-0000-4000-8000-00000000abcd'}", // another device
            "{'id':'b465e4e8-e4e6-4e51-8db7-6f8d9e0d2c8a','deviceId':'not-a-guid'}",
            "{'deviceId':'1ab4e7b0-0000-4000-8000-00000000abcd'}",                                          // no ID
            "{'id':'not-a-guid'}"})
    void anAnswerAboutAnotherObjectFailsClosedWithoutTheKey(String answer) throws Exception {
        JsonNode withKey = JSON.readTree(answer.replace('\'', '"').replace("}", ",\"key\":\"" + PASSWORD + "\"}"));

        assertThatThrownBy(() -> GraphItems.recoveryPassword(withKey, KEY_ID, DEVICE_ID))
                .isInstanceOf(GraphException.class)
                .satisfies(e -> assertThat(((GraphException) e).kind()).isEqualTo(GraphException.Kind.WRONG_OBJECT))
                .hasMessageContaining(KEY_ID).hasMessageNotContaining(PASSWORD);
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
