package io.keygate.bitlocker.authz;

/** Who asks, as the release policy sees them: an identity and the roles they hold now. */
public interface Requester {

    String userId();

    /** Whether the requester holds the role now (in the token and on the live user). */
    boolean has(BitLockerRole role);
}
