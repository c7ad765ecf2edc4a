package io.keygate.bitlocker.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GuidTest {

    private static final String CANONICAL = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    @ParameterizedTest
    @ValueSource(strings = {
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0",
            "0F1e2D3c-4b5A-6978-8796-a5B4c3D2e1F0",
            "{0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0}",
            "{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}",
    })
    void anyCaseWithOrWithoutBracesNormalisesToLowerCase(String value) {
        assertThat(Guid.normalize(value)).isEqualTo(CANONICAL);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "{0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0}",
            "{{0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0}}",
            "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f",
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f00",
            "0f1e2d3c4-b5a-6978-8796-a5b4c3d2e1f0",
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fg",
            " 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 ",
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\n",
            "0f1e2d3c_4b5a_6978_8796_a5b4c3d2e1f0",
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' or '1'='1",
            "０f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    })
    void anythingElseIsNotAGuid(String value) {
        assertThat(Guid.normalize(value)).isNull();
    }
}
