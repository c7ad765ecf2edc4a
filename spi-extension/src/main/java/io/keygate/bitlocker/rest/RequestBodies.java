package io.keygate.bitlocker.rest;

import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Request-body limits shared by every endpoint that takes JSON. */
public final class RequestBodies {

    /** SPEC §3: larger bodies are refused. */
    public static final int MAX_BYTES = 64 * 1024;

    /** SPEC §3: a check-in may be larger (its keys' packages, up to 100 KiB each), and so may a campaign's device list. */
    public static final int MAX_CHECK_IN_BYTES = 1024 * 1024;

    private RequestBodies() {
    }

    /** The body as UTF-8 text, or 400 when it is too large or not valid UTF-8. */
    public static String utf8(byte[] body) {
        return utf8(body, MAX_BYTES);
    }

    /** The body as UTF-8 text, or 400 when it is over {@code maxBytes} or not valid UTF-8. */
    public static String utf8(byte[] body, int maxBytes) {
        if (body == null) {
            return "";
        }
        if (body.length > maxBytes) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "The request body exceeds " + maxBytes + " bytes.").exception();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "The request body is not valid UTF-8.").exception();
        }
    }
}
