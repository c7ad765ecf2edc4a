package io.keygate.bitlocker.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    /** What the foreign documents were read with before there was one set-up. */
    private static final ObjectMapper JACKSON_DEFAULT = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"a\":{\"b\":true}} trailing", "[1] [2]", "{}", "", "  ", "null",
            "1.50", "12345678901234567890", "{\"x\":\"\\u00e9\",\"n\":null}"})
    void foreignDocumentsReadAsJacksonReadsThemByDefault(String document) throws Exception {
        assertThat(Json.FOREIGN.readTree(document)).isEqualTo(JACKSON_DEFAULT.readTree(document));
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        assertThat(Json.FOREIGN.readTree(bytes)).isEqualTo(JACKSON_DEFAULT.readTree(bytes));
    }

    @Test
    void strictReadingRefusesARepeatedKeyAndTrailingData() {
        assertThatThrownBy(() -> Json.MAPPER.readTree("{\"a\":1,\"a\":1}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.MAPPER.readTree("{} {}")).isInstanceOf(JsonProcessingException.class);
    }

    record Body(String name, int count, boolean flag) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"a\",\"other\":1}", "{\"name\":1}", "{\"count\":\"1\"}", "{\"count\":1.5}",
            "{\"flag\":\"true\"}", "{\"count\":null}", "{\"name\":[\"a\"]}"})
    void strictBindingRefusesWhatItWouldOtherwiseGuess(String body) {
        assertThatThrownBy(() -> Json.MAPPER.readValue(body, Body.class)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void writingKeepsNullsOrderAndNumbersAsJacksonWritesThemByDefault() throws Exception {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("z", "last name first");
        document.put("seq", 42L);
        document.put("none", null);
        document.put("a", 1.5);
        document.put("body", new Body("n", 3, true));
        assertThat(Json.MAPPER.writeValueAsString(document)).isEqualTo(JACKSON_DEFAULT.writeValueAsString(document))
                .isEqualTo("{\"z\":\"last name first\",\"seq\":42,\"none\":null,\"a\":1.5,"
                        + "\"body\":{\"name\":\"n\",\"count\":3,\"flag\":true}}");
    }

    @Test
    void foreignReadingGivesATree() throws Exception {
        JsonNode tree = Json.FOREIGN.readTree("{\"value\":[{\"id\":\"1\"}]}");
        assertThat(tree.at("/value/0/id").asText()).isEqualTo("1");
    }
}
