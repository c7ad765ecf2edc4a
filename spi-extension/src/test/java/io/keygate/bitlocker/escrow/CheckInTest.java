package io.keygate.bitlocker.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.keygate.bitlocker.keysource.RecoveryPasswordFormat;
import io.keygate.bitlocker.model.Encryption;
import io.keygate.bitlocker.model.VolumeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CheckInTest {

    static final String DEVICE_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    static final String KEY_ID = "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d";
    static final String OTHER_KEY_ID = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
    static final String PASSWORD = RecoveryPasswords.sample(1);
    static final String OTHER_PASSWORD = RecoveryPasswords.sample(2);

    static CheckInRequest.EscrowedKey key(String keyId, String password, String volumeType) {
        return new CheckInRequest.EscrowedKey(keyId, password, volumeType, null);
    }

    static CheckInRequest.EscrowedKey osKey() {
        return key(KEY_ID, PASSWORD, "OPERATING_SYSTEM");
    }

    static CheckInRequest request(String name, String owner, String encryption, List<CheckInRequest.EscrowedKey> keys) {
        return new CheckInRequest(name, owner, encryption, keys);
    }

    static CheckInRequest validRequest() {
        return request("LAPTOP-042", "alice", "ENCRYPTED", List.of(osKey()));
    }

    static String rejectionOf(String deviceId, CheckInRequest request) {
        try {
            CheckIn.validate(deviceId, request);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the check-in to be rejected: " + request);
    }

    static String rejectionOf(CheckInRequest request) {
        return rejectionOf(DEVICE_ID, request);
    }

    static List<CheckInRequest.EscrowedKey> keys(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> key(String.format("00000000-0000-4000-8000-%012d", i), RecoveryPasswords.sample(i),
                        "FIXED_DATA"))
                .toList();
    }

    // ---- a valid check-in ----

    @Test
    void aValidCheckInKeepsEveryValue() {
        CheckIn checkIn = CheckIn.validate(DEVICE_ID, request("LAPTOP-042", "alice@example.com", "ENCRYPTING",
                List.of(osKey(), key(OTHER_KEY_ID, OTHER_PASSWORD, "REMOVABLE_DATA"))));

        assertThat(checkIn.deviceId()).isEqualTo(DEVICE_ID);
        assertThat(checkIn.deviceName()).isEqualTo("LAPTOP-042");
        assertThat(checkIn.owner()).isEqualTo("alice@example.com");
        assertThat(checkIn.encryption()).isEqualTo(Encryption.ENCRYPTING);
        assertThat(checkIn.keys()).containsExactly(
                new CheckIn.Key(KEY_ID, PASSWORD, VolumeType.OPERATING_SYSTEM, null),
                new CheckIn.Key(OTHER_KEY_ID, OTHER_PASSWORD, VolumeType.REMOVABLE_DATA, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0", "{0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0}",
            "{0F1E2D3C-4b5a-6978-8796-A5B4C3D2E1F0}"})
    void theDeviceIdIsNormalisedToLowerCaseWithoutBraces(String raw) {
        assertThat(CheckIn.validate(raw, validRequest()).deviceId()).isEqualTo(DEVICE_ID);
    }

    @Test
    void keyIdsAreNormalisedToLowerCaseWithoutBraces() {
        CheckIn checkIn = CheckIn.validate(DEVICE_ID, request("PC", null, "ENCRYPTED",
                List.of(key("{" + KEY_ID.toUpperCase() + "}", PASSWORD, "OPERATING_SYSTEM"))));

        assertThat(checkIn.keys()).extracting(CheckIn.Key::keyId).containsExactly(KEY_ID);
    }

    @Test
    void theDeviceNameAndOwnerAreTrimmed() {
        CheckIn checkIn = CheckIn.validate(DEVICE_ID, request("  LAPTOP-042 ", " alice ", "ENCRYPTED", List.of()));

        assertThat(checkIn.deviceName()).isEqualTo("LAPTOP-042");
        assertThat(checkIn.owner()).isEqualTo("alice");
    }

    @Test
    void theOwnerIsOptional() {
        assertThat(CheckIn.validate(DEVICE_ID, request("PC", null, "ENCRYPTED", List.of())).owner()).isNull();
    }

    @Test
    void aDeviceWithoutKeysChecksInWithAnEmptyList() {
        assertThat(CheckIn.validate(DEVICE_ID, request("PC", null, "NOT_ENCRYPTED", List.of())).keys()).isEmpty();
    }

    @Test
    void aDeviceNameOf255CharactersIsAccepted() {
        String name = "n".repeat(255);

        assertThat(CheckIn.validate(DEVICE_ID, request(name, null, "ENCRYPTED", List.of())).deviceName())
                .isEqualTo(name);
    }

    @Test
    void aUnicodeDeviceNameIsAccepted() {
        assertThat(CheckIn.validate(DEVICE_ID, request("Müller-ПК-💻", null, "ENCRYPTED", List.of())).deviceName())
                .isEqualTo("Müller-ПК-💻");
    }

    @ParameterizedTest
    @EnumSource(Encryption.class)
    void everyEncryptionStateIsAccepted(Encryption encryption) {
        assertThat(CheckIn.validate(DEVICE_ID, request("PC", null, encryption.name(), List.of())).encryption())
                .isEqualTo(encryption);
    }

    @ParameterizedTest
    @EnumSource(value = VolumeType.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyVolumeTypeIsAccepted(VolumeType volumeType) {
        CheckIn checkIn = CheckIn.validate(DEVICE_ID, request("PC", null, "ENCRYPTED",
                List.of(key(KEY_ID, PASSWORD, volumeType.name()))));

        assertThat(checkIn.keys()).extracting(CheckIn.Key::volumeType).containsExactly(volumeType);
    }

    /** An agent knows its volumes; UNKNOWN is for key sources that record none (Active Directory). */
    @org.junit.jupiter.api.Test
    void anAgentCannotReportAnUnknownVolume() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CheckIn.validate(DEVICE_ID, request("PC", null, "ENCRYPTED",
                List.of(key(KEY_ID, PASSWORD, "UNKNOWN"))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volumeType");
    }

    @Test
    void sixtyFourKeysAreAccepted() {
        assertThat(CheckIn.validate(DEVICE_ID, request("PC", null, "ENCRYPTED", keys(64))).keys()).hasSize(64);
    }

    // ---- the device ID ----

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"not-a-guid", "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "{0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0}", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fg",
            " 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\n",
            "(0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0)"})
    void aDeviceIdThatIsNotAGuidIsRejected(String deviceId) {
        assertThat(rejectionOf(deviceId, validRequest())).contains("device ID");
    }

    // ---- the device name ----

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void aMissingOrBlankDeviceNameIsRejected(String name) {
        assertThat(rejectionOf(request(name, null, "ENCRYPTED", List.of()))).contains("'deviceName'");
    }

    @Test
    void aDeviceNameOver255CharactersIsRejected() {
        assertThat(rejectionOf(request("n".repeat(256), null, "ENCRYPTED", List.of()))).contains("'deviceName'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PC\u0000", "PC\n01", "PC\r01", "PC\t01", "PC\u001f01", "PC\u007f", "PC\u009b01"})
    void aDeviceNameWithControlCharactersIsRejected(String name) {
        assertThat(rejectionOf(request(name, null, "ENCRYPTED", List.of()))).contains("'deviceName'");
    }

    // ---- the owner ----

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankOwnerIsRejected(String owner) {
        assertThat(rejectionOf(request("PC", owner, "ENCRYPTED", List.of()))).contains("'owner'");
    }

    @Test
    void anOwnerOver255CharactersIsRejected() {
        assertThat(rejectionOf(request("PC", "o".repeat(256), "ENCRYPTED", List.of()))).contains("'owner'");
    }

    // ---- enums ----

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"encrypted", "Encrypted", "ENCRYPTED ", "DECRYPTED", "0"})
    void anEncryptionStateThatIsNotExactlyOneOfTheFourIsRejected(String encryption) {
        assertThat(rejectionOf(request("PC", null, encryption, List.of()))).contains("'encryption'");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"operating_system", "OperatingSystem", "OS", "OPERATING_SYSTEM "})
    void aVolumeTypeThatIsNotExactlyOneOfTheThreeIsRejected(String volumeType) {
        assertThat(rejectionOf(request("PC", null, "ENCRYPTED", List.of(key(KEY_ID, PASSWORD, volumeType)))))
                .contains("'volumeType'");
    }

    // ---- keys ----

    @Test
    void missingKeysAreRejected() {
        assertThat(rejectionOf(request("PC", null, "ENCRYPTED", null))).contains("'keys'");
    }

    @Test
    void moreThan64KeysAreRejected() {
        assertThat(rejectionOf(request("PC", null, "ENCRYPTED", keys(65)))).contains("64");
    }

    @Test
    void aNullKeyEntryIsRejected() {
        List<CheckInRequest.EscrowedKey> keys = new ArrayList<>();
        keys.add(osKey());
        keys.add(null);

        assertThat(rejectionOf(request("PC", null, "ENCRYPTED", keys))).contains("null");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1a2b3c4d", "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2", "zz2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d"})
    void aKeyIdThatIsNotAGuidIsRejected(String keyId) {
        assertThat(rejectionOf(request("PC", null, "ENCRYPTED", List.of(key(keyId, PASSWORD, "FIXED_DATA")))))
                .contains("'keyId'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1A2B3C4D-5E6F-4A0B-9C8D-7E6F5A4B3C2D", "{1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d}"})
    void aKeyIdListedTwiceInAnotherSpellingIsRejected(String sameKeyId) {
        String message = rejectionOf(request("PC", null, "ENCRYPTED",
                List.of(osKey(), key(sameKeyId, OTHER_PASSWORD, "FIXED_DATA"))));

        assertThat(message).contains(KEY_ID).contains("twice");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "123456-234564-345675-456786-567897-679008-000000-720885",
            "720896-234564-345675-456786-567897-679008-000000-720885",
            "123453-234564-345675-456786-567897-679008-000000",
            "123453234564345675456786567897679008000000720885",
            " 123453-234564-345675-456786-567897-679008-000000-720885",
    })
    void aKeyWithoutAValidRecoveryPasswordIsRejected(String password) {
        String message = rejectionOf(request("PC", null, "ENCRYPTED", List.of(key(KEY_ID, password, "FIXED_DATA"))));

        assertThat(message).contains(KEY_ID).contains("recovery password");
        if (password != null && !password.isEmpty()) {
            assertThat(message).doesNotContain(password.trim());
        }
    }

    @Test
    void oneInvalidKeyRejectsTheWholeCheckIn() {
        String message = rejectionOf(request("PC", null, "ENCRYPTED",
                List.of(osKey(), key(OTHER_KEY_ID, "000001-000000-000000-000000-000000-000000-000000-000000",
                        "FIXED_DATA"))));

        assertThat(message).contains(OTHER_KEY_ID);
    }

    // ---- no password in messages or toString ----

    static Stream<Arguments> rejectedCheckInsCarryingAValidPassword() {
        List<CheckInRequest.EscrowedKey> nullEntry = new ArrayList<>(List.of(osKey()));
        nullEntry.add(null);
        List<CheckInRequest.EscrowedKey> tooMany = new ArrayList<>(keys(64));
        tooMany.add(osKey());
        return Stream.of(
                Arguments.of("bad device id", "nope", validRequest()),
                Arguments.of("bad name", DEVICE_ID, request("", null, "ENCRYPTED", List.of(osKey()))),
                Arguments.of("bad owner", DEVICE_ID, request("PC", " ", "ENCRYPTED", List.of(osKey()))),
                Arguments.of("bad encryption", DEVICE_ID, request("PC", null, "on", List.of(osKey()))),
                Arguments.of("too many keys", DEVICE_ID, request("PC", null, "ENCRYPTED", tooMany)),
                Arguments.of("null entry", DEVICE_ID, request("PC", null, "ENCRYPTED", nullEntry)),
                Arguments.of("bad key id", DEVICE_ID, request("PC", null, "ENCRYPTED",
                        List.of(osKey(), key("nope", OTHER_PASSWORD, "FIXED_DATA")))),
                Arguments.of("password in the key id", DEVICE_ID, request("PC", null, "ENCRYPTED",
                        List.of(osKey(), key(OTHER_PASSWORD, OTHER_PASSWORD, "FIXED_DATA")))),
                Arguments.of("duplicate key", DEVICE_ID, request("PC", null, "ENCRYPTED",
                        List.of(osKey(), key(KEY_ID, OTHER_PASSWORD, "FIXED_DATA")))),
                Arguments.of("bad volume type", DEVICE_ID, request("PC", null, "ENCRYPTED",
                        List.of(osKey(), key(OTHER_KEY_ID, OTHER_PASSWORD, "os")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedCheckInsCarryingAValidPassword")
    void noRejectionMessageContainsARecoveryPassword(String why, String deviceId, CheckInRequest request) {
        String message = rejectionOf(deviceId, request);

        assertThat(message).isNotBlank().doesNotContain(PASSWORD).doesNotContain(OTHER_PASSWORD);
        for (String group : (PASSWORD + "-" + OTHER_PASSWORD).split("-")) {
            assertThat(message).doesNotContain(group);
        }
    }

    @Test
    void theRequestsToStringNeverShowsAPassword() {
        CheckInRequest request = request("PC", "alice", "ENCRYPTED",
                List.of(osKey(), key(OTHER_KEY_ID, OTHER_PASSWORD, "FIXED_DATA")));

        assertThat(osKey().toString()).contains(KEY_ID).contains("OPERATING_SYSTEM").doesNotContain(PASSWORD);
        assertThat(request.toString()).contains(KEY_ID).contains(OTHER_KEY_ID)
                .doesNotContain(PASSWORD).doesNotContain(OTHER_PASSWORD);
    }

    @Test
    void theValidatedCheckInsToStringNeverShowsAPassword() {
        CheckIn checkIn = CheckIn.validate(DEVICE_ID, request("PC", "alice", "ENCRYPTED",
                List.of(osKey(), key(OTHER_KEY_ID, OTHER_PASSWORD, "FIXED_DATA"))));

        assertThat(checkIn.keys().get(0).toString()).contains(KEY_ID).doesNotContain(PASSWORD);
        assertThat(checkIn.toString()).contains(KEY_ID).contains(OTHER_KEY_ID)
                .doesNotContain(PASSWORD).doesNotContain(OTHER_PASSWORD);
    }

    @Test
    void theValidatedKeyStillCarriesThePasswordForEscrow() {
        CheckIn checkIn = CheckIn.validate(DEVICE_ID, validRequest());

        assertThat(checkIn.keys().get(0).recoveryPassword()).isEqualTo(PASSWORD);
    }

    @Test
    void anEmptyCheckInIsRejectedAsABadRequest() {
        assertThatThrownBy(() -> CheckIn.validate(DEVICE_ID, request(null, null, null, null)))
                .isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFixturePasswordsAreDistinctAndValid() {
        // otherwise the "no password in messages" tests above would prove nothing
        assertThat(PASSWORD).isNotEqualTo(OTHER_PASSWORD);
        assertThat(RecoveryPasswordFormat.isValid(PASSWORD)).isTrue();
        assertThat(RecoveryPasswordFormat.isValid(OTHER_PASSWORD)).isTrue();
    }

    // ---- key packages ----

    static CheckInRequest withKeyPackage(String base64) {
        return request("PC", null, "ENCRYPTED", List.of(new CheckInRequest.EscrowedKey(KEY_ID, PASSWORD, "OPERATING_SYSTEM", base64)));
    }

    @Test
    void aKeyPackageUpTo100KiBIsDecoded() {
        byte[] largest = new byte[CheckIn.MAX_KEY_PACKAGE_BYTES];
        largest[0] = 7;
        byte[] kept = CheckIn.validate(DEVICE_ID, withKeyPackage(java.util.Base64.getEncoder().encodeToString(largest)))
                .keys().get(0).keyPackage();
        assertThat(kept).isEqualTo(largest);
        assertThat(CheckIn.validate(DEVICE_ID, validRequest()).keys().get(0).keyPackage()).isNull();
    }

    @Test
    void aKeyPackageOver100KiBIsRefused() {
        String tooLarge = java.util.Base64.getEncoder().encodeToString(new byte[CheckIn.MAX_KEY_PACKAGE_BYTES + 1]);
        assertThat(rejectionOf(withKeyPackage(tooLarge))).contains("100 KiB").doesNotContain(tooLarge.substring(0, 16));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "QUJD\nREVG", "QUJD=REVG"})
    void aKeyPackageThatIsNotBase64OrEmptyIsRefused(String value) {
        assertThat(rejectionOf(withKeyPackage(value))).contains("key package of key " + KEY_ID);
    }
}
