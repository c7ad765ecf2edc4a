package io.keygate.bitlocker.model;

/** A key rotation of one device: PENDING until the new key is escrowed, then COMPLETED or FAILED. */
public interface RotationModel {

    String getId();

    DeviceModel getDevice();

    RotationStatus getStatus();

    long getRequestedAt();

    String getRequestedBy();

    String getTicketKey();

    String getReason();

    Long getCompletedAt();

    String getNewKeyId();

    String getFailure();

    /** The key this rotation replaces (the one revealed); {@code null} when none was named. */
    String getReplacesKeyId();

    void complete(String newKeyId, long at);

    void fail(String why, long at);
}
