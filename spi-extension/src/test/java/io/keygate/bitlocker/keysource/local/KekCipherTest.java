package io.keygate.bitlocker.keysource.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import io.keygate.bitlocker.escrow.RecoveryPasswords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KekCipherTest {

    private static final String REALM = "3e0a4c8e-realm";
    private static final String DEVICE = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String KEY = "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d";
    private static final String OTHER = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
    private static final String PASSWORD = RecoveryPasswords.sample(7);
    private static final String AAD = KekCipher.associatedData(REALM, DEVICE, KEY);

    private static byte[] kek(int seed) {
        byte[] kek = new byte[32];
        for (int i = 0; i < kek.length; i++) {
            kek[i] = (byte) (seed * 31 + i);
        }
        return kek;
    }

    private final KekCipher cipher = new KekCipher(kek(1));

    @Test
    void aPasswordDecryptsToItselfWithTheSameKekAndAssociatedData() throws GeneralSecurityException {
        String ciphertext = cipher.encrypt(PASSWORD, AAD);

        assertThat(cipher.decrypt(ciphertext, AAD)).isEqualTo(PASSWORD);
    }

    @Test
    void anotherCipherInstanceWithTheSameKekDecrypts() throws GeneralSecurityException {
        String ciphertext = cipher.encrypt(PASSWORD, AAD);

        assertThat(new KekCipher(kek(1)).decrypt(ciphertext, AAD)).isEqualTo(PASSWORD);
    }

    @Test
    void aDifferentKekCannotDecrypt() {
        String ciphertext = cipher.encrypt(PASSWORD, AAD);

        assertThatThrownBy(() -> new KekCipher(kek(2)).decrypt(ciphertext, AAD))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aCiphertextCopiedToAnotherDeviceDoesNotDecrypt() {
        String ciphertext = cipher.encrypt(PASSWORD, AAD);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, KekCipher.associatedData(REALM, OTHER, KEY)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aCiphertextCopiedToAnotherKeyIdDoesNotDecrypt() {
        String ciphertext = cipher.encrypt(PASSWORD, AAD);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, KekCipher.associatedData(REALM, DEVICE, OTHER)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aCiphertextCopiedToAnotherRealmDoesNotDecrypt() {
        String ciphertext = cipher.encrypt(PASSWORD, AAD);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, KekCipher.associatedData("other-realm", DEVICE, KEY)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void theAssociatedDataNamesRealmDeviceAndKey() {
        assertThat(KekCipher.associatedData("r", "d", "k")).isEqualTo("r|d|k");
    }

    @ParameterizedTest(name = "byte {0}")
    @ValueSource(ints = {0, 11, 12, 20, -1})
    void aTamperedCiphertextDoesNotDecrypt(int position) {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(PASSWORD, AAD));
        int at = position < 0 ? raw.length + position : position;
        raw[at] ^= 0x01;
        String tampered = Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt(tampered, AAD)).isInstanceOf(GeneralSecurityException.class);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 12, 28, 40, 76})
    void aTruncatedCiphertextDoesNotDecrypt(int length) {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(PASSWORD, AAD));
        assertThat(raw.length).isGreaterThan(length);
        String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, length));

        assertThatThrownBy(() -> cipher.decrypt(truncated, AAD)).isInstanceOf(GeneralSecurityException.class);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {13, 20, 27})
    void aCiphertextShorterThanNonceAndTagIsRefusedAsNotOurs(int length) {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(PASSWORD, AAD));
        String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, length));

        assertThatThrownBy(() -> cipher.decrypt(truncated, AAD)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aCiphertextThatIsNotBase64IsRefusedAsNotOurs() {
        assertThatThrownBy(() -> cipher.decrypt("not base64!", AAD)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void twoEncryptionsOfTheSamePasswordDiffer() {
        Set<String> ciphertexts = new HashSet<>();
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String ciphertext = cipher.encrypt(PASSWORD, AAD);
            ciphertexts.add(ciphertext);
            nonces.add(Base64.getEncoder().encodeToString(Arrays.copyOf(Base64.getDecoder().decode(ciphertext), 12)));
        }

        assertThat(ciphertexts).hasSize(50);
        assertThat(nonces).hasSize(50);
    }

    @Test
    void theCiphertextHoldsNonceCiphertextAndTag() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(PASSWORD, AAD));

        assertThat(raw).hasSize(12 + PASSWORD.getBytes(StandardCharsets.UTF_8).length + 16);
    }

    @Test
    void theCiphertextDoesNotContainThePassword() {
        String ciphertext = cipher.encrypt(PASSWORD, AAD);
        byte[] raw = Base64.getDecoder().decode(ciphertext);
        String rawAsText = new String(raw, StandardCharsets.ISO_8859_1);

        assertThat(ciphertext).doesNotContain(PASSWORD);
        assertThat(rawAsText).doesNotContain(PASSWORD);
        for (String group : PASSWORD.split("-")) {
            assertThat(rawAsText).doesNotContain(group);
        }
    }

    @Test
    void theFingerprintIsStableAndShort() {
        assertThat(KekCipher.fingerprint(kek(1))).isEqualTo(KekCipher.fingerprint(kek(1))).matches("[0-9a-f]{16}");
        assertThat(cipher.kekId()).isEqualTo(KekCipher.fingerprint(kek(1)));
    }

    @Test
    void differentKeksHaveDifferentFingerprints() {
        Set<String> fingerprints = new HashSet<>();
        for (int seed = 0; seed < 100; seed++) {
            fingerprints.add(KekCipher.fingerprint(kek(seed)));
        }

        assertThat(fingerprints).hasSize(100);
    }

    @Test
    void theFingerprintDoesNotRevealTheKek() {
        byte[] kek = kek(1);
        String hexOfKek = HexFormat.of().formatHex(kek);

        assertThat(hexOfKek).doesNotContain(KekCipher.fingerprint(kek));
    }

    @Test
    void theCipherKeepsItsOwnCopyOfTheKek() throws GeneralSecurityException {
        byte[] kek = kek(3);
        KekCipher own = new KekCipher(kek);
        String ciphertext = own.encrypt(PASSWORD, AAD);

        Arrays.fill(kek, (byte) 0);

        assertThat(own.decrypt(ciphertext, AAD)).isEqualTo(PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 24, 31, 33})
    void aKekThatIsNot256BitsIsRefused(int length) {
        assertThatThrownBy(() -> new KekCipher(new byte[length])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bits");
    }

    @Test
    void aMissingKekIsRefused() {
        assertThatThrownBy(() -> new KekCipher(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyPackageOpensOnlyAsAKeyPackageOfItsKey() throws GeneralSecurityException {
        byte[] keyPackage = new byte[100 * 1024];
        for (int i = 0; i < keyPackage.length; i++) {
            keyPackage[i] = (byte) i;
        }
        String packageData = KekCipher.keyPackageAssociatedData(REALM, DEVICE, KEY);
        String ciphertext = cipher.encrypt(keyPackage, packageData);

        assertThat(cipher.decryptBytes(ciphertext, packageData)).isEqualTo(keyPackage);
        // Not in the password's place, nor as another key's package.
        assertThatThrownBy(() -> cipher.decryptBytes(ciphertext, AAD)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cipher.decryptBytes(ciphertext, KekCipher.keyPackageAssociatedData(REALM, DEVICE, OTHER)))
                .isInstanceOf(GeneralSecurityException.class);
    }
}
