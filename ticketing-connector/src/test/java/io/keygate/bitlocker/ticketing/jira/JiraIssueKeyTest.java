package io.keygate.bitlocker.ticketing.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.keygate.bitlocker.simulators.JiraSimulator;
import io.keygate.bitlocker.ticketing.KeyInjectionAttempts;
import io.keygate.bitlocker.ticketing.SimulatedSystem;

/** Only {@code PROJ-123}-shaped keys pass, and anything else is refused before a request is made. */
class JiraIssueKeyTest {

    static SimulatedSystem jira;

    @BeforeAll
    static void start() {
        jira = SimulatedSystem.jira(JiraSimulator.Mode.CLOUD_V3);
    }

    @AfterAll
    static void stop() throws IOException {
        jira.close();
    }

    static Stream<String> attempts() {
        return KeyInjectionAttempts.jira();
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPS-1", "AB-1", "PROJ-123", "IT_OPS-42", "A1-999999999", "ABCDEFGHIJ-1"})
    void wellFormedKeysPass(String key) {
        assertThat(jira.provider().isWellFormedKey(key)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("attempts")
    void malformedKeysAreRefusedWithoutARequest(String key) {
        assertThat(jira.provider().isWellFormedKey(key)).isFalse();
        assertThatThrownBy(() -> jira.provider().fetch(jira.settings(), key))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jira.provider().annotate(jira.settings(), key, SimulatedSystem.annotation()))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(jira.simulator().requests()).isEmpty();
    }

    @Test
    void noKeyIsRefused() {
        assertThat(jira.provider().isWellFormedKey(null)).isFalse();
        assertThatThrownBy(() -> jira.provider().fetch(jira.settings(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(jira.simulator().requests()).isEmpty();
    }
}
