package io.keygate.bitlocker.ticketing.jira;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class AtlassianDocumentTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode adf(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void textOfNestedBlocksInlineNodesAndTables() throws Exception {
        JsonNode document = adf("{'type':'doc','version':1,'content':["
                + "{'type':'heading','attrs':{'level':2},'content':[{'type':'text','text':'Affected'}]},"
                + "{'type':'bulletList','content':[{'type':'listItem','content':[{'type':'paragraph','content':["
                + "{'type':'text','text':'HD-LAPTOP-7','marks':[{'type':'strong'}]}]}]}]},"
                + "{'type':'paragraph','content':[{'type':'text','text':'owner '},{'type':'mention','attrs':{'id':'1','text':'@Anna'}},"
                + "{'type':'hardBreak'},{'type':'inlineCard','attrs':{'url':'https://cmdb.example/ci/42'}}]},"
                + "{'type':'table','content':[{'type':'tableRow','content':["
                + "{'type':'tableCell','content':[{'type':'paragraph','content':[{'type':'text','text':'Device'}]}]},"
                + "{'type':'tableCell','content':[{'type':'paragraph','content':[{'type':'text','text':'HD-LAPTOP-8'}]}]}]}]}]}");

        String text = AtlassianDocument.plainText(document);

        assertThat(text).contains("Affected", "@Anna", "https://cmdb.example/ci/42");
        assertThat(text.lines()).contains("HD-LAPTOP-7", "Device", "HD-LAPTOP-8");
    }

    @Test
    void adjacentBlocksDoNotRunTogether() throws Exception {
        JsonNode document = adf("{'type':'doc','version':1,'content':["
                + "{'type':'paragraph','content':[{'type':'text','text':'HD-LAPTOP-7'}]},"
                + "{'type':'paragraph','content':[{'type':'text','text':'needs a key'}]}]}");

        assertThat(AtlassianDocument.plainText(document)).isEqualTo("HD-LAPTOP-7\nneeds a key");
    }

    @Test
    void nullAndForeignShapesAreEmpty() throws Exception {
        assertThat(AtlassianDocument.plainText(JSON.nullNode())).isEmpty();
        assertThat(AtlassianDocument.plainText(adf("'just a string'"))).isEmpty();
        assertThat(AtlassianDocument.plainText(null)).isEmpty();
    }

    @Test
    void aDeeplyNestedDocumentDoesNotOverflowTheStack() {
        ObjectNode root = JSON.createObjectNode().put("type", "doc");
        ObjectNode current = root;
        for (int i = 0; i < 5000; i++) {
            current = current.putArray("content").addObject().put("type", "blockquote");
        }
        current.putArray("content").addObject().put("type", "text").put("text", "deep");

        assertThat(AtlassianDocument.plainText(root)).doesNotContain("deep");
    }

    @Test
    void commentTextBecomesOneParagraphPerLine() {
        ObjectNode document = AtlassianDocument.fromText("first\n\nthird");

        assertThat(document.path("type").asText()).isEqualTo("doc");
        assertThat(document.path("version").asInt()).isEqualTo(1);
        assertThat(document.path("content")).hasSize(3);
        assertThat(document.path("content").get(0).path("content").get(0).path("text").asText()).isEqualTo("first");
        assertThat(document.path("content").get(1).path("content")).isEmpty(); // ADF forbids empty text nodes
        assertThat(AtlassianDocument.plainText(document)).isEqualTo("first\n\nthird");
    }
}
