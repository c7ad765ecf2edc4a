package io.keygate.bitlocker.keysource;

import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * One source of recovery keys, for one session. A provider reads its own section of the realm's
 * configuration; callers ask what it can do instead of comparing ids. Key material is fetched only
 * at release time and never stored by callers.
 */
public interface KeySourceProvider extends Provider {

    /**
     * Whether device agents escrow into this source ({@code PUT /escrow/devices/{id}}); else 409
     * {@code escrow_not_local}. Only a source that keeps an {@link #escrowVault escrow vault} does.
     */
    default boolean acceptsAgentEscrow() {
        return false;
    }

    /** Whether the source can have a device rotate its recovery password on demand (most can, through an agent). */
    default boolean canRotate() {
        return true;
    }

    /** Whether the source's metadata is synchronised into the extension's tables on a schedule. */
    default boolean syncsMetadata() {
        return false;
    }

    /**
     * How this source keeps the recovery passwords agents escrow.
     *
     * @throws KeySourceUnavailableException when it cannot keep them now (no usable key-encryption key)
     * @throws UnsupportedOperationException when the source does not {@link #acceptsAgentEscrow() accept agent escrow}
     */
    default EscrowVault escrowVault(RealmModel realm) throws KeySourceUnavailableException {
        throw new UnsupportedOperationException("this key source does not accept agent escrow");
    }

    /**
     * The recovery password of a key, for a release that has passed every check. Called in the request's
     * transaction, which a release ends with a rollback (its own writes are committed apart): a source that must
     * record something does it in a transaction of its own, as {@link #requestRotationAfterRelease} does for Entra.
     *
     * @throws KeySourceUnavailableException when the source cannot produce it (no usable KEK,
     *         remote source down, key gone at the source)
     */
    String recoveryPassword(RealmModel realm, DeviceModel device, RecoveryKeyModel key) throws KeySourceUnavailableException;

    /**
     * Whether the source holds a BitLocker key package for {@code key} (SPEC §3 {@code "keyPackage":true}), decided
     * from what is stored, without reading any key material: a release that asks for the package of a key without
     * one is refused (404 {@code key_package_not_found}) before anything is fetched. The default reads the key's
     * {@link RecoveryKeyModel#hasKeyPackage() metadata}; a source that releases no packages (Entra ID, Active
     * Directory with {@code keyPackages} off) answers {@code false}.
     */
    default boolean holdsKeyPackage(RealmModel realm, RecoveryKeyModel key) {
        return key.hasKeyPackage();
    }

    /**
     * The key material of a release that has passed every check, in one fetch (for Active Directory, one base-scope
     * read of the recovery object): the recovery password and, with {@code withKeyPackage} (only asked when
     * {@link #holdsKeyPackage} said yes), the key package — or a {@code null} package when the source turns out to
     * hold none after all (the release then answers 404 {@code key_package_not_found}). Called like
     * {@link #recoveryPassword}, in the request's transaction, which is rolled back. Neither value is ever logged or
     * put in an exception's message. The default is for a source without key packages: the password alone.
     *
     * @throws KeySourceUnavailableException as {@link #recoveryPassword}
     */
    default KeyMaterial keyMaterial(RealmModel realm, DeviceModel device, RecoveryKeyModel key, boolean withKeyPackage)
            throws KeySourceUnavailableException {
        return KeyMaterial.recoveryPassword(recoveryPassword(realm, device, key));
    }

    /**
     * Asks the device to rotate its recovery password. A source whose agent learns of it at its next
     * check-in has nothing to call.
     */
    void requestRotation(RealmModel realm, DeviceModel device) throws KeySourceUnavailableException;

    /**
     * Starts the rotation that follows a release, without holding up the release: a source that calls out
     * (Intune) does so later, on its own; a failure leaves the rotation PENDING until its timeout. Like
     * {@link #recoveryPassword}, called in the request's transaction, which is rolled back.
     */
    default void requestRotationAfterRelease(RealmModel realm, DeviceModel device) {
        // An agent learns of it at its next check-in.
    }

    /**
     * Brings one device's metadata up to date from the source before it is shown (a source whose
     * metadata is {@link #syncsMetadata() synchronised}); may add a device the last sync has not seen yet.
     * A source that cannot be reached leaves what is stored as it is.
     */
    default void refresh(RealmModel realm, String deviceId) {
    }

    @Override
    default void close() {
    }
}
