package io.keygate.bitlocker.escrow;

import java.util.List;

/** The body of {@code PUT /escrow/devices/{deviceId}}, bound strictly (unknown fields are refused). */
public record CheckInRequest(String deviceName, String owner, String encryption, List<EscrowedKey> keys) {

    /**
     * One recovery-password protector the device has now, with its BitLocker key package (base64) when the agent
     * sends it. {@code toString} never shows the password or the package.
     */
    public record EscrowedKey(String keyId, String recoveryPassword, String volumeType, String keyPackage) {
        @Override
        public String toString() {
            return "EscrowedKey[keyId=" + keyId + ", volumeType=" + volumeType + "]";
        }
    }
}
