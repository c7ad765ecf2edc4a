package io.keygate.bitlocker.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Fleet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class (see junit-platform.properties): the server log of the whole
 * run — escrows, reveals, denials, failures at DEBUG level for the extension — must not contain
 * any recovery password or key package the tests handed to the server, nor anything shaped like a password.
 */
@Order(Integer.MAX_VALUE)
class ServerLogHasNoRecoveryPasswordTest {

    @Test
    void noRecoveryPasswordReachedTheServerLog() throws IOException {
        Path log = BitLockerServerConfig.serverLog();
        assertThat(log).exists();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text).as("the log of a server that ran the extension").contains("bitlocker-changelog-master.xml");

        for (String password : Fleet.ISSUED) {
            assertThat(text).as("server log contains an issued recovery password").doesNotContain(password);
        }
        assertThat(text).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
        for (String keyPackage : Fleet.ISSUED_KEY_PACKAGES) {
            // Any 32 characters of it would do; its start is where a message would begin quoting it.
            assertThat(text).as("server log contains an issued key package").doesNotContain(keyPackage.substring(0, 32));
        }
    }
}
