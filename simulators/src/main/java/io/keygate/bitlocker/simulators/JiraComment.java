package io.keygate.bitlocker.simulators;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A comment the Jira simulator accepted.
 *
 * @param issueKey the issue it was added to
 * @param request  the JSON as posted ({@code body}, {@code properties})
 * @param text     the body's plain text (ADF flattened, one line per paragraph)
 * @param internal whether JSM's {@code sd.public.comment} property marked it internal
 */
public record JiraComment(String issueKey, JsonNode request, String text, boolean internal) {
}
