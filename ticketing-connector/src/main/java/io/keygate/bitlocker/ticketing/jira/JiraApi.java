package io.keygate.bitlocker.ticketing.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.bitlocker.ticketing.TicketComment;
import io.keygate.bitlocker.ticketing.TicketComment;
import io.keygate.bitlocker.ticketing.TicketingSettings;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;
import io.keygate.bitlocker.ticketing.http.AuthorizationHeader;

/** What differs between Jira Cloud (REST v3) and Jira Data Center (REST v2): authentication and rich text. */
enum JiraApi {

    /** Jira Cloud: Basic with the account e-mail and an API token; texts are Atlassian Document Format. */
    CLOUD_V3("3") {
        @Override
        String authorization(TicketingSettings settings) throws TicketingUnavailableException {
            return AuthorizationHeader.basic(settings.username(), settings.token());
        }

        @Override
        String descriptionText(JsonNode description) {
            return AtlassianDocument.plainText(description);
        }

        @Override
        JsonNode commentBody(TicketComment annotation) {
            return AtlassianDocument.fromText(annotation.text());
        }
    },

    /** Jira Data Center: a personal access token as Bearer; texts are plain (wiki markup) strings. */
    DATA_CENTER_V2("2") {
        @Override
        String authorization(TicketingSettings settings) throws TicketingUnavailableException {
            return AuthorizationHeader.bearer(settings.token());
        }

        @Override
        String descriptionText(JsonNode description) {
            return description.isTextual() ? description.asText() : "";
        }

        /** Wiki markup: a device named {@code [x|https://…]} must not become a link, nor {@code {html}} a macro. */
        @Override
        JsonNode commentBody(TicketComment annotation) {
            return JsonNodeFactory.instance.textNode(annotation.text(JiraApi::escapeWikiMarkup));
        }
    };

    /** JSM's entity property that makes a comment internal (visible to agents, not to the customer). */
    static final String INTERNAL_COMMENT_PROPERTY = "sd.public.comment";

    private final String version;

    JiraApi(String version) {
        this.version = version;
    }

    static JiraApi of(String apiVersion) throws TicketingUnavailableException {
        for (JiraApi api : values()) {
            if (api.version.equals(apiVersion == null ? "" : apiVersion.trim())) {
                return api;
            }
        }
        throw new TicketingUnavailableException("Jira apiVersion must be 3 (Cloud) or 2 (Data Center)");
    }

    abstract String authorization(TicketingSettings settings) throws TicketingUnavailableException;

    abstract String descriptionText(JsonNode description);

    abstract JsonNode commentBody(TicketComment annotation);

    /** Jira wiki markup's special characters, each escaped with a backslash so it shows as itself. */
    static String escapeWikiMarkup(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if ("\\[]{}|!^~*_+?#".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** {@code key} must already have passed {@link JiraProvider#isWellFormedKey}. */
    String issuePath(String key) {
        return "/rest/api/" + version + "/issue/" + key;
    }

    /** The comment request: the body in this API's text format, marked internal for JSM. */
    ObjectNode internalComment(TicketComment annotation) {
        ObjectNode comment = JsonNodeFactory.instance.objectNode();
        comment.set("body", commentBody(annotation));
        ArrayNode properties = comment.putArray("properties");
        ObjectNode property = properties.addObject().put("key", INTERNAL_COMMENT_PROPERTY);
        property.putObject("value").put("internal", true);
        return comment;
    }
}
