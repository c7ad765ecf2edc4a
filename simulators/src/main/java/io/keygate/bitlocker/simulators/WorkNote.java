package io.keygate.bitlocker.simulators;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A PATCH the ServiceNow simulator accepted that carried {@code work_notes}.
 *
 * @param number  the incident's number
 * @param sysId   the sys_id the PATCH addressed
 * @param text    the work note
 * @param request the JSON as sent
 */
public record WorkNote(String number, String sysId, String text, JsonNode request) {
}
