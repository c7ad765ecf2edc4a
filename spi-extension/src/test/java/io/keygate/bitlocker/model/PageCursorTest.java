package io.keygate.bitlocker.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

    private static final String DEVICE_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    @Test
    void aCursorDecodesToWhatWasEncoded() {
        PageCursor cursor = new PageCursor("laptop-042", DEVICE_ID);

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"müller-pc", "пк-бухгалтерия", "会議室のpc", "💻 laptop 🔒", "a,b;c=d&e", "", " "})
    void aCursorOfAnyDeviceNameRoundTrips(String name) {
        PageCursor cursor = new PageCursor(name, DEVICE_ID);

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void theEncodedCursorIsUrlSafeWithoutPadding() {
        for (String name : new String[] {"a", "ab", "abc", "???>>>", "ÿÿÿ~~~", "💻💻💻"}) {
            assertThat(new PageCursor(name, DEVICE_ID).encode()).as(name).matches("[A-Za-z0-9_-]+");
        }
    }

    @Test
    void theCursorIsOpaque() {
        assertThat(new PageCursor("laptop-042", DEVICE_ID).encode()).doesNotContain("laptop").doesNotContain(DEVICE_ID);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"!!!", "not a cursor", "a+b/c=", "%00", "A", "AAAA====", "eyJ9"})
    void garbageIsNotACursor(String value) {
        assertThat(PageCursor.decode(value)).isNull();
    }

    @Test
    void validBase64WithoutTheSeparatorIsNotACursor() {
        String value = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("laptop-042|0f1e2d3c".getBytes(StandardCharsets.UTF_8));

        assertThat(PageCursor.decode(value)).isNull();
    }

    @Test
    void anOverlongValueIsNotACursor() {
        String longName = "x".repeat(2000);
        String encoded = new PageCursor(longName, DEVICE_ID).encode();

        assertThat(encoded.length()).isGreaterThan(2048);
        assertThat(PageCursor.decode(encoded)).isNull();
    }
}
