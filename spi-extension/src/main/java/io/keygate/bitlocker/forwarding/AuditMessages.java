package io.keygate.bitlocker.forwarding;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.keygate.bitlocker.json.Json;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.representation.Converters;

/**
 * What a SIEM receives (SPEC §12): each entry as the API shows it ({@code AuditEntry} of SPEC §5, chain
 * hashes included) as JSON; for syslog, an RFC 5424 message with that JSON as its MSG, the action as
 * MSGID and structured data carrying the realm, the chain position and the fields a SIEM indexes (who,
 * what, when, where from, outcome); for the webhook, a JSON array of entries.
 */
final class AuditMessages {

    /** The structured-data ID: ours, under the enterprise number RFC 5612 reserves for documentation. */
    static final String SD_ID = "keygate@32473";
    static final String APP_NAME = "bitlocker-keygate";
    /** syslog facility 10, security/authorization (authpriv). */
    static final int FACILITY = 10;

    private static final String HOSTNAME = hostname();

    private AuditMessages() {
    }

    /** One {@code AuditEntry}. */
    static String json(AuditEntry entry) {
        try {
            return Json.MAPPER.writeValueAsString(Converters.toRepresentation(entry));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code [AuditEntry, …]}: a webhook delivery. */
    static String jsonArray(List<AuditEntry> entries) {
        try {
            return Json.MAPPER.writeValueAsString(entries.stream().map(Converters::toRepresentation).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 5424 message, framed by octet counting (RFC 6587) as RFC 5425 asks over TLS. */
    static byte[] syslogFrame(String realmName, AuditEntry entry) {
        byte[] message = syslog(realmName, entry).getBytes(StandardCharsets.UTF_8);
        byte[] length = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[length.length + message.length];
        System.arraycopy(length, 0, frame, 0, length.length);
        System.arraycopy(message, 0, frame, length.length, message.length);
        return frame;
    }

    static String syslog(String realmName, AuditEntry e) {
        int severity = e.outcome() == AuditOutcome.SUCCESS ? 6 : e.outcome() == AuditOutcome.DENIED ? 4 : 3;
        StringBuilder sd = new StringBuilder("[").append(SD_ID);
        param(sd, "realm", realmName);
        param(sd, "seq", Long.toString(e.seq()));
        param(sd, "id", e.id());
        param(sd, "action", name(e.action()));
        param(sd, "outcome", name(e.outcome()));
        param(sd, "code", e.code());
        param(sd, "actor", e.actor().username());
        param(sd, "actorId", e.actor().userId());
        param(sd, "source", name(e.source()));
        param(sd, "client", e.actor().clientId());
        param(sd, "src", e.actor().ipAddress());
        param(sd, "deviceId", e.deviceId());
        param(sd, "device", e.deviceName());
        param(sd, "keyId", e.keyId());
        param(sd, "ticket", e.ticket() == null ? null : e.ticket().key());
        param(sd, "approvalRequestId", e.approval() == null ? null : e.approval().requestId());
        param(sd, "approver", e.approval() == null ? null : e.approval().approverUsername());
        param(sd, "hash", e.hash());
        sd.append(']');
        return "<" + (FACILITY * 8 + severity) + ">1 " + Converters.iso(e.time()) + " " + HOSTNAME + " " + APP_NAME
                + " - " + name(e.action()) + " " + sd + " " + json(e);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** A PARAM of RFC 5424 section 6.3.3: {@code "}, {@code \} and {@code ]} escaped; absent values left out. */
    private static void param(StringBuilder sd, String name, String value) {
        if (value == null) {
            return;
        }
        sd.append(' ').append(name).append("=\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\' || c == ']') {
                sd.append('\\');
            }
            sd.append(c);
        }
        sd.append('"');
    }

    private static String hostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() || name.contains(" ") ? "-" : name;
        } catch (UnknownHostException e) {
            return "-";
        }
    }
}
