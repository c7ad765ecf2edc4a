package io.keygate.bitlocker.config;

import java.util.ArrayList;
import java.util.Optional;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.CacheInvalidation;
import io.keygate.bitlocker.model.NodeCache;
import io.keygate.bitlocker.model.RealmConfigProvider;
import io.keygate.bitlocker.model.RealmLock;
import io.keygate.bitlocker.ticketing.TicketingSettings;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * A realm's configuration document in the extension's own storage ({@link RealmConfigProvider}) — the
 * only place it is read from: a realm attribute can be written through Keycloak's realm API, unvalidated
 * and unaudited, so none is read (SPEC §8).
 */
public final class RealmConfigStore {

    private static final Logger LOG = Logger.getLogger(RealmConfigStore.class);
    /** This node's parsed documents, by realm (one entry each, its ID the realm's). */
    private static final NodeCache<BitLockerConfig> CACHE = NodeCache.named("config", 10_000);

    private final KeycloakSession session;
    private final RealmModel realm;

    public RealmConfigStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * The realm's configuration: from the session (its steps share one instance), else from this node's cache,
     * else read and parsed. Shared by every request of the node: treat it as read-only. Work that must act on
     * the latest commit (reveals, KEK rotation, sealing) uses {@link #loadCurrent()}.
     */
    public BitLockerConfig load() {
        BitLockerConfig loaded = session.getAttribute(cacheKey(), BitLockerConfig.class);
        if (loaded == null) {
            loaded = CACHE.get(realm.getId(), realm.getId());
            if (loaded == null) {
                return read();
            }
            session.setAttribute(cacheKey(), loaded);
        }
        return loaded;
    }

    /**
     * The configuration as committed now, read again from the database (for work that holds a lock or releases a
     * key and must not act on an older one). A fresh instance: the caller may change it and {@link #save} it.
     */
    public BitLockerConfig loadCurrent() {
        session.removeAttribute(cacheKey());
        return read();
    }

    public void save(BitLockerConfig config) {
        String document = ConfigDocument.toStored(config);
        session.getProvider(RealmConfigProvider.class).setDocument(realm, document);
        session.setAttribute(cacheKey(), ConfigDocument.fromStored(document));
        CacheInvalidation.afterCompletion(session, CACHE, realm);
    }

    /**
     * For a write of the stored document that did not go through {@link #save} (a database carried over from an
     * earlier version, a DBA's repair): every node reads it again once this session's transaction has ended.
     */
    public void storedDocumentChanged() {
        session.removeAttribute(cacheKey());
        CacheInvalidation.afterCompletion(session, CACHE, realm);
    }

    /** Reads and parses the stored document; kept in the node's cache unless a change arrived meanwhile or this read wrote. */
    private BitLockerConfig read() {
        RealmConfigProvider provider = session.getProvider(RealmConfigProvider.class);
        long revision = CACHE.revision(realm.getId());
        String document = provider.getDocument(realm);
        BitLockerConfig loaded = ConfigDocument.fromStored(document);
        if (document == null) {
            return loaded;
        }
        if (loaded.access.clients.isEmpty()) {
            loaded = upgradeAnyClientList(provider);
        } else if (!CacheInvalidation.wroteIn(session, CACHE, realm)) {
            CACHE.putIfUnchanged(realm.getId(), realm.getId(), revision, ConfigDocument.fromStored(document));
        }
        session.setAttribute(cacheKey(), loaded);
        return loaded;
    }

    private String cacheKey() {
        return "bitlocker.config." + realm.getId();
    }

    /**
     * Earlier versions stored {@code access.clients: []}, which accepted the tokens of every client of the
     * realm; it now means nothing and is refused at PUT. A stored one becomes the default list, once and audited.
     * Under the realm's lock and read again, so concurrent readers upgrade (and audit) it once.
     */
    private BitLockerConfig upgradeAnyClientList(RealmConfigProvider provider) {
        RealmLock.hold(session, realm);
        AuditLog audit = new AuditLog(session, realm);
        BitLockerConfig config = ConfigDocument.fromStored(provider.getDocument(realm));
        if (!config.access.clients.isEmpty()) {
            return config;
        }
        config.access.clients = new ArrayList<>(BitLockerConfig.Access.DEFAULT_CLIENTS);
        provider.setDocument(realm, ConfigDocument.toStored(config));
        CacheInvalidation.afterCompletion(session, CACHE, realm);
        audit.append(AuditActor.system().event(AuditAction.CONFIG_CHANGED, AuditOutcome.SUCCESS).reason(
                "changed: access.clients (upgrade: the stored empty list accepted tokens of any client of the realm;"
                        + " now the default " + BitLockerConfig.Access.DEFAULT_CLIENTS + ")"));
        LOG.infof("BitLocker configuration of realm %s: access.clients [] replaced by the default %s",
                realm.getName(), BitLockerConfig.Access.DEFAULT_CLIENTS);
        return config;
    }

    /** How to reach the realm's ticketing system, secret resolved; empty when none is configured. */
    public Optional<TicketingSettings> ticketingSettings(BitLockerConfig config) {
        BitLockerConfig.Ticketing t = config.ticketing;
        if (t.baseUrl == null || t.baseUrl.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(t.settings(resolveSecret(t.token).orElse("")));
    }

    /**
     * The value of a secret of the document: a vault reference is looked up in Keycloak's vault,
     * a literal is used as it is. Empty when unset or when the vault has no such entry.
     */
    public Optional<String> resolveSecret(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!SecretValue.isVaultReference(value)) {
            return Optional.of(value);
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
            return secret.get();
        }
    }
}
