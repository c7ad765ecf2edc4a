package io.keygate.bitlocker.simulators.graph;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.bitlocker.simulators.RecordedRequest;
import io.keygate.bitlocker.simulators.Simulator;

/**
 * Microsoft Graph and the Microsoft identity platform on one HTTPS port: the v2.0 token endpoint of each registered
 * tenant ({@code /{tenantId}/oauth2/v2.0/token}, client secret or certificate), and under {@code /v1.0} and
 * {@code /beta} the BitLocker recovery keys, Entra devices with their owners, Intune managed devices, key rotation
 * and encryption states, with Graph's paging, permissions and error documents. The resource of its tokens is its
 * own base URL: clients ask for scope {@code <baseUrl>/.default}.
 * <p>
 * Faults injected with {@link #injectFault} apply to Graph calls only, unless {@link #faultTarget} says otherwise;
 * {@link #outage(boolean)} makes every Graph call answer 503 while the token endpoint keeps working.
 */
public final class GraphSimulator extends Simulator {

    /** Which requests injected faults apply to. */
    public enum FaultTarget {
        /** Calls under {@code /v1.0} and {@code /beta} (the default). */
        GRAPH,
        /** The token endpoint and discovery documents. */
        IDENTITY_PLATFORM,
        /** Everything. */
        ALL
    }

    private final GraphFleet fleet = new GraphFleet();
    private final IdentityPlatform identity = new IdentityPlatform();
    private final BitLockerApi bitLocker = new BitLockerApi(fleet);
    private final IntuneApi intune = new IntuneApi(fleet);
    private final GraphRouter router = new GraphRouter(identity, bitLocker, new DirectoryApi(fleet), intune);
    private volatile FaultTarget faultTarget = FaultTarget.GRAPH;

    public GraphSimulator() {
        super("graph");
    }

    /** Creates a simulator and starts it with HTTPS (the committed certificate) on 127.0.0.1; port 0 picks a free one. */
    public static GraphSimulator startHttps(int port) throws IOException {
        GraphSimulator simulator = new GraphSimulator();
        simulator.startHttps("127.0.0.1", port);
        return simulator;
    }

    /** Starts with HTTPS using the committed certificate ({@link GraphTls#serverSslContext()}). */
    public void startHttps(String host, int port) throws IOException {
        startTls(host, port, GraphTls.serverSslContext());
    }

    /** The scope a client asks for: {@code <baseUrl>/.default}. */
    public String scope() {
        return baseUrl() + "/.default";
    }

    /** The authority a client uses: {@code <baseUrl>/<tenantId>}. */
    public String authority(String tenantId) {
        return baseUrl() + "/" + tenantId;
    }

    /** The token endpoint of a tenant: {@code <baseUrl>/<tenantId>/oauth2/v2.0/token}. */
    public String tokenEndpoint(String tenantId) {
        return authority(tenantId) + "/oauth2/v2.0/token";
    }

    /** The Graph root of an API version: {@code <baseUrl>/v1.0} or {@code <baseUrl>/beta}. */
    public String graphUrl(String version) {
        return baseUrl() + "/" + version;
    }

    // --- identity platform ---

    /**
     * Registers (or replaces) an app in a tenant (a tenant exists once it has an app).
     *
     * @param clientSecretOrNull the client secret, or null when the app has none
     * @param certificateOrNull  the certificate for client assertions, or null when the app has none
     * @param permissions        Graph application permissions (see {@link GraphPermissions})
     */
    public AppRegistration registerApp(String tenantId, String clientId, String clientSecretOrNull,
            X509Certificate certificateOrNull, Set<String> permissions) {
        AppRegistration app = new AppRegistration(tenantId, clientId, clientSecretOrNull, certificateOrNull, permissions);
        identity.register(app);
        return app;
    }

    /** Every token request so far, oldest first. */
    public List<TokenRequest> tokenRequests() {
        return identity.tokenRequests();
    }

    /** How many token requests arrived (granted or not). */
    public int tokenRequestCount() {
        return identity.tokenRequests().size();
    }

    /** How many tokens were issued. */
    public int tokensIssued() {
        return (int) identity.tokenRequests().stream().filter(TokenRequest::granted).count();
    }

    /** Makes every issued token expired: Graph answers 401 until the client fetches a new one. */
    public void expireTokens() {
        identity.expireTokens();
    }

    // --- behaviour switches and counters ---

    /** Which requests injected faults apply to (default {@link FaultTarget#GRAPH}). */
    public void faultTarget(FaultTarget target) {
        this.faultTarget = target;
    }

    /** While on, every Graph call answers 503 {@code serviceNotAvailable}; the token endpoint keeps working. */
    public void outage(boolean on) {
        router.outage = on;
    }

