package io.keygate.bitlocker.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.JiraCloud;
import io.keygate.bitlocker.it.support.KeycloakNode;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TcpProxy;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.JiraSimulator;
import io.keygate.bitlocker.simulators.agent.DeviceAgent;
import io.keygate.bitlocker.simulators.browser.BrowserUser;
import io.keygate.bitlocker.simulators.graph.GraphSimulator;
import io.keygate.bitlocker.simulators.graph.GraphTls;
import io.keygate.bitlocker.simulators.siem.WebhookReceiver;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.util.JsonSerialization;

/**
 * The two Keycloak nodes of {@link TwoNodeClusterTest} (started once for it and its nested classes) and the
 * outside systems they talk to: a SIEM webhook, an SMTP server, Jira and Microsoft Graph simulators. Node B
 * reaches PostgreSQL through a {@link TcpProxy}, so a test can take the database away from it. Every
 * background task runs every second (the Entra ID sync every {@value #ENTRA_SYNC_SECONDS} s, the auditors' digest
 * every {@value #DIGEST_SECONDS} s), as
 * {@code BitLockerServerConfig} sets them for the single test server.
 */
final class TwoNodes {

    /** The load balancer's address: requests carry it in {@code X-Forwarded-*}, tokens name it as issuer. */
    static final String PUBLIC_URL = "http://localhost:8180";
    static final String SIEM_SECRET = "siem-hmac-secret";
    static final int ENTRA_SYNC_SECONDS = 3;
    /** The auditors' "daily" digest, every few seconds here. */
    static final int DIGEST_SECONDS = 3;
    private static final String DEVICES = "--spi-realm-restapi-extension--devices--";
    private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?(/.*)");

    static KeycloakNode a;
    static KeycloakNode b;
    /** Between node B and PostgreSQL. */
    static TcpProxy databaseOfB;
    static WebhookReceiver webhook;
    static GreenMail mail;
    static JiraSimulator jira;
    static GraphSimulator graph;

    /** How often a campaign's ticket may be commented on here (an hour in production). */
    static final int CAMPAIGN_COMMENT_SECONDS = 20;
    private static final Map<String, String> STEP_UP = new ConcurrentHashMap<>();
    private static final Map<String, Long> STEP_UP_AT = new ConcurrentHashMap<>();

    private TwoNodes() {
    }

    static String databaseUrl() {
        return System.getenv("KEYGATE_CLUSTER_DB_URL");
    }

    private static String databaseUser() {
        return System.getenv().getOrDefault("KEYGATE_CLUSTER_DB_USER", "keygate");
    }

    private static String databasePassword() {
        return System.getenv().getOrDefault("KEYGATE_CLUSTER_DB_PASSWORD", "keygate");
    }

    static void start() throws IOException {
        Matcher url = POSTGRES_URL.matcher(databaseUrl());
        if (!url.matches()) {
            throw new IllegalArgumentException("KEYGATE_CLUSTER_DB_URL is not a jdbc:postgresql:// URL: " + databaseUrl());
        }
        databaseOfB = TcpProxy.to(url.group(1), url.group(2) == null ? 5432 : Integer.parseInt(url.group(2)));
        webhook = WebhookReceiver.start(0, SIEM_SECRET);
        mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        jira = JiraCloud.start();
        graph = GraphSimulator.startHttps(0);
        Path graphCertificate = GraphTls.writeServerCertificatePem(Path.of("target", "graph-simulator.pem").toAbsolutePath());

        List<String> shared = List.of("--db=postgres", "--db-username=" + databaseUser(), "--db-password=" + databasePassword(),
                "--cache=ispn", "--cache-embedded-network-bind-address=127.0.0.1", "--proxy-headers=xforwarded",
                "--truststore-paths=" + graphCertificate,
                DEVICES + "forwarding-interval-seconds=1", DEVICES + "forwarding-retry-seconds=1",
                DEVICES + "mail-interval-seconds=1", DEVICES + "writeback-interval-seconds=1",
                DEVICES + "writeback-retry-seconds=1", DEVICES + "housekeeping-interval-seconds=1",
                DEVICES + "approval-expiry-seconds=1", DEVICES + "entra-sync-check-seconds=1",
                DEVICES + "entra-sync-retry-seconds=1", DEVICES + "entra-sync-interval-seconds=" + ENTRA_SYNC_SECONDS,
                DEVICES + "digest-interval-seconds=" + DIGEST_SECONDS, DEVICES + "campaign-check-seconds=1",
                DEVICES + "campaign-ticket-check-seconds=3", DEVICES + "campaign-comment-seconds=" + CAMPAIGN_COMMENT_SECONDS);
        a = KeycloakNode.install("node-a", 8180, 9180, with(shared, "--db-url=" + databaseUrl(),
                "--cache-embedded-network-bind-port=7800"));
        b = KeycloakNode.install("node-b", 8280, 9280, with(shared,
                "--db-url=jdbc:postgresql://127.0.0.1:" + databaseOfB.port() + url.group(3),
                "--cache-embedded-network-bind-port=7801"));
        a.start();
        b.start();
        // One cluster: the second node's view names two members.
        b.awaitLog(Pattern.compile("ISPN000094: .*\\(2\\)"), Duration.ofSeconds(90));
    }

