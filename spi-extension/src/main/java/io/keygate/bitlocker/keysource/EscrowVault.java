package io.keygate.bitlocker.keysource;

import io.keygate.bitlocker.model.RecoveryKeyModel;

/** Where a source that accepts agent escrow keeps the reported recovery passwords. */
public interface EscrowVault {

    /** Keeps {@code recoveryPassword} for {@code key} (sealed; never in plaintext). */
    void seal(RecoveryKeyModel key, String recoveryPassword);

    /** Keeps the BitLocker key package of {@code key} (sealed like the password; SPEC §3). */
    void sealKeyPackage(RecoveryKeyModel key, byte[] keyPackage);

    /** Whether {@code key} holds exactly this password (a check-in must not change an escrowed key). */
    boolean holds(RecoveryKeyModel key, String recoveryPassword) throws KeySourceUnavailableException;
}
