package io.perfgate.diag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParserTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Jackson's own message for what it cannot read, without the location it appends. */
    private static String jacksonProblem(String json) {
        try {
            JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        }
        throw new AssertionError("Jackson read " + json);
    }

    @Test
    void shouldSayWhereTheObjectOrListOpensThatTheTextEndsIn() {
        assertThat(jacksonProblem("{\"a\":1")).contains("[Source:");

        assertThat(ParserText.problem(jacksonProblem("{\"a\":1")))
                .isEqualTo("the text ends before the object that opens at line 1, column 1 is closed");
        assertThat(ParserText.problem(jacksonProblem("{\"a\":\n  [1, 2")))
                .isEqualTo("the text ends before the list that opens at line 2, column 3 is closed");
        assertThat(ParserText.problem(jacksonProblem("{\"a\":\"abc"))).isEqualTo("the text ends inside a string");
    }

    @Test
    void shouldCountTheLinesBeforeATextParsedOnItsOwn() {
        assertThat(ParserText.problem(jacksonProblem("{\"a\":1"), 41))
                .isEqualTo("the text ends before the object that opens at line 42, column 1 is closed");
    }

    @Test
    void shouldNameCharactersWithoutTheirCodes() {
        assertThat(ParserText.problem(jacksonProblem("{\"a\" 1}")))
                .isEqualTo("Unexpected character '1': was expecting a colon to separate field name and value");
        assertThat(ParserText.problem(jacksonProblem("{\"a\":\"x\u0001\"}")))
                .isEqualTo("Illegal unquoted character (control character 1): has to be escaped using backslash to be"
                        + " included in string value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1", "{\"a\":[1,2", "{\"a\":\"abc", "{\"a\" 1}", "[1,]", "{\"a\":tru}", "{\"a\":01}",
        "{\"a\":-}", "{'a':1}", "{\"a\":\"\\q\"}", "{\"a", "{", "[{\"a\":[{}", "{\"a\":1,"})
    void shouldNeverPassOnJacksonsLocationText(String json) {
        String problem = ParserText.problem(jacksonProblem(json));

        assertThat(problem).isNotBlank().doesNotContain("Source").doesNotContain("REDACTED")
                .doesNotContain("StreamReadFeature").doesNotContain("(code ");
    }

    @Test
    void shouldReadNullAsNothingToSay() {
        assertThat(ParserText.problem(null)).isEmpty();
    }
}
