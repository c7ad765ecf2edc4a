package io.keygate.bitlocker.ticketing.servicenow;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.bitlocker.ticketing.Ticket;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;

/**
 * One row of the Table API's {@code incident} table as read with {@code sysparm_display_value=all},
 * where every field is {@code {"display_value":…,"value":…}} and every value a string.
 */
record IncidentRecord(String sysId, String number, String shortDescription, String description, String state,
        String stateName, boolean active, String configurationItem, String className, String classLabel) {

    /** sys_ids go into the write-back URL, so they must look like one: 32 lower-case hex digits. */
    private static final Pattern SYS_ID = Pattern.compile("[0-9a-f]{32}");
    /** New, In Progress, On Hold; Resolved (6), Closed (7) and Canceled (8) are not open. */
    private static final Set<String> OPEN_STATES = Set.of("1", "2", "3");

    static IncidentRecord from(JsonNode row, String requestedNumber) throws TicketingUnavailableException {
        IncidentRecord incident = new IncidentRecord(value(row, "sys_id"), value(row, "number"),
                display(row, "short_description"), display(row, "description"), value(row, "state"),
                display(row, "state"), "true".equalsIgnoreCase(value(row, "active")), display(row, "cmdb_ci"),
                value(row, "sys_class_name"), display(row, "sys_class_name"));
        // If ServiceNow ever ignored the number filter, sysparm_limit=1 would hand us some other incident.
        if (!incident.number().equalsIgnoreCase(requestedNumber)) {
            throw new TicketingUnavailableException("ServiceNow answered a different record when asked for "
                    + requestedNumber);
        }
        if (!SYS_ID.matcher(incident.sysId()).matches()) {
            throw new TicketingUnavailableException("ServiceNow answered " + requestedNumber + " without a valid sys_id");
        }
        if (incident.state().isEmpty()) {
            throw new TicketingUnavailableException("ServiceNow answered " + requestedNumber + " without a state");
        }
        return incident;
    }

    boolean open() {
        return active && OPEN_STATES.contains(state);
    }

    /** The incident table also holds extensions of it; those keep their own class name so the type check can refuse them. */
    String type() {
        if (className.isEmpty() || "incident".equals(className)) {
            return "Incident";
        }
        return classLabel.isEmpty() ? className : classLabel;
    }

    Ticket toTicket(String baseUrl, String requestedNumber) {
        return new Ticket(ServiceNowProvider.SYSTEM, number.isEmpty() ? requestedNumber : number, sysId,
                baseUrl + "/nav_to.do?uri=incident.do?sys_id=" + sysId,
                stateName.isEmpty() ? state : stateName, type(), open(),
                List.of(shortDescription, description, configurationItem));
    }

    private static String value(JsonNode row, String field) {
        JsonNode node = row.path(field);
        return node.isObject() ? node.path("value").asText("") : node.asText("");
    }

    private static String display(JsonNode row, String field) {
        JsonNode node = row.path(field);
        return node.isObject() ? node.path("display_value").asText("") : node.asText("");
    }
}
