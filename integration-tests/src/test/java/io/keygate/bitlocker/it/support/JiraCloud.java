package io.keygate.bitlocker.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.keygate.bitlocker.simulators.JiraSimulator;

/** A Jira Cloud simulator on loopback and the realm configuration's {@code ticketing} section for it. */
public final class JiraCloud {

    public static final String USER = "helpdesk-bot@example.test";
    public static final String TOKEN = "cloud-api-token";

    private JiraCloud() {
    }

    public static JiraSimulator start() {
        try {
            return JiraSimulator.start(JiraSimulator.Mode.CLOUD_V3, 0, USER, TOKEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code "ticketing":{…}} for this simulator: incidents only, the ticket must name the device, one
     * device per ticket, no write-back (the tests that check comments configure their own).
     */
    public static String ticketing(JiraSimulator jira) {
        return "\"ticketing\":{\"system\":\"jira\",\"apiVersion\":\"3\",\"baseUrl\":\"" + jira.baseUrl() + "\","
                + "\"username\":\"" + USER + "\",\"token\":\"" + TOKEN + "\",\"annotate\":false,"
                + "\"incidentTypes\":[\"Incident\"],\"requireDeviceReference\":true,\"maxDevicesPerTicket\":1}";
    }
}
