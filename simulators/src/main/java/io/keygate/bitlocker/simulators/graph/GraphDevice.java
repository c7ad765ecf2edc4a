package io.keygate.bitlocker.simulators.graph;

/**
 * A snapshot of one simulated device as Entra ID and Intune know it.
 *
 * @param objectId         the Entra device object's {@code id} ({@code /devices/{objectId}})
 * @param deviceId         the Entra {@code deviceId} (= recovery keys' {@code deviceId} = Intune's {@code azureADDeviceId})
 * @param managedDeviceId  the Intune managed device {@code id}
 * @param displayName      e.g. {@code DESKTOP-1A2B3C4}
 * @param operatingSystem  e.g. {@code Windows}
 * @param ownerId          the registered owner's user object id, or null
 * @param encrypted        whether the OS volume is encrypted ({@code encryptionState})
 * @param backupFailed     whether {@code advancedBitLockerStates} reports {@code recoveryKeyBackupFailed}
 */
public record GraphDevice(String objectId, String deviceId, String managedDeviceId, String displayName,
        String operatingSystem, String ownerId, boolean encrypted, boolean backupFailed) {
}
