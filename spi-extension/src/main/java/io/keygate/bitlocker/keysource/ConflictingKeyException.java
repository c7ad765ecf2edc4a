package io.keygate.bitlocker.keysource;

/** Thrown by the escrow write path before anything is written when a report contradicts what is escrowed. */
public class ConflictingKeyException extends Exception {

    public ConflictingKeyException(String message) {
        super(message);
    }
}
