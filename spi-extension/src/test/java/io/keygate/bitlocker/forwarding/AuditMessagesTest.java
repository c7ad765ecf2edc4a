package io.keygate.bitlocker.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keygate.bitlocker.audit.TestEntry;
import io.keygate.bitlocker.model.AuditEntry;
import org.junit.jupiter.api.Test;

class AuditMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An entry from its stored columns (absent: null). */
    private static AuditEntry entry(Map<String, Object> values) {
        TestEntry e = new TestEntry();
        values.forEach(e::set);
        return e.entry();
    }

    private static AuditEntry revealed() {
        Map<String, Object> v = new HashMap<>();
        v.put("id", "0f7a3c2e-1111-4222-8333-944455556666");
        v.put("seq", 42L);
        v.put("time", 1764670000123L);
        v.put("action", "KEY_REVEALED");
        v.put("outcome", "SUCCESS");
        v.put("actorUserId", "u-1");
        v.put("actorUsername", "hannah \"the\" helpdesk]\\");
        v.put("source", "HELPDESK");
        v.put("ipAddress", "10.0.0.7");
        v.put("deviceId", "3f2a8c1e-5b7d-4e9a-8c2f-1a6b9d0e4c71");
        v.put("deviceName", "LAPTOP-42");
        v.put("keyId", "0b7c4c1a-98f4-4f43-9d5e-0d3f7b1c2a11");
        v.put("ticketKey", "ITSM-101");
        v.put("ticketSystem", "jira");
        v.put("prevHash", "00".repeat(32));
        v.put("hash", "ab".repeat(32));
        return entry(v);
    }

    @Test
    void aSyslogMessageIsRfc5424WithTheEntryAsItsMessage() throws Exception {
        String message = AuditMessages.syslog("demo", revealed());

        // authpriv (10) * 8 + info (6)
        assertThat(message).startsWith("<86>1 2025-12-02T10:06:40.123Z ");
        String[] header = message.split(" ", 7);
        assertThat(header[3]).isEqualTo("bitlocker-keygate");
        assertThat(header[4]).isEqualTo("-");
        assertThat(header[5]).isEqualTo("KEY_REVEALED");
        assertThat(header[6]).startsWith("[keygate@32473 realm=\"demo\" seq=\"42\" id=\"0f7a3c2e-1111-4222-8333-944455556666\""
                + " action=\"KEY_REVEALED\" outcome=\"SUCCESS\" actor=\"hannah \\\"the\\\" helpdesk\\]\\\\\"");
        JsonNode msg = JSON.readTree(header[6].substring(header[6].indexOf("] {") + 2));
        assertThat(msg.path("id").asText()).isEqualTo("0f7a3c2e-1111-4222-8333-944455556666");
        assertThat(msg.path("ticket").path("key").asText()).isEqualTo("ITSM-101");
        assertThat(msg.path("hash").asText()).isEqualTo("ab".repeat(32));
    }

    @Test
    void aDenialIsAWarningAndAnErrorAnError() {
        Map<String, Object> denied = new HashMap<>(Map.of("action", "KEY_REVEAL_DENIED", "outcome", "DENIED", "source", "API"));
        Map<String, Object> error = new HashMap<>(Map.of("action", "AUDIT_FORWARDING_FAILED", "outcome", "ERROR", "source", "SYSTEM"));
        assertThat(AuditMessages.syslog("r", entry(denied))).startsWith("<84>1 ");
        assertThat(AuditMessages.syslog("r", entry(error))).startsWith("<83>1 ");
    }

    @Test
    void aFrameIsTheOctetCountOfTheMessage() {
        byte[] frame = AuditMessages.syslogFrame("démo", revealed());
        String text = new String(frame, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        assertThat(Integer.parseInt(text.substring(0, space))).isEqualTo(frame.length - space - 1);
    }

    @Test
    void theWebhookBodyIsAnArrayOfEntriesSignedWithHmacSha256() throws Exception {
        String body = AuditMessages.jsonArray(List.of(revealed(), revealed()));
        assertThat(JSON.readTree(body).isArray()).isTrue();
        assertThat(JSON.readTree(body)).hasSize(2);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(WebhookSink.signature("s3cret".getBytes(StandardCharsets.UTF_8), body)).isEqualTo(expected);
    }
}
