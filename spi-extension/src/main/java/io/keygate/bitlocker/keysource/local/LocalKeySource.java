package io.keygate.bitlocker.keysource.local;

import io.keygate.bitlocker.keysource.EscrowVault;
import io.keygate.bitlocker.keysource.KeyMaterial;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Keys escrowed by device agents, sealed under the realm's {@code local.kek}. Rotation is an
 * instruction the agent receives at its next check-in: nothing to call.
 */
final class LocalKeySource implements KeySourceProvider {

    private final KeycloakSession session;

    LocalKeySource(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public boolean acceptsAgentEscrow() {
        return true;
    }

    @Override
    public EscrowVault escrowVault(RealmModel realm) throws KeySourceUnavailableException {
        return LocalVault.open(session, realm);
    }

    @Override
    public String recoveryPassword(RealmModel realm, DeviceModel device, RecoveryKeyModel key)
            throws KeySourceUnavailableException {
        return LocalVault.open(session, realm).open(key);
    }

    @Override
    public KeyMaterial keyMaterial(RealmModel realm, DeviceModel device, RecoveryKeyModel key, boolean withKeyPackage)
            throws KeySourceUnavailableException {
        LocalVault vault = LocalVault.open(session, realm);
        return new KeyMaterial(vault.open(key), withKeyPackage ? vault.openKeyPackage(key) : null);
    }

    @Override
    public void requestRotation(RealmModel realm, DeviceModel device) {
        // The agent is told at its next check-in (rotationRequested:true).
    }
}
