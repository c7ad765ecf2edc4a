package io.keygate.bitlocker.keysource.entra;

import io.keygate.bitlocker.keysource.KeySourceUnavailableException;

/**
 * Microsoft Graph (or the identity platform) did not deliver. The message says what to fix and is
 * safe to show: it never holds key material or a secret.
 */
class GraphException extends KeySourceUnavailableException {

    enum Kind {
        /** 429 beyond what the call could wait. */
        THROTTLED,
        /** 5xx, a timeout, a network failure. */
        UNAVAILABLE,
        /** 403: the app lacks a permission (named in the message). */
        FORBIDDEN,
        /** 404: the object is not (or no longer) there. */
        NOT_FOUND,
        /** The identity platform refused our credentials, or Graph refused the token. */
        CREDENTIALS,
        /** Graph answered about another object than the one asked for (another key, another device). */
        WRONG_OBJECT,
        /** Anything else Graph refused. */
        REJECTED
    }

    private final Kind kind;

    GraphException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    GraphException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
