package io.keygate.bitlocker.keysource.entra;

import static io.keygate.bitlocker.config.ConfigRules.requireRange;
import static io.keygate.bitlocker.config.ConfigRules.requireText;
import static io.keygate.bitlocker.config.ConfigRules.requireUrl;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.ConfigValidationException;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceProviderFactory;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * The {@code entra} key source: Microsoft Entra ID through Microsoft Graph (SPEC §9). This version
 * owns the {@code entra} section of the configuration and the source's capabilities; the Graph
 * connection itself is not part of it yet, so a key is never fetched (503 {@code key_source_unavailable}).
 */
public class EntraKeySourceProviderFactory implements KeySourceProviderFactory {

    public static final String ID = BitLockerConfig.KEY_SOURCE_ENTRA;

    @Override
    public KeySourceProvider create(KeycloakSession session) {
        return new KeySourceProvider() {
            @Override
            public boolean acceptsAgentEscrow() {
                return false;
            }

            @Override
            public boolean canRotate() {
                return false;
            }

            @Override
            public boolean syncsMetadata() {
                return false;
            }

            @Override
            public String recoveryPassword(RealmModel realm, DeviceModel device, RecoveryKeyModel key)
                    throws KeySourceUnavailableException {
                throw new KeySourceUnavailableException("This version cannot reach Microsoft Graph yet.");
            }

            @Override
            public void requestRotation(RealmModel realm, DeviceModel device) throws KeySourceUnavailableException {
                throw new KeySourceUnavailableException("This version cannot reach Microsoft Intune yet.");
            }
        };
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
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
