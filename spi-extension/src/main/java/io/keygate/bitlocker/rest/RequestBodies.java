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

    private RequestBodies() {
    }

    /** The body as UTF-8 text, or 400 when it is too large or not valid UTF-8. */
    public static String utf8(byte[] body) {
        if (body == null) {
            return "";
        }
        if (body.length > MAX_BYTES) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "The request body exceeds " + MAX_BYTES + " bytes.").exception();
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