    /** The page size of the recovery key list and the default {@code $top} of the other lists (default 100). */
    public void pageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        router.pageSize = size;
    }

    /** Whether {@code rotateBitLockerKeys} takes effect at once (default) or on {@link #completePendingRotations()}. */
    public void rotateImmediately(boolean immediately) {
        intune.rotateImmediately(immediately);
    }

    /** Carries out the rotations requested while {@code rotateImmediately} was off; returns the new OS-volume keys. */
    public List<RecoveryKey> completePendingRotations() {
        return intune.completePendingRotations();
    }

    /** The managed device ids of every {@code rotateBitLockerKeys} call that was accepted, oldest first. */
    public List<String> rotations() {
        return intune.rotations();
    }

    /**
     * While {@code keyId} is set, a read of any key's password ({@code $select=key}) answers the record of that
     * key instead — its ID, device and password — as a misrouting proxy or a poisoned cache would; {@code null}
     * (or {@link #reset()}) answers normally again. The substitute's read is counted.
     */
    public void answerKeyReadsWith(String keyId) {
        bitLocker.answerKeyReadsWith(keyId);
    }

    /** How often the password of this key was read ({@code $select=key}). */
    public int keyReads(String keyId) {
        return bitLocker.keyReads(keyId);
    }

    /** How many passwords were read in all. */
    public int keyReads() {
        return bitLocker.keyReads();
    }

    /**
     * Clears requests, faults, token requests, key reads, rotations (also pending ones), the outage and a key-read
     * substitute; the fleet and apps stay.
     */
    @Override
    public void reset() {
        super.reset();
        identity.clearTokenRequests();
        bitLocker.clearKeyReads();
        bitLocker.answerKeyReadsWith(null);
        router.outage = false;
    }

    // --- the fleet ---

    /** The directory and Intune data, with all getters. */
    public GraphFleet fleet() {
        return fleet;
    }

    public GraphUser addUser(String objectId, String userPrincipalName, String mail) {
        return fleet.addUser(objectId, userPrincipalName, mail);
    }

    public GraphDevice addDevice(String displayName, String ownerObjectId) {
        return fleet.addDevice(displayName, ownerObjectId);
    }

    public RecoveryKey addKey(String deviceId, VolumeType volumeType, Instant createdAt) {
        return fleet.addKey(deviceId, volumeType, createdAt);
    }

    public boolean removeDevice(String deviceId) {
        return fleet.removeDevice(deviceId);
    }

    public void setBackupFailed(String deviceId, boolean failed) {
        fleet.setBackupFailed(deviceId, failed);
    }

    public void generateFleet(int devices, long seed) {
        fleet.generateFleet(devices, seed);
    }

    public String password(String keyId) {
        return fleet.password(keyId);
    }

    // --- Simulator ---

    @Override
    protected Reply answer(RecordedRequest request) {
        Answer answer;
        try {
            answer = isGraph(request) ? router.answer(request, baseUrl()) : identity.handle(request, baseUrl());
        } catch (RuntimeException e) { // a simulator bug: say so instead of dropping the connection
            answer = new Answer(500, GraphErrors.body("generalException", "Simulator failure: " + e,
                    request.header("client-request-id")));
        }
        return reply(answer.status(), answer.body(), answer.headers());
    }

    @Override
    protected boolean faultApplies(RecordedRequest request) {
        return switch (faultTarget) {
            case GRAPH -> isGraph(request);
            case IDENTITY_PLATFORM -> !isGraph(request);
            case ALL -> true;
        };
    }

    @Override
    protected Object errorBody(RecordedRequest request, int status) {
        if (isGraph(request)) {
            return GraphErrors.forStatus(status, request.header("client-request-id"));
        }
        String error = status == 429 || status >= 500 ? "temporarily_unavailable" : "invalid_request";
        return IdentityPlatform.error(request, status, error, status == 429 ? 50196 : 90033,
                "Simulated failure (HTTP " + status + ").").body();
    }

    @Override
    protected Object errorBody(int status) {
        return GraphErrors.forStatus(status, null);
    }

    /** Control API {@code POST /__sim/tickets}: {@code {"generate":25,"seed":42}} generates a fleet. */
    @Override
    protected Object seed(JsonNode ticket) {
        fleet.generateFleet(ticket.path("generate").asInt(0), ticket.path("seed").asLong(0));
        return Map.of("devices", fleet.deviceCount(), "keys", fleet.keyCount());
    }

    @Override
    protected void clearTickets() {
        fleet.clear();
    }

    @Override
    protected List<?> writes() {
        return rotations();
    }

    @Override
    protected void clearWrites() {
        intune.clear();
    }

    static boolean isGraph(RecordedRequest request) {
        String path = request.path();
        return path.equals("/v1.0") || path.equals("/beta") || path.startsWith("/v1.0/") || path.startsWith("/beta/");
    }
}
