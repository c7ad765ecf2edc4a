package io.keygate.bitlocker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class KekFormatTest {

    private static String base64OfLength(int bytes) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aBase64256BitKeyDecodesToItsBytes() {
        byte[] key = new byte[32];
        key[0] = 42;
        key[31] = -1;

        assertThat(KekFormat.decode(Base64.getEncoder().encodeToString(key))).isEqualTo(key);
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(KekFormat.decode("  " + base64OfLength(32) + "\n")).hasSize(32);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 24, 31, 33, 64})
    void aKeyThatIsNot256BitsIsRefused(int bytes) {
        assertThat(KekFormat.decode(base64OfLength(bytes))).isNull();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"not base64!", "${vault.kek}", "AQID%%%"})
    void somethingThatIsNotBase64IsRefused(String value) {
        assertThat(KekFormat.decode(value)).isNull();
    }

    @Test
    void validationNamesTheConfigKey() {
        assertThatThrownBy(() -> KekFormat.requireValid("local.kek", base64OfLength(16)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("'local.kek'")
                .hasMessageContaining("256-bit");
    }
}
