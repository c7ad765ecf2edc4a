package io.keygate.bitlocker.keysource.ad;

import java.util.List;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.SearchResult;

import io.keygate.bitlocker.keysource.KeyMaterial;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.keysource.RecoveryPasswordFormat;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.SyncState;
import io.keygate.bitlocker.model.SyncStateProvider;
import io.keygate.bitlocker.model.Transactions;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Keys in Active Directory (SPEC §9): metadata synchronised into the extension's tables, the recovery password
 * read only at release time by one base-scope read of that key's recovery object (never stored, never logged).
 * AD cannot rotate a key and no agent escrows here: a rotation after a release stays PENDING until a sync sees
 * the device's next backup.
 */
final class ActiveDirectoryKeySource implements KeySourceProvider {

    private static final Logger LOG = Logger.getLogger(ActiveDirectoryKeySource.class);
    /** The sync state's note when a release found the account unable to read passwords (SPEC §9). */
    static final String UNREADABLE = "The key source's account can list recovery objects but not read their recovery"
            + " passwords: grant it the control-access right on msFVE-RecoveryPassword (docs/key-source-active-directory.md, Delegation).";

    private final KeycloakSession session;

    ActiveDirectoryKeySource(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public boolean canRotate() {
        return false;
    }

    @Override
    public boolean syncsMetadata() {
        return true;
    }

    /** Only with {@code keyPackages} on: off, packages are neither looked for nor released (SPEC §9). */
    @Override
    public boolean holdsKeyPackage(RealmModel realm, RecoveryKeyModel key) {
        try {
            return key.hasKeyPackage() && ActiveDirectoryKeySourceProviderFactory.settings(session, realm).keyPackages();
        } catch (KeySourceUnavailableException e) {
            // An unusable configuration is the read's to refuse (503 key_source_unavailable), not a missing package.
            return key.hasKeyPackage();
        }
    }

    @Override
    public String recoveryPassword(RealmModel realm, DeviceModel device, RecoveryKeyModel key)
            throws KeySourceUnavailableException {
        return keyMaterial(realm, device, key, false).recoveryPassword();
    }

    /** The password, and the key package when asked for, in the same base-scope read of the recovery object. */
    @Override
    public KeyMaterial keyMaterial(RealmModel realm, DeviceModel device, RecoveryKeyModel key, boolean withKeyPackage)
            throws KeySourceUnavailableException {
        DirectorySettings settings = ActiveDirectoryKeySourceProviderFactory.settings(session, realm);
        try (DirectoryConnection directory = DirectoryConnection.open(session, realm, settings)) {
            Attributes attributes = readFromRecoveryObject(directory, device, key, withKeyPackage
                    ? new String[] {RecoveryObject.RECOVERY_PASSWORD, RecoveryObject.KEY_PACKAGE}
                    : new String[] {RecoveryObject.RECOVERY_PASSWORD});
            Object value = RecoveryObject.value(attributes.get(RecoveryObject.RECOVERY_PASSWORD));
            if (value == null) {
                note(realm, UNREADABLE);
                throw new DirectoryException(DirectoryException.Kind.FORBIDDEN, "Active Directory did not show the recovery"
                        + " password of key " + key.getKeyId() + " to the key source's account '" + settings.bindDn()
                        + "': it lacks the control-access right on msFVE-RecoveryPassword.");
            }
            if (!(value instanceof String password) || !RecoveryPasswordFormat.isValid(password)) {
                throw new DirectoryException(DirectoryException.Kind.MALFORMED, "The recovery password of key "
                        + key.getKeyId() + " in Active Directory is malformed (not 8 groups of 6 digits that BitLocker"
                        + " accepts); it is not released.");
            }
            note(realm, null);
            Object keyPackage = withKeyPackage ? RecoveryObject.value(attributes.get(RecoveryObject.KEY_PACKAGE)) : null;
            // A package the account may not read (or no longer there) is none: the release answers key_package_not_found.
            return new KeyMaterial(password, keyPackage instanceof byte[] bytes ? bytes : null);
        } catch (NamingException e) {
            throw DirectoryException.of(e, "read of key " + key.getKeyId(), settings);
        } catch (DirectoryException e) {
            LOG.warnf("Key %s of device %s was not read from Active Directory: %s", key.getKeyId(), device.getId(),
                    e.getMessage());
            throw e;
        }
    }

    /**
     * Attributes of the key's recovery object: the computer found by its {@code objectGUID} under {@code baseDn},
     * the recovery object by its {@code msFVE-RecoveryGuid} under that computer (names only), then one base-scope
     * read of that object for {@code attributes} — the recovery password, and the key package
     * ({@link RecoveryObject#KEY_PACKAGE}) when one is asked for. An attribute missing from the answer is not shown
     * to the account (or not set).
     */
    private static Attributes readFromRecoveryObject(DirectoryConnection directory, DeviceModel device,
            RecoveryKeyModel key, String... attributes) throws DirectoryException {
        DirectorySettings settings = directory.settings();
        try {
            List<SearchResult> computers = directory.search(settings.baseDn(),
                    "(objectGUID=" + WindowsGuid.filterValue(device.getId()) + ")", 2, "distinguishedName");
            String computerDn = computers.size() == 1 ? (String) RecoveryObject.value(
                    computers.get(0).getAttributes().get("distinguishedName")) : null;
            if (computerDn == null) {
                throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "Computer " + device.getId()
                        + " is not under " + settings.baseDn() + " in Active Directory (or the account may not see it).");
            }
            List<SearchResult> objects = directory.children(computerDn, "(&(objectClass=" + RecoveryObject.CLASS + ")("
                    + RecoveryObject.RECOVERY_GUID + "=" + WindowsGuid.filterValue(key.getKeyId()) + "))", 2,
                    "distinguishedName");
            String objectDn = objects.size() == 1 ? (String) RecoveryObject.value(
                    objects.get(0).getAttributes().get("distinguishedName")) : null;
            if (objectDn == null) {
                throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "Key " + key.getKeyId()
                        + " has no recovery object under computer " + device.getId() + " in Active Directory.");
            }
            SearchResult object = directory.read(objectDn, "(objectClass=" + RecoveryObject.CLASS + ")", attributes);
            return object == null ? new BasicAttributes(true) : object.getAttributes();
        } catch (NamingException e) {
            throw DirectoryException.of(e, "read of key " + key.getKeyId(), settings);
        }
    }

    /** Sets (or, after a successful read, clears) the sync state's note that passwords cannot be read. */
    private void note(RealmModel realm, String note) {
        String realmId = realm.getId();
        try {
            Transactions.inRealm(session.getKeycloakSessionFactory(), realmId, (s, r) -> {
                SyncStateProvider store = s.getProvider(SyncStateProvider.class);
                SyncState state = store.getState(r);
                if (state != null && (note != null ? !note.equals(state.error()) : UNREADABLE.equals(state.error()))) {
                    store.saveState(r, state.noted(note));
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debugf("The sync state of realm %s was not updated: %s", realm.getName(), e.toString());
        }
    }

    @Override
    public void requestRotation(RealmModel realm, DeviceModel device) throws KeySourceUnavailableException {
        throw new KeySourceUnavailableException("Active Directory cannot rotate keys.");
    }
}
