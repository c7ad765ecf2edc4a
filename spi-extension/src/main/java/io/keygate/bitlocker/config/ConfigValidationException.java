package io.keygate.bitlocker.config;

/** A configuration document that cannot be accepted; the message names the offending key. */
public class ConfigValidationException extends Exception {

    public ConfigValidationException(String message) {
        super(message);
    }
}
