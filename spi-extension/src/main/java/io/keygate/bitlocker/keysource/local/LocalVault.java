package io.keygate.bitlocker.keysource.local;

import java.security.GeneralSecurityException;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.KekFormat;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.jpa.RecoveryKeyEntity;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The local vault: recovery passwords sealed with AES-256-GCM under the realm's KEK
 * ({@code local.kek}, literal or from Keycloak's vault). Without a usable KEK nothing is sealed
 * or opened — there is no plaintext fallback.
 */
public final class LocalVault {

    private final RealmModel realm;
    private final KekCipher cipher;

    private LocalVault(RealmModel realm, KekCipher cipher) {
        this.realm = realm;
        this.cipher = cipher;
    }

    public static LocalVault open(KeycloakSession session, RealmModel realm, BitLockerConfig config)
            throws KeySourceUnavailableException {
        String kek = new RealmConfigStore(session, realm).resolveSecret(config.local.kek)
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

    /** Seals a password for a key row and records which KEK sealed it. */
    public void seal(RecoveryKeyEntity key, String deviceId, String recoveryPassword) {
        key.setCiphertext(cipher.encrypt(recoveryPassword, KekCipher.associatedData(realm.getId(), deviceId, key.getKeyId())));
        key.setKekId(cipher.kekId());
    }

    public String open(RecoveryKeyEntity key, String deviceId) throws KeySourceUnavailableException {
        if (key.getCiphertext() == null) {
            throw new KeySourceUnavailableException("No key material is escrowed for key " + key.getKeyId() + ".");
        }
        if (!cipher.kekId().equals(key.getKekId())) {
            throw new KeySourceUnavailableException("Key " + key.getKeyId() + " is sealed with another key-encryption key ("
                    + key.getKekId() + "); re-wrap the vault after changing 'local.kek'.");
        }
        try {
            return cipher.decrypt(key.getCiphertext(), KekCipher.associatedData(realm.getId(), deviceId, key.getKeyId()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeySourceUnavailableException("Key " + key.getKeyId() + " cannot be unsealed.");
        }
    }
}
