package io.keygate.bitlocker.ticketing.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Atlassian Document Format, the rich text of Jira Cloud REST v3: read as plain text, written from plain text. */
final class AtlassianDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AtlassianDocument() {
    }

    /**
     * The document's visible text. Blocks (paragraphs, list items, table cells…) end with a line break
     * so a device name at the end of one block cannot run into the next block's first word.
     */
    static String plainText(JsonNode document) {
        StringBuilder text = new StringBuilder();
        append(document, text, 0);
        return text.toString().strip();
    }

    private static void append(JsonNode node, StringBuilder text, int depth) {
        if (node == null || !node.isObject() || depth > 100) {
            return; // a depth cap keeps a hostile document from exhausting the stack
        }
        String type = node.path("type").asText("");
        JsonNode attrs = node.path("attrs");
        switch (type) {
            case "text" -> text.append(node.path("text").asText(""));
            case "hardBreak" -> text.append('\n');
            case "mention", "emoji", "status" -> text.append(attrs.path("text").asText(""));
            case "inlineCard", "blockCard", "embedCard" -> text.append(' ').append(attrs.path("url").asText("")).append(' ');
            default -> {
                // not an inline leaf: a container whose children carry the text
            }
        }
        JsonNode content = node.path("content");
        if (content.isArray()) {
            for (JsonNode child : content) {
                append(child, text, depth + 1);
            }
            text.append('\n');
        }
    }

    /** A document with one paragraph per line of {@code text}; ADF forbids empty text nodes, so blank lines stay empty paragraphs. */
    static ObjectNode fromText(String text) {
        ArrayNode paragraphs = NODES.arrayNode();
        for (String line : text.split("\n", -1)) {
            ObjectNode paragraph = paragraphs.addObject().put("type", "paragraph");
            ArrayNode content = paragraph.putArray("content");
            if (!line.isEmpty()) {
                content.addObject().put("type", "text").put("text", line);
            }
        }
        ObjectNode document = NODES.objectNode().put("type", "doc").put("version", 1);
        document.set("content", paragraphs);
        return document;
    }
}
