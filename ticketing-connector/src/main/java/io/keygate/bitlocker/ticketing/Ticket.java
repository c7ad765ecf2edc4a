package io.keygate.bitlocker.ticketing;

import java.util.List;

/**
 * A ticket as the ticketing system showed it at release time.
 *
 * @param system     provider id ({@code jira}, {@code servicenow})
 * @param key        the ticket key as the system answered it (Jira: the current key, also when an old
 *                   key of a moved or renamed issue was asked for)
 * @param id         the ticket's canonical identity, which no move or rename changes (Jira: the issue {@code id};
 *                   ServiceNow: {@code sys_id}); what the reuse limit counts
 * @param url        a link a person can open
 * @param status     the status name as shown to people
 * @param type       the ticket type (Jira issue type; ServiceNow: {@code Incident})
 * @param open       whether the ticket is still open by the system's own rules
 * @param references the texts that may name a device: summary, description, labels, configuration item
 */
public record Ticket(String system, String key, String id, String url, String status, String type, boolean open,
        List<String> references) {
}
