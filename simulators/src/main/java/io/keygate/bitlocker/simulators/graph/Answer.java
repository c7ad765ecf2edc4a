package io.keygate.bitlocker.simulators.graph;

import java.util.Map;

/** What a Graph or identity-platform handler answers: status, a JSON body (or null) and extra headers. */
record Answer(int status, Object body, Map<String, String> headers) {

    Answer(int status, Object body) {
        this(status, body, Map.of());
    }
}
