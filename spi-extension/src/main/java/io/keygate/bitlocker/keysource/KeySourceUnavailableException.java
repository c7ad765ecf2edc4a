package io.keygate.bitlocker.keysource;

/** The key source cannot deliver; the message is safe to show and never contains key material. */
public class KeySourceUnavailableException extends Exception {

    public KeySourceUnavailableException(String message) {
        super(message);
    }

    public KeySourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
