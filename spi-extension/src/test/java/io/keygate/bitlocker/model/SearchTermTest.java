package io.keygate.bitlocker.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTermTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1a2b3c4d,                              1a2b3c4d",
            "1A2B3C4D,                              1a2b3c4d",
            "1a2b-3c4d,                             1a2b3c4d",
            "1A2B3C4D-5E6F,                         1a2b3c4d5e6f",
            "12345678,                              12345678",
            "deadbeef,                              deadbeef",
            "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d,  1a2b3c4d5e6f4a0b9c8d7e6f5a4b3c2d",
            "'  1a2b3c4d  ',                        1a2b3c4d",
    })
    void eightOrMoreHexDigitsSearchKeyIdsByPrefix(String search, String prefix) {
        assertThat(SearchTerm.parse(search)).isEqualTo(new SearchTerm(SearchTerm.Kind.KEY_ID, prefix));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1a2b3c4,                                 1a2b3c4",
            "1A2B-3C4,                                1a2b-3c4",
            "LAPTOP-042,                              laptop-042",
            "Desktop,                                 desktop",
            "'  Müller PC  ',                         müller pc",
            "1a2b3c4g,                                1a2b3c4g",
            "--------,                                --------",
            "1a2b3c4d5e6f4a0b9c8d7e6f5a4b3c2d0,       1a2b3c4d5e6f4a0b9c8d7e6f5a4b3c2d0",
            "'{1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d}', '{1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d}'",
    })
    void anythingElseSearchesDeviceNamesByLowerCasePrefix(String search, String prefix) {
        assertThat(SearchTerm.parse(search)).isEqualTo(new SearchTerm(SearchTerm.Kind.DEVICE_NAME, prefix));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void noSearchMeansNoFilter(String search) {
        assertThat(SearchTerm.parse(search)).isNull();
    }

    @Test
    void aPlainPrefixBecomesALikePatternWithATrailingWildcard() {
        assertThat(SearchTerm.parse("laptop").likePattern()).isEqualTo("laptop%");
        assertThat(SearchTerm.parse("1A2B-3C4D").likePattern()).isEqualTo("1a2b3c4d%");
    }

    @Test
    void percentIsEscapedInTheLikePattern() {
        assertThat(SearchTerm.parse("100%").likePattern()).isEqualTo("100\\%%");
    }

    @Test
    void underscoreIsEscapedInTheLikePattern() {
        assertThat(SearchTerm.parse("pc_01").likePattern()).isEqualTo("pc\\_01%");
    }

    @Test
    void backslashIsEscapedInTheLikePattern() {
        assertThat(SearchTerm.parse("corp\\pc").likePattern()).isEqualTo("corp\\\\pc%");
    }

    @Test
    void anEscapedBackslashIsNotReadAsEscapingTheNextWildcard() {
        // "\%" typed by a user must match a literal backslash followed by a literal percent sign
        assertThat(SearchTerm.parse("a\\%_b").likePattern()).isEqualTo("a\\\\\\%\\_b%");
    }

    @Test
    void aSearchOfOnlyWildcardsMatchesOnlyThoseCharacters() {
        assertThat(SearchTerm.parse("%").likePattern()).isEqualTo("\\%%");
        assertThat(SearchTerm.parse("_").likePattern()).isEqualTo("\\_%");
    }

    @ParameterizedTest(name = "{0} -> [{0}, {1})")
    @CsvSource({
            "1a2b3c4d,  1a2b3c4e",
            "1a2b3c49,  1a2b3c4a",
            "1a2b3c4f,  1a2b3c4g",
            "deadbeef0, deadbeef1",
    })
    void aKeyIdPrefixIsTheRangeUpToTheNextHexDigit(String prefix, String upper) {
        assertThat(SearchTerm.parse(prefix).upperBound()).isEqualTo(upper);
    }

    @ParameterizedTest(name = "{0} -> [{0}, {1})")
    @CsvSource({
            "pc-0123,   pc-0124",
            "pc-,       pc.",
            "laptop z,  laptop {",
            "müller,    mülles",
    })
    void aNamePrefixIsTheRangeUpToTheNextCharacter(String prefix, String upper) {
        assertThat(SearchTerm.parse(prefix).upperBound()).isEqualTo(upper);
    }

    @Test
    void aNamePrefixEndingBeyondTheBasicPlaneHasNoUpperBound() {
        assertThat(SearchTerm.parse("pc-\uD83D\uDCBB").upperBound()).isNull();
        assertThat(SearchTerm.parse("pc-\uFFFF").upperBound()).isNull();
    }
}
