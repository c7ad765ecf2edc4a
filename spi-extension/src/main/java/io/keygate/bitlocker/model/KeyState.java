package io.keygate.bitlocker.model;

/** ACTIVE: a protector the device has now. SUPERSEDED: replaced, still revealable until purged. */
public enum KeyState {
    ACTIVE,
    SUPERSEDED
}
