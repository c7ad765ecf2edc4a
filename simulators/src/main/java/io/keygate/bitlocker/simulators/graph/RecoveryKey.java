package io.keygate.bitlocker.simulators.graph;

import java.time.Instant;

/**
 * A BitLocker recovery key as escrowed in Entra ID. The password is derived from the key id, so it is the same in
 * every run and never stored.
 */
public record RecoveryKey(String id, String deviceId, VolumeType volumeType, Instant createdDateTime) {

    /** The 48-digit recovery password Graph returns with {@code $select=key}. */
    public String password() {
        return RecoveryPasswords.of(id);
    }
}
