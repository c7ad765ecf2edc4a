package io.keygate.bitlocker.simulators.graph;

/** A Graph error answer thrown from deep inside a handler: status, Graph's {@code error.code} and message. */
final class GraphException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String code;

    GraphException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static GraphException badRequest(String message) {
        return new GraphException(400, "BadRequest", message);
    }

    static GraphException notFound() {
        return new GraphException(404, "NotFound", "Item not found");
    }

    static GraphException resourceNotFound(String id) {
        return new GraphException(404, "Request_ResourceNotFound", "Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }

    static GraphException segmentNotFound(String segment) {
        return badRequest("Resource not found for the segment '" + segment + "'.");
    }

    static GraphException forbidden() {
        return new GraphException(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }
}
