package io.keygate.bitlocker.keysource;

/**
 * What a source hands a release (SPEC §3 step 8): the recovery password and, when the release asked for it, the
 * key's BitLocker key package. {@link #toString()} shows neither.
 *
 * @param keyPackage the package's bytes; {@code null} when not asked for, or when the source holds none after all
 */
public record KeyMaterial(String recoveryPassword, byte[] keyPackage) {

    /** The recovery password alone. */
    public static KeyMaterial recoveryPassword(String recoveryPassword) {
        return new KeyMaterial(recoveryPassword, null);
    }

    @Override
    public String toString() {
        return "KeyMaterial[keyPackage=" + (keyPackage != null) + "]";
    }
}
