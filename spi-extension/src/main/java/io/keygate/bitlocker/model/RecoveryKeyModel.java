package io.keygate.bitlocker.model;

/** A BitLocker recovery-password protector of a device. Its password is never part of the model. */
public interface RecoveryKeyModel {

    /** The protector's GUID, lower-case. */
    String getKeyId();

    DeviceModel getDevice();

    VolumeType getVolumeType();

    KeyState getState();

    long getCreatedAt();

    Long getSupersededAt();

    /** The device no longer lists this key. */
    void supersede(long at);

    /** The device lists this key again. */
    void reactivate();

    /** The thumbprint of the agent key the device was pinned to when it escrowed this key; {@code null} when unbound. */
    String getEscrowedUnder();

    void setEscrowedUnder(String jkt);

    /** When this key's recovery password was first released to anyone; {@code null} while it never was. */
    Long getReleasedAt();

    /** Its password has left the vault: it no longer proves that a check-in comes from the device. */
    void markReleased(long at);

    /** The sealed password of a locally escrowed key; {@code null} for keys held by a remote source. */
    SealedSecret getSealed();

    void setSealed(SealedSecret sealed);

    default boolean isActive() {
        return getState() == KeyState.ACTIVE;
    }
}
