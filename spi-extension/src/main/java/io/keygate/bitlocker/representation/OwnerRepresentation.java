package io.keygate.bitlocker.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code Device.owner}: the owner's Keycloak username and/or e-mail address. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OwnerRepresentation(String username, String email) {
}
