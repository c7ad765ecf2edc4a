package io.keygate.bitlocker.it.ticketing;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.keygate.bitlocker.simulators.JiraIssue;
import io.keygate.bitlocker.simulators.JiraSimulator;
import io.keygate.bitlocker.simulators.ServiceNowIncident;
import io.keygate.bitlocker.simulators.ServiceNowSimulator;
import io.keygate.bitlocker.simulators.Simulator;

/**
 * The three ticketing systems, each behind its simulator on loopback: the server under test
 * reaches them over real HTTP through the same provider code as in production.
 */
enum TicketSystem {

    JIRA_CLOUD {
        @Override
        Simulator start() throws IOException {
            return JiraSimulator.start(JiraSimulator.Mode.CLOUD_V3, 0, "helpdesk-bot@example.test", "cloud-api-token");
        }

        @Override
        String config(String baseUrl) {
            return "{\"system\":\"jira\",\"apiVersion\":\"3\",\"baseUrl\":\"" + baseUrl
                    + "\",\"username\":\"helpdesk-bot@example.test\",\"token\":\"cloud-api-token\"}";
        }
    },
    JIRA_DATA_CENTER {
        @Override
        Simulator start() throws IOException {
            return JiraSimulator.start(JiraSimulator.Mode.DATA_CENTER_V2, 0, "", "dc-personal-access-token");
        }

        @Override
        String config(String baseUrl) {
            return "{\"system\":\"jira\",\"apiVersion\":\"2\",\"baseUrl\":\"" + baseUrl
                    + "\",\"username\":\"\",\"token\":\"dc-personal-access-token\"}";
        }
    },
    SERVICENOW {
        @Override
        Simulator start() throws IOException {
            return ServiceNowSimulator.start(0, "keygate.integration", "servicenow-password");
        }

        @Override
        String config(String baseUrl) {
            return "{\"system\":\"servicenow\",\"apiVersion\":\"3\",\"baseUrl\":\"" + baseUrl
                    + "\",\"username\":\"keygate.integration\",\"token\":\"servicenow-password\"}";
        }

        @Override
        String key(int n) {
            return String.format("INC%07d", n);
        }
    };

    private Simulator simulator;

    abstract Simulator start() throws IOException;

    /** The realm's {@code ticketing} section for this system. */
    abstract String config(String baseUrl);

    /** The n-th ticket key in this system's format. */
    String key(int n) {
        return "ITSM-" + n;
    }

    synchronized Simulator simulator() {
        if (simulator == null) {
            try {
                simulator = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return simulator;
    }

    String config() {
        return config(simulator().baseUrl());
    }

    void open(String key, String deviceName) {
        seed(key, "BitLocker recovery screen on " + deviceName, "Incident", false);
    }

    void closed(String key, String deviceName) {
        seed(key, "Laptop " + deviceName + " asks for its recovery key", "Incident", true);
    }

    void wrongType(String key, String deviceName) {
        seed(key, "Replace keyboard of " + deviceName, "Task", false);
    }

    private void seed(String key, String summary, String type, boolean closed) {
        if (simulator() instanceof JiraSimulator jira) {
            JiraIssue issue = JiraIssue.incident(key, summary).ofType(type);
            jira.seed(closed ? issue.done() : issue);
        } else if (simulator() instanceof ServiceNowSimulator sn) {
            ServiceNowIncident incident = ServiceNowIncident.inProgress(key, summary);
            if (!"Incident".equals(type)) {
                incident = incident.ofClass("u_hardware_task");
            }
            sn.seed(closed ? incident.closed() : incident);
        }
    }

    /** Puts an internal comment / work note on the ticket as our own delivery would have. */
    void addInternalNote(String key, String text) {
        if (simulator() instanceof JiraSimulator jira) {
            jira.addInternalComment(key, text);
        } else {
            ((ServiceNowSimulator) simulator()).addWorkNote(key, text);
        }
    }

    /** The provider id the realm configuration names. */
    String system() {
        return this == SERVICENOW ? "servicenow" : "jira";
    }

    /** What arrived as internal comments / work notes. */
    java.util.List<String> annotations() {
        if (simulator() instanceof JiraSimulator jira) {
            return jira.comments().stream().map(c -> (c.internal() ? "internal:" : "public:") + c.text()).toList();
        }
        return ((ServiceNowSimulator) simulator()).workNotes().stream().map(w -> "internal:" + w.text()).toList();
    }
}
