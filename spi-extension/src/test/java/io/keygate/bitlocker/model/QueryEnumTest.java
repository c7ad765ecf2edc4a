package io.keygate.bitlocker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §3 input rules: a query enum is spelt as SPEC writes it, case included; anything else is refused. */
class QueryEnumTest {

    @ParameterizedTest
    @EnumSource(EscrowStatus.class)
    void aValueSpeltAsSpecWritesItIsAccepted(EscrowStatus status) {
        assertThat(QueryEnum.parse(EscrowStatus.class, status.name(), "status")).isEqualTo(status);
    }

    @Test
    void anAbsentOrEmptyParameterIsNoFilter() {
        assertThat(QueryEnum.parse(AuditAction.class, null, "action")).isNull();
        assertThat(QueryEnum.parse(AuditAction.class, "", "action")).isNull();
    }

    /** The same rule for every list: {@code ?status=escrowed} and {@code ?action=key_revealed} alike. */
    @ParameterizedTest
    @ValueSource(classes = {EscrowStatus.class, ReleaseRequestStatus.class, AuditAction.class, AuditOutcome.class})
    void anotherCaseIsRefusedForEveryEnum(Class<? extends Enum<?>> type) {
        for (Enum<?> constant : type.getEnumConstants()) {
            for (String spelling : new String[] {constant.name().toLowerCase(), capitalised(constant.name())}) {
                assertThatThrownBy(() -> parse(type, spelling)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ESCROWED ", " ESCROWED", "ESCROW", "*", "ESCROWED,PENDING", "0"})
    void anythingElseIsRefused(String value) {
        assertThatThrownBy(() -> QueryEnum.parse(EscrowStatus.class, value, "status"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMessageNamesTheParameterAndEveryAllowedValue() {
        assertThatThrownBy(() -> QueryEnum.parse(EscrowStatus.class, "escrowed", "status"))
                .hasMessage("'status' must be one of [ESCROWED, PENDING, FAILED, NOT_AVAILABLE].");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<? extends Enum<?>> type, String value) {
        return QueryEnum.parse((Class) type, value, "x");
    }

    private static String capitalised(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase();
    }
}
