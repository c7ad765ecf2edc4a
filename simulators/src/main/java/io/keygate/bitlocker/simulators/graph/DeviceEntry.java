package io.keygate.bitlocker.simulators.graph;

import java.util.UUID;

/**
 * One Entra device with its Intune managed device as {@link GraphFleet} stores it: mutable flags, its keys (oldest
 * first) replaced as a whole; {@code seq} is its place in insertion order.
 */
final class DeviceEntry {

    final long seq;
    final UUID objectId;
    final UUID deviceId;
    final UUID managedId;
    final String name;
    final String operatingSystem;
    final GraphUser owner;
    volatile boolean encrypted = true;
    volatile boolean backupFailed;
    volatile KeyEntry[] keys = new KeyEntry[0];

    DeviceEntry(long seq, UUID objectId, UUID deviceId, UUID managedId, String name, String os, GraphUser owner) {
        this.seq = seq;
        this.objectId = objectId;
        this.deviceId = deviceId;
        this.managedId = managedId;
        this.name = name;
        this.operatingSystem = os;
        this.owner = owner;
    }

    GraphDevice view() {
        return new GraphDevice(objectId.toString(), deviceId.toString(), managedId.toString(), name,
                operatingSystem, owner == null ? null : owner.id(), encrypted, backupFailed);
    }
}
