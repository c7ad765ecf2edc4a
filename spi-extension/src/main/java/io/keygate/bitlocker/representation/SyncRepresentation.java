package io.keygate.bitlocker.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * SPEC §3 {@code sync}: where a remote key source's metadata sync stands. {@code devices}, {@code keys} and
 * {@code requests} count the run in progress (the last run, once it completed); {@code error} says why the
 * last attempt stopped, and what to fix.
 */
public record SyncRepresentation(String state, String lastSuccessAt, long devices, long keys, long requests,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
}
