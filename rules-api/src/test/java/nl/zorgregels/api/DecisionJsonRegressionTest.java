package nl.zorgregels.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import nl.zorgregels.model.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs the fuzz tests of rules-tests ({@code JsonInputFuzzTest}) found mishandled, each now
 * refused with an {@link InvalidInputException} that names the field.
 */
class DecisionJsonRegressionTest {
    private static final String CASE = "{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},"
            + "\"postCovid\":{\"bellScore\":%s,\"otherPais\":[%s]}}";

    /**
     * A number whose exponent no BigDecimal holds made the parser throw a NumberFormatException,
     * which the command line reported as an internal error (exit 1).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1e99999999999999999999 | \"LYME\" | postCovid.bellScore",
            "-1e-2147483648         | \"LYME\" | postCovid.bellScore",
            "1E+2147483648          | \"LYME\" | postCovid.bellScore",
            "50                     | 1e-2147483648 | postCovid.otherPais[0]"})
    void aNumberWithAnExponentOutOfRangeIsRefusedNamingTheField(String bell, String pais, String field) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> DecisionJson.readAssessment(CASE.formatted(bell, pais)));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.rule()).contains("exponent is out of range").contains("whole numbers");
    }

    /**
     * Nesting one level too deep was reported one level deeper than the value that nests too
     * deep: for an empty innermost array, at an element that does not exist.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"31 | 30", "32 | 30", "40 | 30"})
    void tooDeepNestingNamesTheFirstValueBeyondTheLimit(int arrays, int indexes) {
        String json = "{\"postCovid\":{\"otherPais\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}}";
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> DecisionJson.readAssessment(json));
        // root object (1), postCovid (2), arrays at depth 3..32: the 31st array is the first beyond 32
        assertThat(e.field()).isEqualTo("postCovid.otherPais" + "[0]".repeat(indexes));
        assertThat(e.rule()).contains("deeper than the maximum depth of 32");
    }

    /** Objects: 32 levels are read (and "a" is then an unknown field); the 33rd level is named. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"32 | a", "33 | a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a",
            "50 | a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a"})
    void tooDeepNestingOfObjectsNamesTheFirstObjectBeyondTheLimit(int objects, String field) {
        String json = "{\"a\":".repeat(objects - 1) + "{}" + "}".repeat(objects - 1);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> DecisionJson.readAssessment(json));
        assertThat(e.field()).isEqualTo(field);
    }

    /** A byte order mark was refused as "Unexpected character ('\uFEFF' (code 65279))". */
    @org.junit.jupiter.api.Test
    void aByteOrderMarkIsRefusedAsSuch() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> DecisionJson.readAssessment(
                "\uFEFF{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"}}"));
        assertThat(e.field()).isEqualTo("$");
        assertThat(e.rule()).startsWith("starts with a byte order mark (U+FEFF)");
    }
}