    private static List<String> with(List<String> shared, String... own) {
        List<String> all = new ArrayList<>(shared);
        all.addAll(List.of(own));
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {b, a, databaseOfB, webhook, jira, graph}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping the rest anyway
            }
        }
        if (mail != null) {
            mail.stop();
        }
    }

    static String admin() {
        return Tokens.password(PUBLIC_URL, "master", "admin-cli", "admin", "admin");
    }

    static String api(KeycloakNode node, String realm) {
        return node.baseUrl() + "/realms/" + realm + "/devices/security/bitlocker";
    }

    /** A call that reaches {@code node} through the load balancer: the public address in {@code X-Forwarded-*}. */
    static Api.Call balanced(Api.Call call) {
        return call.header("X-Forwarded-Host", "localhost:8180").header("X-Forwarded-Proto", "http");
    }

    /**
     * A realm of the staff of {@link TestRealm} (a user for each role, TOTP for step-up, the demo's
     * level-of-authentication flow), e-mailing through the test's SMTP server; the extension enabled with {@code config}.
     */
    static void createStaffRealm(String name, String config) {
        createStaffRealm(name, config, new TestRealm());
    }

    /** As {@link #createStaffRealm(String, String)}, with the staff (and realm settings) of {@code staff}. */
    static void createStaffRealm(String name, String config, TestRealm staff) {
        RealmRepresentation realm = staff.configure(RealmBuilder.create().name(name)
                .smtp("127.0.0.1", mail.getSmtp().getPort(), "keygate@example.test")).build();
        realm.setEnabled(true);
        try {
            createRealm(name, JsonSerialization.writeValueAsString(realm), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void createRealm(String name, String representation, String config) {
        Api.Reply created = Api.post(a.baseUrl() + "/admin/realms", representation).bearer(admin()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        configure(name, config);
    }

    static void configure(String realm, String config) {
        Api.Reply configured = Api.put(a.baseUrl() + "/admin/realms/" + realm + "/bitlocker/config",
                Realms.withTestClients(config)).bearer(admin()).send();
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
    }

    /** A password-only token of a staff member (level 1), issued at the public address. */
    static String password(String realm, String username) {
        return Tokens.password(PUBLIC_URL, realm, TestRealm.CLIENT, username, TestRealm.PASSWORD);
    }

    /**
     * A level-2 token (password and a TOTP code through the browser flow) at the public address, kept for two
     * minutes: a second login within the same 30 s would need the next code.
     */
    static synchronized String stepUp(String realm, String username) {
        String key = realm + "/" + username;
        Long at = STEP_UP_AT.get(key);
        if (at == null || System.currentTimeMillis() - at > 120_000) {
            STEP_UP.put(key, new BrowserUser(PUBLIC_URL, realm, TestRealm.CLIENT, TestRealm.REDIRECT_URI)
                    .login(username, TestRealm.PASSWORD, TestRealm.TOTP_SECRET, "2", null).path("access_token").asText());
            STEP_UP_AT.put(key, System.currentTimeMillis());
        }
        return STEP_UP.get(key);
    }

    /**
     * A device agent's check-in at {@code node} through the load balancer, with a DPoP proof for the public
     * address (either node may take it).
     */
    static HttpResponse<String> checkIn(KeycloakNode node, String realm, String clientId, String secret, DeviceAgent agent,
            String deviceId, String body) {
        try {
            String token = agent.token(PUBLIC_URL, realm, clientId, secret);
            String path = "/realms/" + realm + "/devices/security/bitlocker/escrow/devices/" + deviceId;
            String proof = agent.proof("PUT", PUBLIC_URL + path, token);
            return checkIn(node, path, body, token, proof);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A check-in at {@code node} with exactly this token and proof. */
    static HttpResponse<String> checkIn(KeycloakNode node, String path, String body, String token, String proof) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                    .header("X-Forwarded-Host", "localhost:8180").header("X-Forwarded-Proto", "http")
                    .header("Content-Type", "application/json").header("Authorization", "DPoP " + token).header("DPoP", proof)
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A staff realm's device with one operating-system key, escrowed by its own agent at {@code node}. */
    static Fleet.Device escrow(KeycloakNode node, String realm, String deviceName, String owner, DeviceAgent agent) {
        Fleet.Device device = new Fleet.Device(Fleet.guid(), deviceName,
                List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM")));
        HttpResponse<String> reply = checkIn(node, realm, TestRealm.AGENT_CLIENT, TestRealm.AGENT_SECRET, agent,
                device.deviceId(), Fleet.checkInBody(deviceName, owner, "ENCRYPTED", device.keys()));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return device;
    }

    /**
     * A campaign (SPEC §14) of {@code deviceIds} under {@code ticket}, created at node A by the realm's admin and
     * approved at node B by its approver; its ID.
     */
    static String approvedCampaign(String realm, String ticket, List<String> deviceIds) {
        Api.Reply created = balanced(Api.post(api(a, realm) + "/campaigns", "{\"ticket\":\"" + ticket
                + "\",\"reason\":\"Fleet-wide boot failure after a faulty update\",\"deviceIds\":[\""
                + String.join("\",\"", deviceIds) + "\"]}")).bearer(stepUp(realm, TestRealm.ADMIN)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String campaign = created.json().path("campaignId").asText();
        Api.Reply approved = balanced(Api.post(api(b, realm) + "/campaigns/" + campaign + "/approve", ""))
                .bearer(stepUp(realm, TestRealm.APPROVER)).send();
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        return campaign;
    }

    /**
     * The shared database, for what only time would otherwise do (a release request running out of time):
     * the test moves a timestamp, the product's own tasks do the rest.
     */
    static Connection database() throws SQLException {
        return DriverManager.getConnection(databaseUrl(), databaseUser(), databasePassword());
    }
}
