package io.keygate.bitlocker.audit;

import java.util.List;

import io.keygate.bitlocker.device.DeviceRepresentations;
import io.keygate.bitlocker.jpa.AuditEntryEntity;

/** RFC 4180 CSV of audit entries, with spreadsheet-formula injection neutralised. */
public final class AuditCsv {

    public static final String HEADER = String.join(",", List.of("id", "time", "action", "outcome", "code",
            "actorUserId", "actorUsername", "clientId", "source", "ipAddress", "userAgent", "deviceId", "deviceName",
            "keyId", "ticketSystem", "ticketKey", "ticketUrl", "ticketStatus", "ticketType", "reason", "acr",
            "prevHash", "hash")) + "\r\n";

    private AuditCsv() {
    }

    public static String row(AuditEntryEntity e) {
        String[] cells = {e.getId(), DeviceRepresentations.iso(e.getTime()), e.getAction(), e.getOutcome(), e.getCode(),
                e.getActorUserId(), e.getActorUsername(), e.getClientId(), e.getSource(), e.getIpAddress(),
                e.getUserAgent(), e.getDeviceId(), e.getDeviceName(), e.getKeyId(), e.getTicketSystem(),
                e.getTicketKey(), e.getTicketUrl(), e.getTicketStatus(), e.getTicketType(), e.getReason(), e.getAcr(),
                e.getPrevHash(), e.getHash()};
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells[i]));
        }
        return sb.append("\r\n").toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || !v.equals(value)) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
