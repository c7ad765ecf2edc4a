package io.keygate.bitlocker.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordedRequestTest {

    static final String PASSWORD = "123453-234564-345675-456786-567897-678908-789019-890120";

    static RecordedRequest request(String path, String query, Map<String, List<String>> headers, String body) {
        return new RecordedRequest("POST", path, query, headers, body);
    }

    @Test
    void findsARecoveryPasswordWhereverItTravels() {
        assertThat(request("/x", "", Map.of(), "{\"body\":\"" + PASSWORD + "\"}").containsRecoveryPassword()).isTrue();
        assertThat(request("/x/" + PASSWORD, "", Map.of(), "").containsRecoveryPassword()).isTrue();
        assertThat(request("/x", "q=" + PASSWORD.replace("-", "%2D"), Map.of(), "").containsRecoveryPassword()).isTrue();
        assertThat(request("/x", "", Map.of("x-note", List.of(PASSWORD)), "").containsRecoveryPassword()).isTrue();
    }

    @Test
    void keyIdsAndTimestampsAreNotRecoveryPasswords() {
        String text = "Key ID: 2b7e1516-28ae-4d2a-abf7-15880928f0a1 at 2026-11-25T10:15:30Z, 123456-123456";
        assertThat(request("/x", "", Map.of(), text).containsRecoveryPassword()).isFalse();
    }

    @Test
    void queryParametersAreDecoded() {
        assertThat(request("/x", "number=INC0000001&sysparm_fields=a%2Cb&flag", Map.of(), "").queryParameters())
                .containsEntry("number", "INC0000001")
                .containsEntry("sysparm_fields", "a,b")
                .containsEntry("flag", "");
    }
}
