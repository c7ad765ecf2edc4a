package io.keygate.bitlocker.simulators.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.keygate.bitlocker.simulators.RecordedRequest;

/**
 * Graph's front door: the outage switch, the {@code User-Agent} and bearer token checks, then the handler of the
 * path under {@code /v1.0} or {@code /beta}; any {@link GraphException} becomes Graph's error document.
 */
final class GraphRouter {

    private final IdentityPlatform identity;
    private final BitLockerApi bitLocker;
    private final DirectoryApi directory;
    private final IntuneApi intune;
    volatile boolean outage;
    volatile int pageSize = 100;

    GraphRouter(IdentityPlatform identity, BitLockerApi bitLocker, DirectoryApi directory, IntuneApi intune) {
        this.identity = identity;
        this.bitLocker = bitLocker;
        this.directory = directory;
        this.intune = intune;
    }

    Answer answer(RecordedRequest request, String baseUrl) {
        String clientRequestId = request.header("client-request-id");
        try {
            if (outage) {
                throw new GraphException(503, "serviceNotAvailable", "The service is temporarily unavailable. Please retry later.");
            }
            if (request.header("User-Agent") == null) {
                throw GraphException.badRequest("The User-Agent header is required.");
            }
            IdentityPlatform.IssuedToken token = identity.token(bearer(request.header("Authorization")));
            if (token == null) {
                throw new GraphException(401, "InvalidAuthenticationToken", request.header("Authorization") == null
                        ? "Access token is empty." : "Access token validation failure. Invalid audience.");
            }
            if (token.expiresAt().isBefore(Instant.now())) {
                throw new GraphException(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
            }
            List<String> segments = new ArrayList<>();
            for (String segment : request.path().substring(1).split("/")) {
                segments.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
            String version = segments.remove(0);
            GraphCall call = new GraphCall(request, version, List.copyOf(segments), new GraphQuery(request.query()),
                    token.permissions(), baseUrl, pageSize);
            Object body = route(call);
            return new Answer(body == null ? 204 : 200, body, Map.of("client-request-id",
                    clientRequestId != null ? clientRequestId : UUID.randomUUID().toString()));
        } catch (GraphException e) {
            return new Answer(e.status, GraphErrors.body(e.code, e.getMessage(), clientRequestId));
        }
    }

    private Object route(GraphCall call) {
        if (call.segments().isEmpty() || call.segments().get(0).isEmpty()) {
            throw GraphException.badRequest("Invalid request.");
        }
        if (call.segmentIs(0, "informationProtection")) {
            return bitLocker.handle(call);
        }
        if (call.segmentIs(0, "devices")) {
            return directory.handle(call);
        }
        if (call.segmentIs(0, "deviceManagement") && call.segments().size() > 1) {
            return intune.handle(call);
        }
        throw GraphException.segmentNotFound(call.segments().get(0));
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }
}
