package io.keygate.bitlocker.model;

/** BitLocker state of a device's volumes as its agent reports it. */
public enum Encryption {
    ENCRYPTED,
    ENCRYPTING,
    NOT_ENCRYPTED,
    FAILED
}
