package io.keygate.bitlocker.model;

/**
 * One item a sync phase staged for a later phase: a key's metadata, a managed device, an encryption
 * state. Only identifiers, dates and states — never key material.
 *
 * @param itemId     the item's identifier at the source (key ID, managed device ID)
 * @param deviceId   the device GUID it belongs to, lower-case, when known
 * @param volumeType for keys
 * @param createdAt  for keys, when the source created it
 * @param value      a state, for encryption items
 */
public record StagedItem(Kind kind, String itemId, String deviceId, VolumeType volumeType, Long createdAt, String value) {

    public enum Kind {
        KEY,
        MANAGED_DEVICE,
        ENCRYPTION
    }
}
