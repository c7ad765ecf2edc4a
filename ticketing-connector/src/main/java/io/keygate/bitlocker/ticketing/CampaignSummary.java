package io.keygate.bitlocker.ticketing;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A campaign's hourly internal comment (SPEC §14): which devices were released under it since the last one, and how
 * far it has come — devices and counts, never a key, never one comment per device.
 *
 * @param summaryId   a server-made UUID that identifies this comment on the ticket
 * @param from        the period's start (epoch milliseconds; 0: the campaign's beginning), {@code to} its end
 * @param deviceNames some of the devices released in the period (the newest first); {@code released} counts them all
 */
public record CampaignSummary(String campaignId, String summaryId, long from, long to, long released,
        List<String> deviceNames, long revealed, long rotated, int devices) implements TicketComment {

    @Override
    public String text(UnaryOperator<String> escape) {
        StringBuilder names = new StringBuilder();
        for (String name : deviceNames) {
            names.append(names.length() == 0 ? "" : ", ").append(escape.apply(name));
        }
        long more = released - deviceNames.size();
        return "BitLocker recovery keys released under campaign " + campaignId + " by Keycloak BitLocker Key Gate.\n"
                + "Period: " + (from == 0 ? "since the campaign began" : "from " + Instant.ofEpochMilli(from)) + " to "
                + Instant.ofEpochMilli(to) + "\n"
                + "Devices released in the period: " + released + "\n"
                + "Devices: " + names + (more > 0 ? " and " + more + " more" : "") + "\n"
                + "Campaign progress: " + revealed + " of " + devices + " revealed, " + rotated + " rotated since\n"
                + "Summary: " + summaryId;
    }
}
