package io.keygate.bitlocker.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class EscrowStatusTest {

    @ParameterizedTest
    @EnumSource(Encryption.class)
    void aDeviceWithAnActiveKeyIsEscrowedWhateverItsAgentReports(Encryption encryption) {
        assertThat(EscrowStatus.derive(encryption, true)).isEqualTo(EscrowStatus.ESCROWED);
    }

    @ParameterizedTest(name = "{0} without key -> {1}")
    @CsvSource({
            "ENCRYPTING,    PENDING",
            "ENCRYPTED,     FAILED",
            "FAILED,        FAILED",
            "NOT_ENCRYPTED, NOT_AVAILABLE",
    })
    void aDeviceWithoutAnActiveKeyTakesItsStatusFromItsEncryption(Encryption encryption, EscrowStatus expected) {
        assertThat(EscrowStatus.derive(encryption, false)).isEqualTo(expected);
    }
}
