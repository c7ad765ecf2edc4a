package io.keygate.bitlocker.keysource;

import java.util.List;

import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.Encryption;
import io.keygate.bitlocker.model.VolumeType;

/**
 * What a key source says about a device now: an agent's check-in, or a device synchronised from a
 * remote source. {@code keys} are the recovery-password protectors the device has now.
 *
 * @param owner {@code null} leaves the recorded owner as it is
 */
public record DeviceReport(String deviceId, String deviceName, DeviceOwner owner, Encryption encryption,
        List<ReportedKey> keys) {

    /**
     * One protector. {@code recoveryPassword} and {@code keyPackage} only when an agent escrows them (never kept
     * in plaintext); {@code createdAt} when the source knows it (else: when it was first reported). {@code superseded}:
     * the source still holds the key but a newer one of its volume replaced it (Active Directory keeps every backup).
     * {@code keyPackageAtSource}: whether a synchronised source holds a key package for the key, which it releases
     * itself; {@code null} where the source does not say (agents send the package, and the vault's copy says).
     */
    public record ReportedKey(String keyId, VolumeType volumeType, String recoveryPassword, Long createdAt,
            byte[] keyPackage, boolean superseded, Boolean keyPackageAtSource) {

        /** A current protector reported without a key package (a synchronised source keeps its packages itself). */
        public ReportedKey(String keyId, VolumeType volumeType, String recoveryPassword, Long createdAt) {
            this(keyId, volumeType, recoveryPassword, createdAt, null, false, null);
        }

        /** A protector as an agent reports it, with its recovery password and perhaps its key package. */
        public ReportedKey(String keyId, VolumeType volumeType, String recoveryPassword, byte[] keyPackage) {
            this(keyId, volumeType, recoveryPassword, null, keyPackage, false, null);
        }

        @Override
        public String toString() {
            return "ReportedKey[keyId=" + keyId + ", volumeType=" + volumeType + "]";
        }
    }
}
