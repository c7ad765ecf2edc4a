package io.keygate.bitlocker.device;

/** ACTIVE: a protector the device has now. SUPERSEDED: replaced, still revealable until purged. */
public enum KeyState {
    ACTIVE,
    SUPERSEDED
}
