package io.keygate.bitlocker.config;

import java.util.Optional;

import io.keygate.bitlocker.ticketing.TicketingSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * Keeps a realm's configuration document as a realm attribute: it travels with realm exports,
 * is cached and invalidated cluster-wide by Keycloak's realm cache, and needs no table of its own.
 */
public final class RealmConfigStore {

    public static final String ATTRIBUTE = "bitlocker.config";

    private final KeycloakSession session;
    private final RealmModel realm;

    public RealmConfigStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public BitLockerConfig load() {
        return ConfigDocument.fromStored(realm.getAttribute(ATTRIBUTE));
    }

    public void save(BitLockerConfig config) {
        realm.setAttribute(ATTRIBUTE, ConfigDocument.toStored(config));
    }

    /** How to reach the realm's ticketing system, secret resolved; empty when none is configured. */
    public Optional<TicketingSettings> ticketingSettings(BitLockerConfig config) {
        BitLockerConfig.Ticketing t = config.ticketing;
        if (t.baseUrl == null || t.baseUrl.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new TicketingSettings(t.baseUrl, t.apiVersion, TicketingSettings.AuthType.fromConfig(t.authType),
                t.username, resolveSecret(t.token).orElse(""), null, TicketingSettings.DEFAULT_RETRY_BUDGET));
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
