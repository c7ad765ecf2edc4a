package io.keygate.bitlocker.keysource.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under a realm's key-encryption key. The associated data binds a ciphertext to its
 * realm, device and key ID, so a ciphertext copied to another row does not decrypt.
 */
public final class KekCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] kek;
    private final String kekId;

    public KekCipher(byte[] kek) {
        if (kek == null || kek.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 256 bits");
        }
        this.kek = kek.clone();
        this.kekId = fingerprint(kek);
    }

    /** A short, non-secret identifier of a KEK: which key a row was encrypted with. */
    public static String fingerprint(byte[] kek) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("bitlocker-keygate-kek".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(Arrays.copyOf(digest.digest(kek), 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String kekId() {
        return kekId;
    }

    public String encrypt(String plaintext, String associatedData) {
        return encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
    }

    public String encrypt(byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** @throws GeneralSecurityException when the ciphertext was not made with this KEK and data */
    public String decrypt(String ciphertext, String associatedData) throws GeneralSecurityException {
        return new String(decryptBytes(ciphertext, associatedData), StandardCharsets.UTF_8);
    }

    /** @throws GeneralSecurityException when the ciphertext was not made with this KEK and data */
    public byte[] decryptBytes(String ciphertext, String associatedData) throws GeneralSecurityException {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("ciphertext is not base64");
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("ciphertext too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"),
                    new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (java.security.ProviderException e) {
            throw new GeneralSecurityException("ciphertext cannot be opened", e);
        }
    }

    /** What a key's ciphertext is bound to. */
    public static String associatedData(String realmId, String deviceId, String keyId) {
        return realmId + "|" + deviceId + "|" + keyId;
    }

    /** What a key's package ciphertext is bound to: not the password's, so neither opens in the other's place. */
    public static String keyPackageAssociatedData(String realmId, String deviceId, String keyId) {
        return associatedData(realmId, deviceId, keyId) + "|keyPackage";
    }
}
