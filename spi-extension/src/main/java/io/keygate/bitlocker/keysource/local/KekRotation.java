package io.keygate.bitlocker.keysource.local;

import java.security.GeneralSecurityException;

import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.SealedSecret;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Re-wraps a realm's local vault under a new key-encryption key, in one transaction: every
 * ciphertext sealed with the old KEK — recovery passwords and key packages — is opened and sealed
 * again with the new one. Rows already under the new KEK are left alone, so an interrupted rotation
 * can simply be run again.
 */
public final class KekRotation {

    public record Result(long rewrapped, long alreadyCurrent, long unreadable, String kekId) {
    }

    private enum Outcome { REWRAPPED, CURRENT, UNREADABLE }

    private KekRotation() {
    }

    /** How many sealed keys (password or key package) neither KEK opens (read only). */
    public static long unreadable(KeycloakSession session, RealmModel realm, KekCipher from, KekCipher to) {
        long[] count = new long[1];
        session.getProvider(DeviceProvider.class).forEachSealedKey(realm, key -> {
            if (outcome(realm, key, from, to, false) == Outcome.UNREADABLE) {
                count[0]++;
            }
        });
        return count[0];
    }

    public static Result rewrap(KeycloakSession session, RealmModel realm, KekCipher from, KekCipher to) {
        long[] counts = new long[Outcome.values().length];
        session.getProvider(DeviceProvider.class).forEachSealedKey(realm,
                key -> counts[outcome(realm, key, from, to, true).ordinal()]++);
        return new Result(counts[Outcome.REWRAPPED.ordinal()], counts[Outcome.CURRENT.ordinal()],
                counts[Outcome.UNREADABLE.ordinal()], to.kekId());
    }

    /** What re-wrapping a key's password and key package comes to; with {@code write}, also does it. */
    private static Outcome outcome(RealmModel realm, RecoveryKeyModel key, KekCipher from, KekCipher to, boolean write) {
        String deviceId = key.getDevice().getId();
        SealedSecret password = key.getSealed();
        SealedSecret keyPackage = key.hasKeyPackage() ? key.getSealedKeyPackage() : null;
        String passwordData = KekCipher.associatedData(realm.getId(), deviceId, key.getKeyId());
        String keyPackageData = KekCipher.keyPackageAssociatedData(realm.getId(), deviceId, key.getKeyId());
        try {
            SealedSecret newPassword = rewrapped(password, passwordData, from, to);
            SealedSecret newKeyPackage = keyPackage == null ? null : rewrapped(keyPackage, keyPackageData, from, to);
            if (newPassword == password && newKeyPackage == keyPackage) {
                return Outcome.CURRENT;
            }
            if (write) {
                key.setSealed(newPassword);
                if (newKeyPackage != keyPackage) {
                    key.setSealedKeyPackage(newKeyPackage);
                }
            }
            return Outcome.REWRAPPED;
        } catch (GeneralSecurityException e) {
            return Outcome.UNREADABLE;
        }
    }

    /** {@code sealed} itself when it is under the new KEK already, else sealed again under it. */
    private static SealedSecret rewrapped(SealedSecret sealed, String associatedData, KekCipher from, KekCipher to)
            throws GeneralSecurityException {
        if (to.kekId().equals(sealed.kekId())) {
            return sealed;
        }
        if (!from.kekId().equals(sealed.kekId())) {
            throw new GeneralSecurityException("sealed under another KEK");
        }
        return new SealedSecret(to.encrypt(from.decryptBytes(sealed.ciphertext(), associatedData), associatedData), to.kekId());
    }
}
