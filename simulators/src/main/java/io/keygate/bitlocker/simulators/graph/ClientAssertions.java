package io.keygate.bitlocker.simulators.graph;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a client assertion (RFC 7523 JWT) the way the identity platform does: RS256 or PS256 signature by the
 * registered certificate's key ({@code x5t} / {@code x5t#S256} must match it when sent), {@code aud} = the token
 * endpoint, {@code iss} = {@code sub} = the client id, {@code exp} in the future, {@code nbf} not in the future,
 * a {@code jti}.
 */
final class ClientAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SKEW_SECONDS = 300;

    private ClientAssertions() {
    }

    /** Null when the assertion is good, else why not (for AADSTS700027's description). */
    static String problem(String jwt, X509Certificate certificate, String clientId, Set<String> audiences) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return "The client assertion is not a signed JWT.";
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(base64.decode(parts[0]));
            JsonNode claims = JSON.readTree(base64.decode(parts[1]));
            byte[] signature = base64.decode(parts[2]);
            String thumbprintProblem = thumbprintProblem(header, certificate);
            if (thumbprintProblem != null) {
                return thumbprintProblem;
            }
            Signature verifier = verifier(header.path("alg").asText());
            if (verifier == null) {
                return "Client assertion uses an unsupported algorithm '" + header.path("alg").asText() + "'.";
            }
            verifier.initVerify(certificate.getPublicKey());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(signature)) {
                return "Client assertion failed signature validation.";
            }
            return claimsProblem(claims, clientId, audiences);
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            return "Client assertion is malformed: " + e.getMessage();
        }
    }

    private static String claimsProblem(JsonNode claims, String clientId, Set<String> audiences) {
        long now = Instant.now().getEpochSecond();
        boolean audienceOk = false;
        JsonNode aud = claims.path("aud");
        for (JsonNode value : aud.isArray() ? aud : JSON.createArrayNode().add(aud)) {
            audienceOk |= audiences.contains(value.asText());
        }
        if (!audienceOk) {
            return "The audience claim '" + aud + "' is not the token endpoint.";
        }
        if (!clientId.equalsIgnoreCase(claims.path("iss").asText()) || !clientId.equalsIgnoreCase(claims.path("sub").asText())) {
            return "The iss and sub claims must both be the client id '" + clientId + "'.";
        }
        if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() + SKEW_SECONDS <= now) {
            return "The client assertion is expired (exp).";
        }
        if (claims.has("nbf") && claims.path("nbf").asLong() - SKEW_SECONDS > now) {
            return "The client assertion is not yet valid (nbf).";
        }
        if (claims.path("jti").asText("").isBlank()) {
            return "The client assertion has no jti claim.";
        }
        return null;
    }

    private static String thumbprintProblem(JsonNode header, X509Certificate certificate)
            throws GeneralSecurityException {
        byte[] der = certificate.getEncoded();
        if (header.hasNonNull("x5t") && !urlSafe(header.path("x5t").asText()).equals(thumbprint("SHA-1", der))) {
            return "The key was not found. Thumbprint of key used by client: '" + header.path("x5t").asText() + "'.";
        }
        if (header.hasNonNull("x5t#S256")
                && !urlSafe(header.path("x5t#S256").asText()).equals(thumbprint("SHA-256", der))) {
            return "The key was not found. Thumbprint of key used by client: '" + header.path("x5t#S256").asText() + "'.";
        }
        return null;
    }

    private static String thumbprint(String digest, byte[] der) throws GeneralSecurityException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance(digest).digest(der));
    }

    /** MSAL4J sends thumbprints in plain Base64, the JOSE spec in Base64url: compare them alike. */
    private static String urlSafe(String base64) {
        return base64.replace('+', '-').replace('/', '_').replaceAll("=+$", "");
    }

    private static Signature verifier(String alg) throws GeneralSecurityException {
        return switch (alg) {
            case "RS256" -> Signature.getInstance("SHA256withRSA");
            case "PS256" -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
            default -> null;
        };
    }
}
