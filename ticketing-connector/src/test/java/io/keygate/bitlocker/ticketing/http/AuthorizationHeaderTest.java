package io.keygate.bitlocker.ticketing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.keygate.bitlocker.ticketing.TicketingUnavailableException;

class AuthorizationHeaderTest {

    @Test
    void basicIsBase64OfUserColonSecretInUtf8() throws TicketingUnavailableException {
        assertThat(AuthorizationHeader.basic("anna@example.test", "pässword"))
                .isEqualTo("Basic YW5uYUBleGFtcGxlLnRlc3Q6cMOkc3N3b3Jk");
    }

    @Test
    void bearerCarriesTheTokenAsIs() throws TicketingUnavailableException {
        assertThat(AuthorizationHeader.bearer("NjQ4.pat")).isEqualTo("Bearer NjQ4.pat");
    }

    @Test
    void aSecretThatCouldSplitTheHeaderIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> AuthorizationHeader.bearer("s3cr3t\r\nX-Evil: yes"))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("control characters")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void missingCredentialsAreAConfigurationProblem() {
        assertThatThrownBy(() -> AuthorizationHeader.basic("user", ""))
                .isInstanceOf(TicketingUnavailableException.class)
                .hasMessageContaining("not configured");
        assertThatThrownBy(() -> AuthorizationHeader.bearer(null)).isInstanceOf(TicketingUnavailableException.class);
    }
}
