package io.keygate.bitlocker.escrow;

import java.util.HashMap;
import java.util.Map;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.keysource.EscrowWriteProvider;
import io.keygate.bitlocker.keysource.EscrowWriteProviderFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Provides {@link DeviceEscrow} to the key sources that synchronise devices, below this package. */
public class DeviceEscrowProviderFactory implements EscrowWriteProviderFactory {

    /**
     * A synchronised device's audit entries join the chain as its transaction commits, so a page of devices
     * holds the realm's lock only for their insert and the commit (one log per realm and session).
     */
    @Override
    public EscrowWriteProvider create(KeycloakSession session) {
        Map<String, AuditLog> logs = new HashMap<>();
        return (realm, source, report) -> new DeviceEscrow(session, realm,
                logs.computeIfAbsent(realm.getId(), id -> AuditLog.atCommit(session, realm)))
                .apply(source, report, null, AuditActor.system()).device();
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
        return "default";
    }
}
