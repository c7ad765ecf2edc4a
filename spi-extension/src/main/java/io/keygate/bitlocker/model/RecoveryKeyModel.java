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

    /** The sealed password of a locally escrowed key; {@code null} for keys held by a remote source. */
    SealedSecret getSealed();

    void setSealed(SealedSecret sealed);

    default boolean isActive() {
        return getState() == KeyState.ACTIVE;
    }
}
