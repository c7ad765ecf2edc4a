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

    /**
     * Whether the source holds a BitLocker key package for this key (SPEC §3 {@code hasKeyPackage}): sealed in the
     * local vault, or — for a source that keeps packages itself — as its sync last saw it.
     */
    boolean hasKeyPackage();

    /** For a source that keeps key packages itself (Active Directory): whether it holds one for this key. */
    void setHasKeyPackage(boolean has);

    /** The sealed key package of a locally escrowed key; {@code null} when it has none. Read only when asked for. */
    SealedSecret getSealedKeyPackage();

    /** Keeps (or with {@code null} drops) the sealed key package; {@link #hasKeyPackage()} follows. */
    void setSealedKeyPackage(SealedSecret sealed);

    default boolean isActive() {
        return getState() == KeyState.ACTIVE;
    }
}
