package io.keygate.bitlocker.simulators;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A comment the Jira simulator accepted.
 *
 * @param issueKey the issue it was added to
 * @param request  the JSON as posted ({@code body}, {@code properties})
 * @param text     the body's plain text (ADF flattened, one line per paragraph)
 * @param internal whether JSM's {@code sd.public.comment} property marked it internal
 * @param id       the comment's ID as Jira numbers them
 * @param created  when it was added (ISO-8601, as Jira writes it)
 */
public record JiraComment(String issueKey, JsonNode request, String text, boolean internal, String id, String created) {
}
