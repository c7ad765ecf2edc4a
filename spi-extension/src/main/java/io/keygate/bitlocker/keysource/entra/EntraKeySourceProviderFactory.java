package io.keygate.bitlocker.keysource.entra;

import static io.keygate.bitlocker.config.ConfigRules.requireRange;
import static io.keygate.bitlocker.config.ConfigRules.requireText;
import static io.keygate.bitlocker.config.ConfigRules.requireUrl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.ConfigValidationException;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceProviderFactory;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.keysource.SynchronisedKeySource;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * The {@code entra} key source: Microsoft Entra ID through Microsoft Graph (SPEC §9). Owns the
 * {@code entra} section of the configuration, and one Graph connection per realm, shared by its sessions.
 */
public class EntraKeySourceProviderFactory implements KeySourceProviderFactory, SynchronisedKeySource {

    public static final String ID = BitLockerConfig.KEY_SOURCE_ENTRA;

    private final Map<String, GraphConnection> connections = new ConcurrentHashMap<>();
    /** Calls to Graph that follow a request but must not hold it up (the rotation after a release). */
    private final ExecutorService afterRequests = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bitlocker-entra-after-release");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public KeySourceProvider create(KeycloakSession session) {
        return new EntraKeySource(session, this);
    }

    /**
     * The realm's Graph connection, built again when its settings change (a new secret, tenant or host): the
     * credential caches its token, so the identity platform is asked once per token lifetime, not per call.
     */
    void afterRequest(Runnable work) {
        afterRequests.submit(work);
    }

    GraphConnection connection(KeycloakSession session, RealmModel realm) throws KeySourceUnavailableException {
        RealmConfigStore store = new RealmConfigStore(session, realm);
        EntraSettings settings = EntraSettings.of(store, store.load());
        String fingerprint = settings.fingerprint();
        GraphConnection cached = connections.get(realm.getId() + "#" + fingerprint);
        if (cached != null) {
            return cached;
        }
        connections.keySet().removeIf(key -> key.startsWith(realm.getId() + "#"));
        GraphConnection connection = new GraphConnection(settings, GraphHttp.client(session));
        connections.put(realm.getId() + "#" + fingerprint, connection);
        return connection;
    }

    /** The {@code entra} section: strings, http(s) URLs of the identity platform and Graph, a sync interval. */
    @Override
    public void validate(BitLockerConfig config) throws ConfigValidationException {
        BitLockerConfig.Entra entra = config.entra;
        requireText("entra.tenantId", entra.tenantId);
        requireText("entra.clientId", entra.clientId);
        requireText("entra.clientSecret", entra.clientSecret);
        requireText("entra.certificate", entra.certificate);
        requireUrl("entra.authorityHost", entra.authorityHost, false);
        requireUrl("entra.graphBaseUrl", entra.graphBaseUrl, false);
        requireText("entra.ownerIdentityProvider", entra.ownerIdentityProvider);
        requireText("entra.ownerAttribute", entra.ownerAttribute);
        if (entra.ownerAttribute.isBlank()) {
            throw new ConfigValidationException("'entra.ownerAttribute' must not be empty");
        }
        requireRange("entra.syncIntervalMinutes", entra.syncIntervalMinutes, 1, 10080);
    }

    @Override
    public long syncIntervalMillis(BitLockerConfig config) {
        return config.entra.syncIntervalMinutes * 60_000L;
    }

    @Override
    public void synchronise(KeycloakSessionFactory factory, String realmId, long intervalMillis, long retryMillis,
            long sliceMillis) {
        new EntraSyncRun(factory, this, realmId).work(intervalMillis, retryMillis, sliceMillis);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
        afterRequests.shutdownNow();
    }

    @Override
    public String getId() {
        return ID;
    }
}
