package io.keygate.bitlocker.simulators;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import io.keygate.bitlocker.simulators.graph.GraphDevice;
import io.keygate.bitlocker.simulators.graph.GraphPermissions;
import io.keygate.bitlocker.simulators.graph.GraphSimulator;
import io.keygate.bitlocker.simulators.graph.GraphTls;
import io.keygate.bitlocker.simulators.graph.GraphUser;
import io.keygate.bitlocker.simulators.graph.VolumeType;

/**
 * The demo's outside world: Jira Cloud (default port 8091) and ServiceNow (default 8092) with sample
 * tickets about the demo laptops, a mail catcher (SMTP, default 3025) that prints what the realm sends, and
 * Microsoft Graph with the identity platform (HTTPS, default 8093) with an app registration and 25 devices.
 * Usage: {@code java -jar keygate-simulators-…-demo.jar [jiraPort] [serviceNowPort] [smtpPort] [graphPort]};
 * {@code -Dsimulators.bind=0.0.0.0} listens beyond localhost (e.g. for Keycloak in a container);
 * {@code -Dgraph.pem=.demo/graph-simulator.pem} writes the Graph simulator's (test-only) certificate there.
 */
public final class SimulatorMain {

    public static final String JIRA_USER = "helpdesk-bot@example.test";
    public static final String JIRA_TOKEN = "demo-jira-token";
    public static final String SERVICENOW_USER = "keygate.integration";
    public static final String SERVICENOW_PASSWORD = "demo-servicenow-password";
    public static final String SERVICENOW_CLIENT_ID = "keygate-demo-client";
    public static final String SERVICENOW_CLIENT_SECRET = "demo-servicenow-client-secret";
    public static final String GRAPH_TENANT_ID = "8f1d3c52-0000-4000-8000-00000000c0de";
    public static final String GRAPH_CLIENT_ID = "b1e5a7d0-0000-4000-8000-0000000000a1";
    public static final String GRAPH_CLIENT_SECRET = "demo-graph-secret";
    public static final int GRAPH_DEVICES = 25;
    public static final long GRAPH_SEED = 42;
    public static final String GRAPH_OLIVIA_DEVICE = "ENTRA-LAPTOP-OLIVIA";
    /** A computer of the demo's Active Directory (realm demo-ad, see ad.DemoDomain) with ticket ITSM-106. */
    public static final String AD_DEVICE = "AD-PC-01";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int jiraPort = args.length > 0 ? Integer.parseInt(args[0]) : 8091;
        int serviceNowPort = args.length > 1 ? Integer.parseInt(args[1]) : 8092;
        int smtpPort = args.length > 2 ? Integer.parseInt(args[2]) : 3025;
        int graphPort = args.length > 3 ? Integer.parseInt(args[3]) : 8093;
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

        GraphSimulator graph = new GraphSimulator();
        seedGraph(graph);
        graph.startHttps(host, graphPort);
        String pem = System.getProperty("graph.pem");
        if (pem != null && !pem.isBlank()) {
            GraphTls.writeServerCertificatePem(Path.of(pem));
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            jira.stop();
            serviceNow.stop();
            mail.stop();
            graph.stop();
            stopped.countDown();
        }));
        System.out.println("Jira Cloud simulator: " + jira.baseUrl() + "  (user " + JIRA_USER + ", token "
                + JIRA_TOKEN + "; tickets ITSM-101..104)");
        System.out.println("ServiceNow simulator: " + serviceNow.baseUrl() + "  (user " + SERVICENOW_USER
                + ", password " + SERVICENOW_PASSWORD + "; OAuth client " + SERVICENOW_CLIENT_ID
                + "; incidents INC0010001..3)");
        System.out.println("Control API: <baseUrl>/__sim/{health,tickets,faults,requests,comments,reset}");
        System.out.println("Mail catcher (SMTP): " + host + ":" + smtpPort + "  (received e-mails are printed here)");
        System.out.println("Microsoft Graph + identity platform simulator (HTTPS): " + graph.baseUrl() + "  (tenant "
                + GRAPH_TENANT_ID + ", client " + GRAPH_CLIENT_ID + ", secret " + GRAPH_CLIENT_SECRET + ", scope "
                + graph.scope() + "; " + GRAPH_DEVICES + " devices, " + graph.fleet().keyCount() + " recovery keys"
                + (pem != null && !pem.isBlank() ? "; certificate " + pem : "; -Dgraph.pem=<file> writes its certificate")
                + ")");
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
                        .describedAs("Device: DEMO-LAPTOP-02"),
                JiraIssue.incident("ITSM-105", GRAPH_OLIVIA_DEVICE + " stuck at BitLocker recovery screen")
                        .describedAs("Olivia's Entra-joined laptop asks for its recovery key. Device: " + GRAPH_OLIVIA_DEVICE),
                JiraIssue.incident("ITSM-106", AD_DEVICE + " stuck at BitLocker recovery screen")
                        .describedAs("A domain-joined PC whose key Group Policy backed up to Active Directory. Device: "
                                + AD_DEVICE),
                JiraIssue.incident("ITSM-107", "Faulty endpoint-security update: laptops at the BitLocker recovery screen")
                        .ofType("Major Incident")
                        .describedAs("Every DEMO-LAPTOP boots to the recovery screen since last night's update."));
    }

    /**
     * The demo app registration (client secret, every permission), a fleet of 25 devices from seed 42, and
     * {@value #GRAPH_OLIVIA_DEVICE}, owned in Entra ID by the demo realm's olivia (matched by e-mail = UPN).
     */
    static void seedGraph(GraphSimulator graph) {
        graph.registerApp(GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET, null, GraphPermissions.ALL);
        graph.generateFleet(GRAPH_DEVICES, GRAPH_SEED);
        GraphUser olivia = graph.addUser("0b1e7a4c-0000-4000-8000-0000000011a0", "olivia@demo.example.test",
                "olivia@demo.example.test");
        GraphDevice laptop = graph.addDevice(GRAPH_OLIVIA_DEVICE, olivia.id());
        graph.addKey(laptop.deviceId(), VolumeType.OPERATING_SYSTEM_VOLUME, Instant.parse("2026-11-02T09:30:00Z"));
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
