package io.keygate.bitlocker.authz;

import java.util.Map;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.keycloak.representations.AccessToken;

/**
 * SPEC §4: a release or rotation needs a token whose {@code acr} reaches the configured level of
 * authentication and whose {@code auth_time} is fresh. ACR values are compared as levels
 * through the realm's ACR→LoA map; a plain number is its own level. A token without
 * {@code auth_time}, or with an {@code acr} the map does not know, is insufficient.
 */
public final class StepUpPolicy {

    private final BitLockerConfig.StepUp config;
    private final Map<String, Integer> acrLoaMap;

    public StepUpPolicy(BitLockerConfig.StepUp config, Map<String, Integer> acrLoaMap) {
        this.config = config;
        this.acrLoaMap = acrLoaMap;
    }

    /** Why a token falls short, or {@code null} when it is strong and fresh enough. */
    public String shortfall(AccessToken token, long nowSeconds) {
        Integer required = levelOf(config.acr);
        if (required == null) {
            return "The configured step-up level '" + config.acr + "' is not in the realm's ACR mapping.";
        }
        Integer actual = levelOf(token.getAcr());
        if (actual == null || actual < required) {
            return "This operation needs authentication level " + config.acr + "; the token has "
                    + (token.getAcr() == null ? "none" : "'" + token.getAcr() + "'") + ".";
        }
        Long authTime = token.getAuth_time();
        if (authTime == null || authTime <= 0) {
            return "The token does not say when the user authenticated (auth_time).";
        }
        if (nowSeconds - authTime > config.maxAgeSeconds) {
            return "The authentication is older than " + config.maxAgeSeconds + " seconds.";
        }
        return null;
    }

    Integer levelOf(String acr) {
        if (acr == null || acr.isBlank()) {
            return null;
        }
        Integer mapped = acrLoaMap.get(acr);
        if (mapped != null) {
            return mapped;
        }
        try {
            return Integer.parseInt(acr);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A value safe inside a quoted-string of the header (no quotes, backslashes or control characters). */
    private static String quotable(String value) {
        return value.replaceAll("[\\\\\"\\p{Cntrl}]", "'");
    }

    /** 401 with the RFC 9470 challenge. */
    public Problem challenge(String shortfall) {
        String header = "Bearer error=\"insufficient_user_authentication\", error_description=\""
                + quotable(shortfall) + "\", acr_values=\"" + quotable(config.acr)
                + "\", max_age=" + config.maxAgeSeconds;
        return Problem.of(ProblemCode.INSUFFICIENT_USER_AUTHENTICATION, shortfall).header("WWW-Authenticate", header);
    }
}
