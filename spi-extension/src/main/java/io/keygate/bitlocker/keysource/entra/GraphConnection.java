package io.keygate.bitlocker.keysource.entra;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import com.azure.core.credential.SimpleTokenCache;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.HttpMethod;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.keygate.bitlocker.json.Json;
import io.keygate.bitlocker.scheduling.Backoff;
import io.keygate.bitlocker.ticketing.http.RetryAfter;
import okhttp3.OkHttpClient;

/**
 * One realm's connection to Microsoft Graph through the Graph SDK: an azure-identity credential
 * (client secret or certificate) whose tokens, scoped {@code <graphBaseUrl>/.default}, go to the
 * configured Graph host only. Answers are read as JSON (so {@code volumeType} may arrive as a number or a
 * name); 429 and 5xx are retried within the caller's {@link CallBudget}, honouring {@code Retry-After}.
 * Thread-safe; shared by the sessions of a realm.
 */
final class GraphConnection {

    static final String KEYS_PERMISSION = "BitlockerKey.ReadBasic.All";
    static final String KEY_MATERIAL_PERMISSION = "BitlockerKey.Read.All";
    static final String DEVICES_PERMISSION = "Device.Read.All";
    static final String MANAGED_DEVICES_PERMISSION = "DeviceManagementManagedDevices.Read.All";
    static final String ROTATION_PERMISSION = "DeviceManagementManagedDevices.ReadWrite.All";
    static final String ENCRYPTION_PERMISSION = "DeviceManagementConfiguration.Read.All";

    private static final long FIRST_BACKOFF_MILLIS = 1000;
    /** Without a {@code Retry-After}: 1 s, 2 s, 4 s… (the outboxes' {@link Backoff}), at most 30 s. */
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final EntraSettings settings;
    private final GraphServiceClient graph;
    private final URI base;

    /** One page of a Graph collection and the link to the next ({@code null} on the last page). */
    record Page(List<JsonNode> items, String nextLink) {
    }

    GraphConnection(EntraSettings settings, OkHttpClient http) {
        this.settings = settings;
        this.base = URI.create(settings.graphBaseUrl());
        TokenCredential credential = cached(credential(settings, http), settings.scope());
        AzureIdentityAuthenticationProvider auth = new AzureIdentityAuthenticationProvider(credential,
                new String[] {base.getHost()}, settings.scope());
        this.graph = new GraphServiceClient(auth, http);
        this.graph.getRequestAdapter().setBaseUrl(settings.graphBaseUrl() + "/v1.0");
    }

