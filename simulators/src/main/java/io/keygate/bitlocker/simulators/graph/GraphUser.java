package io.keygate.bitlocker.simulators.graph;

/** A directory user (a device's registered owner). */
public record GraphUser(String id, String userPrincipalName, String mail) {
}
