package io.keygate.bitlocker.simulators;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * The demo's outside world: Jira Cloud (default port 8091) and ServiceNow (default 8092) with sample
 * tickets about the demo laptops, and a mail catcher (SMTP, default 3025) that prints what the realm sends.
 * Usage: {@code java -jar keygate-simulators-…-demo.jar [jiraPort] [serviceNowPort] [smtpPort]};
 * {@code -Dsimulators.bind=0.0.0.0} listens beyond localhost (e.g. for Keycloak in a container).
 */
public final class SimulatorMain {

    public static final String JIRA_USER = "helpdesk-bot@example.test";
    public static final String JIRA_TOKEN = "demo-jira-token";
    public static final String SERVICENOW_USER = "keygate.integration";
    public static final String SERVICENOW_PASSWORD = "demo-servicenow-password";
    public static final String SERVICENOW_CLIENT_ID = "keygate-demo-client";
    public static final String SERVICENOW_CLIENT_SECRET = "demo-servicenow-client-secret";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int jiraPort = args.length > 0 ? Integer.parseInt(args[0]) : 8091;
        int serviceNowPort = args.length > 1 ? Integer.parseInt(args[1]) : 8092;
        int smtpPort = args.length > 2 ? Integer.parseInt(args[2]) : 3025;
        String host = System.getProperty("simulators.bind", "127.0.0.1");

        JiraSimulator jira = new JiraSimulator(JiraSimulator.Mode.CLOUD_V3, JIRA_USER, JIRA_TOKEN);
        seedJira(jira);
        jira.start(host, jiraPort);

        ServiceNowSimulator serviceNow = new ServiceNowSimulator(SERVICENOW_USER, SERVICENOW_PASSWORD)
                .withOAuthClient(SERVICENOW_CLIENT_ID, SERVICENOW_CLIENT_SECRET);
        seedServiceNow(serviceNow);
        serviceNow.start(host, serviceNowPort);

        DemoMailCatcher mail = new DemoMailCatcher(host, smtpPort, System.out);
        mail.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            jira.stop();
            serviceNow.stop();
            mail.stop();
            stopped.countDown();
        }));
        System.out.println("Jira Cloud simulator: " + jira.baseUrl() + "  (user " + JIRA_USER + ", token "
                + JIRA_TOKEN + "; tickets ITSM-101..104)");
        System.out.println("ServiceNow simulator: " + serviceNow.baseUrl() + "  (user " + SERVICENOW_USER
                + ", password " + SERVICENOW_PASSWORD + "; OAuth client " + SERVICENOW_CLIENT_ID
                + "; incidents INC0010001..3)");
        System.out.println("Control API: <baseUrl>/__sim/{health,tickets,faults,requests,comments,reset}");
        System.out.println("Mail catcher (SMTP): " + host + ":" + smtpPort + "  (received e-mails are printed here)");
        stopped.await();
    }

    static void seedJira(JiraSimulator jira) {
        jira.seed(
                JiraIssue.incident("ITSM-101", "DEMO-LAPTOP-01 stuck at BitLocker recovery screen")
                        .describedAs("User reports the BitLocker recovery screen after a BIOS update.\n\n"
                                + "Device: DEMO-LAPTOP-01")
                        .labelled("bitlocker", "DEMO-LAPTOP-01"),
                JiraIssue.incident("ITSM-102", "DEMO-LAPTOP-01 BitLocker recovery (resolved)")
                        .describedAs("Recovered last week. Device: DEMO-LAPTOP-01")
                        .done(),
                JiraIssue.incident("ITSM-103", "Check encryption of DEMO-LAPTOP-01")
                        .ofType("Task")
                        .describedAs("Routine task for DEMO-LAPTOP-01, not an incident."),
                JiraIssue.incident("ITSM-104", "DEMO-LAPTOP-02 asks for its recovery key")
                        .describedAs("Device: DEMO-LAPTOP-02"));
    }

    static void seedServiceNow(ServiceNowSimulator serviceNow) {
        serviceNow.seed(
                ServiceNowIncident.inProgress("INC0010001", "BitLocker recovery screen on DEMO-LAPTOP-01")
                        .describedAs("User locked out after a firmware update.")
                        .forConfigurationItem("DEMO-LAPTOP-01"),
                ServiceNowIncident.inProgress("INC0010002", "BitLocker recovery on DEMO-LAPTOP-01 (closed)")
                        .forConfigurationItem("DEMO-LAPTOP-01")
                        .closed(),
                ServiceNowIncident.inProgress("INC0010003", "BitLocker recovery screen on DEMO-LAPTOP-02")
                        .forConfigurationItem("DEMO-LAPTOP-02"));
    }
}
