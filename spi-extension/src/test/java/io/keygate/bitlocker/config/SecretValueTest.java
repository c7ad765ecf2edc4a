package io.keygate.bitlocker.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretValueTest {

    @ParameterizedTest
    @ValueSource(strings = {"${vault.bitlocker-kek}", "${vault.x}", "${vault.realm_secret.v2}"})
    void aVaultReferenceIsRecognised(String value) {
        assertThat(SecretValue.isVaultReference(value)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "${vault.}", "${vault.x", "$vault.x}", "x${vault.x}", "${vault.x}x", "${env.KEK}",
            "{vault.x}", "vault.x"})
    void anythingElseIsNotAVaultReference(String value) {
        assertThat(SecretValue.isVaultReference(value)).isFalse();
    }

    @Test
    void aLiteralSecretIsMasked() {
        assertThat(SecretValue.masked("s3cret")).isEqualTo("**********");
    }

    @Test
    void theMaskIsTheMarkerKeycloaksAdminApiUses() {
        assertThat(SecretValue.MASK).isEqualTo("**********");
    }

    @Test
    void aVaultReferenceIsShownAsItIs() {
        assertThat(SecretValue.masked("${vault.bitlocker-kek}")).isEqualTo("${vault.bitlocker-kek}");
    }

    @Test
    void anEmptyOrMissingSecretStaysEmpty() {
        assertThat(SecretValue.masked("")).isEmpty();
        assertThat(SecretValue.masked(null)).isNull();
    }
}
