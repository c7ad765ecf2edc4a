package io.keygate.bitlocker.simulators.siem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One RFC 5424 syslog message as the {@link SyslogReceiver} parsed it. Header fields keep their wire text, so a
 * NILVALUE stays {@code "-"}.
 *
 * @param facility       PRI / 8 (0..23)
 * @param severity       PRI % 8 (0..7)
 * @param version        the VERSION field (1 for RFC 5424)
 * @param timestamp      the TIMESTAMP as sent (RFC 3339 text) or {@code "-"}
 * @param hostname       HOSTNAME or {@code "-"}
 * @param appName        APP-NAME or {@code "-"}
 * @param procId         PROCID or {@code "-"}
 * @param msgId          MSGID or {@code "-"}
 * @param structuredData SD-ID to its parameters (escapes resolved), both in the order sent; empty for {@code "-"}
 * @param msg            MSG with a leading UTF-8 BOM removed, or null when the message has none
 * @param raw            the whole SYSLOG-MSG as received (without the octet-counting prefix)
 */
public record SyslogMessage(int facility, int severity, int version, String timestamp, String hostname,
        String appName, String procId, String msgId, Map<String, Map<String, String>> structuredData, String msg,
        String raw) {

    public SyslogMessage {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        if (structuredData != null) {
            structuredData.forEach((id, params) ->
                    copy.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(params))));
        }
        structuredData = Collections.unmodifiableMap(copy);
    }

    /** PRI as sent: facility * 8 + severity. */
    public int pri() {
        return facility * 8 + severity;
    }

    /** The parameters of one SD element, or an empty map when the message has none with that SD-ID. */
    public Map<String, String> sd(String sdId) {
        return structuredData.getOrDefault(sdId, Map.of());
    }

    /** One SD parameter, or null. */
    public String param(String sdId, String name) {
        return sd(sdId).get(name);
    }
}
