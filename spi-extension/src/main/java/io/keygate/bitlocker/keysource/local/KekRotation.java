package io.keygate.bitlocker.keysource.local;

import java.security.GeneralSecurityException;

import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.SealedSecret;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Re-wraps a realm's local vault under a new key-encryption key, in one transaction: every
 * ciphertext sealed with the old KEK is opened and sealed again with the new one. Rows already
 * under the new KEK are left alone, so an interrupted rotation can simply be run again.
 */
public final class KekRotation {

    public record Result(long rewrapped, long alreadyCurrent, long unreadable, String kekId) {
    }

    private KekRotation() {
    }

    /** How many sealed keys neither KEK opens (read only). */
    public static long unreadable(KeycloakSession session, RealmModel realm, KekCipher from, KekCipher to) {
        long[] count = new long[1];
        session.getProvider(DeviceProvider.class).forEachSealedKey(realm, key -> {
            SealedSecret sealed = key.getSealed();
            if (to.kekId().equals(sealed.kekId())) {
                return;
            }
            try {
                if (!from.kekId().equals(sealed.kekId())) {
                    throw new GeneralSecurityException("sealed under another KEK");
                }
                from.decrypt(sealed.ciphertext(), KekCipher.associatedData(realm.getId(), key.getDevice().getId(), key.getKeyId()));
            } catch (GeneralSecurityException e) {
                count[0]++;
            }
        });
        return count[0];
    }

    public static Result rewrap(KeycloakSession session, RealmModel realm, KekCipher from, KekCipher to) {
        long[] counts = new long[3];
        session.getProvider(DeviceProvider.class).forEachSealedKey(realm, key -> counts[outcome(realm, key, from, to)]++);
        return new Result(counts[0], counts[1], counts[2], to.kekId());
    }

    /** 0 re-wrapped, 1 already under the new KEK, 2 unreadable. */
    private static int outcome(RealmModel realm, RecoveryKeyModel key, KekCipher from, KekCipher to) {
        SealedSecret sealed = key.getSealed();
        if (to.kekId().equals(sealed.kekId())) {
            return 1;
        }
        if (!from.kekId().equals(sealed.kekId())) {
            return 2;
        }
        String aad = KekCipher.associatedData(realm.getId(), key.getDevice().getId(), key.getKeyId());
        try {
            key.setSealed(new SealedSecret(to.encrypt(from.decrypt(sealed.ciphertext(), aad), aad), to.kekId()));
            return 0;
        } catch (GeneralSecurityException e) {
            return 2;
        }
    }
}
