package io.keygate.bitlocker.model;

/**
 * A recovery password as the local vault stores it: AES-GCM ciphertext and the fingerprint of the
 * key-encryption key that sealed it. Never the password itself.
 */
public record SealedSecret(String ciphertext, String kekId) {

    @Override
    public String toString() {
        return "SealedSecret[kekId=" + kekId + "]";
    }
}
