package io.keygate.bitlocker.keysource.ad;

import javax.naming.AuthenticationException;
import javax.naming.CommunicationException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NoPermissionException;
import javax.naming.ServiceUnavailableException;

import io.keygate.bitlocker.keysource.KeySourceUnavailableException;

/**
 * Active Directory could not deliver; the message names the cause for the operator and the caller (never a
 * password: the directory's own text is not passed on, only the kind of failure and where).
 */
final class DirectoryException extends KeySourceUnavailableException {

    enum Kind {
        UNREACHABLE, CREDENTIALS, FORBIDDEN, NOT_FOUND, MALFORMED, CONFIGURATION, OTHER
    }

    private final Kind kind;

    DirectoryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    /** A failed directory operation, by kind; {@code what} says what was being done. */
    static DirectoryException of(NamingException e, String what, DirectorySettings settings) {
        if (e instanceof CommunicationException || e instanceof ServiceUnavailableException
                || e.getRootCause() instanceof java.io.IOException) {
            return new DirectoryException(Kind.UNREACHABLE, "Active Directory at " + settings.where()
                    + " cannot be reached (" + what + ").");
        }
        if (e instanceof AuthenticationException) {
            return new DirectoryException(Kind.CREDENTIALS, "Active Directory at " + settings.where()
                    + " refused the key source's account '" + settings.bindDn() + "' (" + what + "): check 'bindDn' and"
                    + " 'bindCredential'.");
        }
        if (e instanceof NoPermissionException) {
            return new DirectoryException(Kind.FORBIDDEN, "The key source's account '" + settings.bindDn()
                    + "' may not do this in Active Directory (" + what + ").");
        }
        if (e instanceof NameNotFoundException) {
            return new DirectoryException(Kind.NOT_FOUND, "Active Directory has no such object (" + what + ").");
        }
        return new DirectoryException(Kind.OTHER, "Active Directory at " + settings.where() + " failed (" + what + "): "
                + e.getClass().getSimpleName());
    }
}
