package io.keygate.bitlocker.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.keygate.bitlocker.config.BitLockerConfig;
import org.junit.jupiter.api.Test;

class ClientAccessTest {

    private static ClientAccess of(String... clients) {
        BitLockerConfig.Access access = new BitLockerConfig.Access();
        access.clients = List.of(clients);
        return new ClientAccess(access);
    }

    @Test
    void theDefaultListAcceptsAndNamesTheConsoleAndTheAccountConsoleOnly() {
        ClientAccess defaults = new ClientAccess(new BitLockerConfig.Access());

        assertThat(defaults.accepts("bitlocker-console")).isTrue();
        assertThat(defaults.accepts("account-console")).isTrue();
        assertThat(defaults.names("account-console")).isTrue();
        assertThat(defaults.accepts("admin-cli")).isFalse();
        assertThat(defaults.accepts(null)).isFalse();
    }

    @Test
    void aStarAcceptsAnyClientButNamesNone() {
        ClientAccess any = of("*");

        assertThat(any.accepts("some-app")).isTrue();
        assertThat(any.names("some-app")).isFalse();
        assertThat(any.names("*")).isFalse();
    }
}
