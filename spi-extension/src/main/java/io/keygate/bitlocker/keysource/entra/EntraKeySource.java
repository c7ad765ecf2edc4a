package io.keygate.bitlocker.keysource.entra;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.keysource.ConflictingKeyException;
import io.keygate.bitlocker.keysource.EscrowWriteProvider;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.StagedItem;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Keys in Microsoft Entra ID (SPEC §9): metadata synchronised into the extension's tables, the recovery
 * password read from Graph only at release time ({@code $select=key}, once per release, never stored),
 * rotation through Intune. Devices are never escrowed by agents here.
 */
final class EntraKeySource implements KeySourceProvider {

    private static final Logger LOG = Logger.getLogger(EntraKeySource.class);

    private final KeycloakSession session;
    private final EntraKeySourceProviderFactory factory;

    EntraKeySource(KeycloakSession session, EntraKeySourceProviderFactory factory) {
        this.session = session;
        this.factory = factory;
    }

    @Override
    public boolean syncsMetadata() {
        return true;
    }

    @Override
    public String recoveryPassword(RealmModel realm, DeviceModel device, RecoveryKeyModel key)
            throws KeySourceUnavailableException {
        GraphConnection graph = factory.connection(session, realm);
        try {
            return graph.recoveryPassword(key.getKeyId(), device.getId(), CallBudget.of(CallBudget.RELEASE));
        } catch (GraphException e) {
            logRefusal(e);
            throw e;
        }
    }

    /** Graph serves no key packages: a release that asks for one is refused before Graph is called. */
    @Override
    public boolean holdsKeyPackage(RealmModel realm, RecoveryKeyModel key) {
        return false;
    }

    /** Intune rotates: the managed device is found by its Entra device ID, then asked to rotate. */
    @Override
    public void requestRotation(RealmModel realm, DeviceModel device) throws KeySourceUnavailableException {
        GraphConnection graph = factory.connection(session, realm);
        CallBudget budget = CallBudget.of(CallBudget.RELEASE);
        try {
            String managedId = graph.managedDeviceId(device.getId(), budget);
            if (managedId == null) {
                throw new KeySourceUnavailableException("Intune does not manage device " + device.getId()
                        + ", so it cannot rotate its keys.");
            }
            graph.rotate(managedId, budget);
        } catch (GraphException e) {
            logRefusal(e);
            throw e;
        }
    }

    /** Intune is asked on a thread of the source's own, in a session of its own, after the release has answered. */
    @Override
    public void requestRotationAfterRelease(RealmModel realm, DeviceModel device) {
        String realmId = realm.getId();
        String deviceId = device.getId();
        KeycloakSessionFactory sessions = session.getKeycloakSessionFactory();
        factory.afterRequest(() -> {
            try {
                KeycloakModelUtils.runJobInTransaction(sessions, s -> {
                    RealmModel r = s.realms().getRealm(realmId);
                    DeviceModel d = r == null ? null : s.getProvider(DeviceProvider.class).getDevice(r, deviceId);
                    if (d == null) {
                        return;
                    }
                    try {
                        s.getProvider(KeySourceProvider.class, EntraKeySourceProviderFactory.ID).requestRotation(r, d);
                    } catch (KeySourceUnavailableException e) {
                        LOG.warnf("Intune was not asked to rotate the keys of device %s after a release: %s", deviceId,
                                e.getMessage());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf("Intune was not asked to rotate the keys of device %s after a release: %s", deviceId, e.toString());
            }
        });
    }

    /** The device's keys, name and owner from Graph now, through the shared escrow write path. */
    @Override
    public void refresh(RealmModel realm, String deviceId) {
        try {
            GraphConnection graph = factory.connection(session, realm);
            CallBudget budget = CallBudget.of(CallBudget.RELEASE);
            JsonNode device = graph.device(deviceId, budget);
            DeviceProvider devices = session.getProvider(DeviceProvider.class);
            long now = Time.currentTimeMillis();
            if (device == null) {
                DeviceModel known = devices.getDevice(realm, deviceId);
                if (known != null && EntraKeySourceProviderFactory.ID.equals(known.getSource())) {
                    known.markRemovedFromSource(now);
                }
                return;
            }
            List<StagedItem> keys = new ArrayList<>();
            String next = null;
            do {
                GraphConnection.Page page = graph.recoveryKeys(deviceId, next, budget);
                page.items().stream().map(GraphItems::key).filter(k -> k != null && deviceId.equals(k.deviceId())).forEach(keys::add);
                next = page.nextLink();
            } while (next != null);
            DeviceModel known = devices.getDevice(realm, deviceId);
            session.getProvider(EscrowWriteProvider.class).applySynchronised(realm, EntraKeySourceProviderFactory.ID,
                    EntraReports.report(device, keys, new EntraOwners(session, realm, graph.settings()).ownerOf(device),
                            known == null ? null : known.getEncryption()))
                    .markSeenAtSource(now);
        } catch (GraphException e) {
            logRefusal(e);
            LOG.debugf("Device %s shown as last synchronised: %s", deviceId, e.getMessage());
        } catch (KeySourceUnavailableException | ConflictingKeyException e) {
            LOG.debugf("Device %s shown as last synchronised: %s", deviceId, e.getMessage());
        }
    }

    /**
     * A missing permission is the operator's to fix, and an answer about another object than asked is the
     * operator's to investigate: both go to the server log (naming the permission, or both objects).
     */
    static void logRefusal(GraphException e) {
        if (e.kind() == GraphException.Kind.FORBIDDEN || e.kind() == GraphException.Kind.CREDENTIALS
                || e.kind() == GraphException.Kind.WRONG_OBJECT) {
            LOG.warn(e.getMessage());
        }
    }
}
