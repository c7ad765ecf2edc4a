package io.keygate.bitlocker.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import io.keygate.bitlocker.keysource.RecoveryPasswordFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryPasswordFormatTest {

    private static final String VALID = "123453-234564-345675-456786-567897-679008-000000-720885";

    @Test
    void passwordsBuiltLikeBitLockerBuildsThemAreValid() {
        Random random = new Random(20261125L);
        for (int i = 0; i < 500; i++) {
            String password = RecoveryPasswords.random(random);
            assertThat(RecoveryPasswordFormat.isValid(password)).as(password).isTrue();
        }
    }

    @Test
    void theSmallestAndLargestGroupsAreValid() {
        assertThat(RecoveryPasswordFormat.isValid(RecoveryPasswords.of(0, 0, 0, 0, 0, 0, 0, 0))).isTrue();
        assertThat(RecoveryPasswordFormat.isValid(RecoveryPasswords.of(65535, 65535, 65535, 65535, 65535, 65535,
                65535, 65535))).isTrue();
        assertThat(RecoveryPasswords.of(65535, 0, 0, 0, 0, 0, 0, 0)).startsWith("720885-");
    }

    @Test
    void theHandWrittenSampleIsValid() {
        assertThat(RecoveryPasswordFormat.isValid(VALID)).isTrue();
    }

    @Test
    void aGroupOf11Times65536IsRejected() {
        assertThat(RecoveryPasswordFormat.isValid(VALID.replace("720885", "720896"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"720907", "999999", "989890"})
    void aGroupDivisibleBy11ButAbove16BitsIsRejected(String group) {
        assertThat(Integer.parseInt(group) % 11).isZero();
        assertThat(RecoveryPasswordFormat.isValid(VALID.replace("000000", group))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"000001", "123456", "720884", "000010", "999998"})
    void aGroupNotDivisibleBy11IsRejected(String group) {
        assertThat(RecoveryPasswordFormat.isValid(VALID.replace("000000", group))).isFalse();
    }

    @Test
    void aGroupNotDivisibleBy11IsRejectedInEveryPosition() {
        String[] groups = VALID.split("-");
        for (int i = 0; i < groups.length; i++) {
            String[] broken = groups.clone();
            broken[i] = String.format("%06d", Integer.parseInt(groups[i]) + 1);
            assertThat(RecoveryPasswordFormat.isValid(String.join("-", broken))).as("group %d", i).isFalse();
        }
    }

    @Test
    void sevenGroupsAreRejected() {
        assertThat(RecoveryPasswordFormat.isValid(VALID.substring(0, VALID.lastIndexOf('-')))).isFalse();
    }

    @Test
    void nineGroupsAreRejected() {
        assertThat(RecoveryPasswordFormat.isValid(VALID + "-000011")).isFalse();
    }

    @Test
    void aFiveDigitGroupIsRejected() {
        assertThat(RecoveryPasswordFormat.isValid(VALID.replace("000000", "00000"))).isFalse();
    }

    @Test
    void aSevenDigitGroupIsRejected() {
        assertThat(RecoveryPasswordFormat.isValid(VALID.replace("000000", "0000000"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "12345a-234564-345675-456786-567897-679008-000000-720885",
            "ABCDEF-234564-345675-456786-567897-679008-000000-720885",
            "123453 234564 345675 456786 567897 679008 000000 720885",
            "123453-234564-345675-456786 -567897-679008-000000-720885",
            "123453-234564-345675-456786-567897-679008-000000-+72088",
            "123453234564345675456786567897679008000000720885",
            "123453--234564-345675-456786-567897-679008-000000-720885",
            "-123453-234564-345675-456786-567897-679008-000000-720885",
            "123453-234564-345675-456786-567897-679008-000000-720885-",
            "１２３４５３-234564-345675-456786-567897-679008-000000-720885",
            "١٢٣٤٥٣-234564-345675-456786-567897-679008-000000-720885",
    })
    void anythingButDigitsAndSingleDashesIsRejected(String password) {
        assertThat(RecoveryPasswordFormat.isValid(password)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\n", "\t", "\r\n"})
    void leadingOrTrailingWhitespaceIsRejected(String whitespace) {
        assertThat(RecoveryPasswordFormat.isValid(whitespace + VALID)).isFalse();
        assertThat(RecoveryPasswordFormat.isValid(VALID + whitespace)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aMissingPasswordIsRejected(String password) {
        assertThat(RecoveryPasswordFormat.isValid(password)).isFalse();
    }
}