    private static TokenCredential credential(EntraSettings settings, OkHttpClient http) {
        com.azure.core.http.HttpClient identityHttp = new OkHttpAsyncHttpClientBuilder(http).build();
        if (!settings.clientSecret().isEmpty()) {
            return new ClientSecretCredentialBuilder().tenantId(settings.tenantId()).clientId(settings.clientId())
                    .clientSecret(settings.clientSecret()).authorityHost(settings.authorityHost())
                    .httpClient(identityHttp).disableInstanceDiscovery().build();
        }
        return new ClientCertificateCredentialBuilder().tenantId(settings.tenantId()).clientId(settings.clientId())
                .pemCertificate(new java.io.ByteArrayInputStream(settings.certificatePem().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .authorityHost(settings.authorityHost()).httpClient(identityHttp).disableInstanceDiscovery().build();
    }

    /**
     * One token for as long as it lives, refreshed shortly before it expires: MSAL's own cache does not
     * match tokens of an authority outside its instance-discovery list (a national cloud, a proxy, the
     * tests' simulator), so without this every Graph call would ask the identity platform again.
     */
    private static TokenCredential cached(TokenCredential credential, String scope) {
        SimpleTokenCache cache = new SimpleTokenCache(() -> credential.getToken(new TokenRequestContext().addScopes(scope)));
        return request -> cache.getToken();
    }

    EntraSettings settings() {
        return settings;
    }

    /** Key metadata, of one device or of the whole tenant; never {@code key}. */
    Page recoveryKeys(String deviceId, String nextLink, CallBudget budget) throws GraphException {
        RequestInformation request = nextLink != null ? next(nextLink)
                : graph.informationProtection().bitlocker().recoveryKeys().toGetRequestInformation(rc -> {
                    if (deviceId != null) {
                        rc.queryParameters.filter = "deviceId eq '" + deviceId + "'";
                    }
                });
        return page(get(request, KEYS_PERMISSION, budget));
    }

    /**
     * The recovery password of one key of {@code deviceId}: the only read of key material, made at release time,
     * and taken only from an answer about that very key (see {@link GraphItems#recoveryPassword}).
     */
    String recoveryPassword(String keyId, String deviceId, CallBudget budget) throws GraphException {
        RequestInformation request = graph.informationProtection().bitlocker().recoveryKeys()
                .byBitlockerRecoveryKeyId(keyId).toGetRequestInformation(rc -> rc.queryParameters.select = new String[] {"key"});
        return GraphItems.recoveryPassword(get(request, KEY_MATERIAL_PERMISSION, budget), keyId, deviceId);
    }

    /** Windows devices with their registered owners. */
    Page windowsDevices(String nextLink, CallBudget budget) throws GraphException {
        RequestInformation request = nextLink != null ? next(nextLink) : graph.devices().toGetRequestInformation(rc -> {
            rc.queryParameters.filter = "operatingSystem eq 'Windows'";
            rc.queryParameters.select = new String[] {"id", "deviceId", "displayName", "operatingSystem"};
            rc.queryParameters.expand = new String[] {"registeredOwners($select=id,userPrincipalName,mail)"};
            rc.queryParameters.top = 999;
        });
        return page(get(request, DEVICES_PERMISSION, budget));
    }

    /** One device by its device ID, with its registered owners; {@code null} when Entra has none. */
    JsonNode device(String deviceId, CallBudget budget) throws GraphException {
        RequestInformation request = graph.devices().toGetRequestInformation(rc -> {
            rc.queryParameters.filter = "deviceId eq '" + deviceId + "'";
            rc.queryParameters.select = new String[] {"id", "deviceId", "displayName", "operatingSystem"};
            rc.queryParameters.expand = new String[] {"registeredOwners($select=id,userPrincipalName,mail)"};
        });
        List<JsonNode> found = page(get(request, DEVICES_PERMISSION, budget)).items();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Intune's managed Windows devices: managed ID and Entra device ID. */
    Page managedDevices(String nextLink, CallBudget budget) throws GraphException {
        RequestInformation request = nextLink != null ? next(nextLink)
                : graph.deviceManagement().managedDevices().toGetRequestInformation(rc -> {
                    rc.queryParameters.filter = "operatingSystem eq 'Windows'";
                    rc.queryParameters.select = new String[] {"id", "azureADDeviceId"};
                });
        return page(get(request, MANAGED_DEVICES_PERMISSION, budget));
    }

    /** Intune's ID of the managed device whose {@code azureADDeviceId} is {@code deviceId}; {@code null} when none. */
    String managedDeviceId(String deviceId, CallBudget budget) throws GraphException {
        RequestInformation request = graph.deviceManagement().managedDevices().toGetRequestInformation(rc -> {
            rc.queryParameters.filter = "azureADDeviceId eq '" + deviceId + "'";
            rc.queryParameters.select = new String[] {"id", "azureADDeviceId"};
        });
        List<JsonNode> found = page(get(request, ROTATION_PERMISSION, budget)).items();
        return found.isEmpty() ? null : found.get(0).path("id").asText(null);
    }

    /** Has Intune rotate the device's BitLocker keys ({@code beta}: no v1.0 equivalent exists). */
    void rotate(String managedDeviceId, CallBudget budget) throws GraphException {
        RequestInformation request = new RequestInformation();
        request.httpMethod = HttpMethod.POST;
        request.setUri(URI.create(settings.graphBaseUrl() + "/beta/deviceManagement/managedDevices/" + managedDeviceId
                + "/rotateBitLockerKeys"));
        send(request, ROTATION_PERMISSION, budget, false);
    }

    /** Intune's encryption states ({@code beta}): whether a device's key backup failed. */
    Page encryptionStates(String nextLink, CallBudget budget) throws GraphException {
        RequestInformation request;
        if (nextLink != null) {
            request = next(nextLink);
        } else {
            request = new RequestInformation();
            request.httpMethod = HttpMethod.GET;
            request.setUri(URI.create(settings.graphBaseUrl() + "/beta/deviceManagement/managedDeviceEncryptionStates"));
            request.headers.add("Accept", "application/json");
        }
        return page(get(request, ENCRYPTION_PERMISSION, budget));
    }

    private RequestInformation next(String nextLink) throws GraphException {
        URI uri = URI.create(nextLink);
        if (!base.getScheme().equalsIgnoreCase(uri.getScheme()) || !base.getHost().equalsIgnoreCase(uri.getHost())
                || base.getPort() != uri.getPort()) {
            throw new GraphException(GraphException.Kind.REJECTED, "Microsoft Graph sent a next page on another host ("
                    + uri.getHost() + "); it is not followed.");
        }
        RequestInformation request = new RequestInformation();
        request.httpMethod = HttpMethod.GET;
        request.setUri(uri);
        request.headers.add("Accept", "application/json");
        return request;
    }

    private static Page page(JsonNode body) {
        List<JsonNode> items = new ArrayList<>();
        if (body != null) {
            body.path("value").forEach(items::add);
        }
        String next = body == null ? null : body.path("@odata.nextLink").asText(null);
        return new Page(items, next == null || next.isEmpty() ? null : next);
    }

    private JsonNode get(RequestInformation request, String permission, CallBudget budget) throws GraphException {
        return send(request, permission, budget, true);
    }

    private JsonNode send(RequestInformation request, String permission, CallBudget budget, boolean expectBody)
            throws GraphException {
        HashMap<String, ParsableFactory<? extends Parsable>> errors = new HashMap<>();
        errors.put("XXX", ODataError::createFromDiscriminatorValue);
        for (int attempt = 1; ; attempt++) {
            budget.counted();
            try {
                if (!expectBody) {
                    graph.getRequestAdapter().sendPrimitive(request, errors, Void.class);
                    return null;
                }
                try (InputStream body = graph.getRequestAdapter().sendPrimitive(request, errors, InputStream.class)) {
                    return body == null ? null : Json.FOREIGN.readTree(body);
                }
            } catch (ApiException e) {
                int status = e.getResponseStatusCode();
                if (status == 429 || status == 503 || status == 504) {
                    long wait = retryAfter(e).map(Duration::toMillis)
                            .orElse(Math.min(Backoff.after(FIRST_BACKOFF_MILLIS, attempt), MAX_BACKOFF_MILLIS));
                    if (budget.allows(wait)) {
                        sleep(wait);
                        continue;
                    }
                    throw status == 429
                            ? new GraphException(GraphException.Kind.THROTTLED, "Microsoft Graph is throttling this app"
                                    + " (429) longer than this request can wait; try again later.")
                            : new GraphException(GraphException.Kind.UNAVAILABLE, "Microsoft Graph is unavailable (" + status + ").");
                }
                throw refusal(e, status, permission);
            } catch (IOException | RuntimeException e) {
                Throwable denied = find(e, MsalServiceException.class);
                if (denied == null) {
                    denied = find(e, ClientAuthenticationException.class);
                }
                if (denied != null) {
                    throw new GraphException(GraphException.Kind.CREDENTIALS, "The Microsoft identity platform refused"
                            + " the app's credentials: " + firstLine(denied.getMessage()), e);
                }
                throw new GraphException(GraphException.Kind.UNAVAILABLE, "Microsoft Graph cannot be reached: "
                        + firstLine(e.getMessage()), e);
            }
        }
    }

    private static GraphException refusal(ApiException e, int status, String permission) {
        String detail = e instanceof ODataError odata && odata.getError() != null
                ? odata.getError().getCode() + ": " + odata.getError().getMessage() : "status " + status;
        return switch (status) {
            case 403 -> new GraphException(GraphException.Kind.FORBIDDEN, "Microsoft Graph refused the request (" + detail
                    + "): grant the app the application permission " + permission + " (with admin consent).");
            case 404 -> new GraphException(GraphException.Kind.NOT_FOUND, "Microsoft Graph has no such object (" + detail + ").");
            case 401 -> new GraphException(GraphException.Kind.CREDENTIALS, "Microsoft Graph refused the app's token ("
                    + detail + "): check the tenant, the app registration and graphBaseUrl.");
            default -> status >= 500
                    ? new GraphException(GraphException.Kind.UNAVAILABLE, "Microsoft Graph failed (" + detail + ").")
                    : new GraphException(GraphException.Kind.REJECTED, "Microsoft Graph refused the request (" + detail + ").");
        };
    }

    /** The wait Graph asked for in {@code Retry-After}, read as every outgoing client of ours reads it. */
    private static Optional<Duration> retryAfter(ApiException e) {
        if (e.getResponseHeaders() != null) {
            for (var header : e.getResponseHeaders().entrySet()) {
                if ("retry-after".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                    for (String value : header.getValue()) {
                        Optional<Duration> wait = RetryAfter.parse(value, Instant.now());
                        if (wait.isPresent()) {
                            return wait;
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void sleep(long millis) throws GraphException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Kind.UNAVAILABLE, "Interrupted while waiting for Microsoft Graph.");
        }
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
