package io.keygate.bitlocker.keysource.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import io.keygate.bitlocker.config.KekFormat;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.keysource.EscrowVault;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.SealedSecret;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The local vault: recovery passwords sealed with AES-256-GCM under the realm's KEK
 * ({@code local.kek}, literal or from Keycloak's vault). Without a usable KEK nothing is sealed
 * or opened — there is no plaintext fallback.
 */
public final class LocalVault implements EscrowVault {

    private final RealmModel realm;
    private final KekCipher cipher;

    private LocalVault(RealmModel realm, KekCipher cipher) {
        this.realm = realm;
        this.cipher = cipher;
    }

    /** The vault under the realm's {@code local.kek} as configured now (read again: a KEK rotation may just have committed). */
    public static LocalVault open(KeycloakSession session, RealmModel realm) throws KeySourceUnavailableException {
        RealmConfigStore store = new RealmConfigStore(session, realm);
        String kek = store.resolveSecret(store.loadCurrent().local.kek)
                .orElseThrow(() -> new KeySourceUnavailableException(
                        "The local key vault has no key-encryption key: set 'local.kek' (base64 256-bit key or ${vault.name})."));
        byte[] key = KekFormat.decode(kek);
        if (key == null) {
            throw new KeySourceUnavailableException("The local key-encryption key is not a base64 256-bit key.");
        }
        return new LocalVault(realm, new KekCipher(key));
    }

    public String kekId() {
        return cipher.kekId();
    }

    @Override
    public void seal(RecoveryKeyModel key, String recoveryPassword) {
        key.setSealed(new SealedSecret(cipher.encrypt(recoveryPassword, associatedData(key)), cipher.kekId()));
    }

    @Override
    public void sealKeyPackage(RecoveryKeyModel key, byte[] keyPackage) {
        key.setSealedKeyPackage(new SealedSecret(cipher.encrypt(keyPackage, keyPackageAssociatedData(key)), cipher.kekId()));
    }

    @Override
    public boolean holds(RecoveryKeyModel key, String recoveryPassword) throws KeySourceUnavailableException {
        return recoveryPassword.equals(open(key));
    }

    public String open(RecoveryKeyModel key) throws KeySourceUnavailableException {
        SealedSecret sealed = key.getSealed();
        if (sealed == null) {
            throw new KeySourceUnavailableException("No key material is escrowed for key " + key.getKeyId() + ".");
        }
        return new String(open(key, sealed, associatedData(key)), StandardCharsets.UTF_8);
    }

    /** The key package of {@code key}; {@code null} when it has none. */
    public byte[] openKeyPackage(RecoveryKeyModel key) throws KeySourceUnavailableException {
        SealedSecret sealed = key.getSealedKeyPackage();
        return sealed == null ? null : open(key, sealed, keyPackageAssociatedData(key));
    }

    private byte[] open(RecoveryKeyModel key, SealedSecret sealed, String associatedData) throws KeySourceUnavailableException {
        if (!cipher.kekId().equals(sealed.kekId())) {
            throw new KeySourceUnavailableException("Key " + key.getKeyId() + " is sealed with another key-encryption key ("
                    + sealed.kekId() + "); re-wrap the vault after changing 'local.kek'.");
        }
        try {
            return cipher.decryptBytes(sealed.ciphertext(), associatedData);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeySourceUnavailableException("Key " + key.getKeyId() + " cannot be unsealed.");
        }
    }

    private String associatedData(RecoveryKeyModel key) {
        return KekCipher.associatedData(realm.getId(), key.getDevice().getId(), key.getKeyId());
    }

    private String keyPackageAssociatedData(RecoveryKeyModel key) {
        return KekCipher.keyPackageAssociatedData(realm.getId(), key.getDevice().getId(), key.getKeyId());
    }
}
