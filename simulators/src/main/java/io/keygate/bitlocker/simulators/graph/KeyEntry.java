package io.keygate.bitlocker.simulators.graph;

import java.time.Instant;
import java.util.UUID;

/** One escrowed recovery key as {@link GraphFleet} stores it ({@code seq}: its place in insertion order). */
record KeyEntry(long seq, UUID id, DeviceEntry device, VolumeType volumeType, Instant created) {

    RecoveryKey view() {
        return new RecoveryKey(id.toString(), device.deviceId.toString(), volumeType, created);
    }
}
