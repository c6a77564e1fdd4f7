package nl.zorgregels.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A criterion's facts have one form whichever way they were made (the engine gives {@code Long} and
 * {@code Integer}, JSON gives back whatever its reader picks), so equal facts give equal records.
 */
class FactValuesTest {
    private static final LocalizedText TEXT = new LocalizedText("t", "t");

    @Test
    void wholeNumbersOfEveryWidthAreLongs() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("int", 60);
        given.put("long", 12L);
        given.put("short", (short) 3);
        given.put("byte", (byte) 1);
        given.put("smallBig", BigInteger.valueOf(-7));
        Map<String, Object> facts = criterion(given).facts();
        assertThat(facts).containsExactly(Map.entry("byte", 1L), Map.entry("int", 60L), Map.entry("long", 12L),
                Map.entry("short", 3L), Map.entry("smallBig", -7L));
        facts.values().forEach(v -> assertThat(v).isInstanceOf(Long.class));
    }

    @Test
    void aNumberBeyondLongStaysABigInteger() {
        BigInteger big = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
        assertThat(criterion(Map.of("n", big)).facts().get("n")).isEqualTo(big);
        assertThat(criterion(Map.of("n", BigInteger.valueOf(Long.MAX_VALUE))).facts().get("n")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void decimalsAreBigDecimalsOfTheirText() {
        Map<String, Object> facts = criterion(Map.of("d", 2.5, "f", 0.1f, "b", new BigDecimal("2.50"))).facts();
        assertThat(facts.get("d")).isEqualTo(new BigDecimal("2.5"));
        assertThat(facts.get("f")).isEqualTo(new BigDecimal("0.1"));
        assertThat(facts.get("b")).isEqualTo(new BigDecimal("2.50")); // its scale kept, as JSON writes it
        assertThat(criterion(Map.of("nan", Double.NaN)).facts().get("nan")).isEqualTo(Double.NaN);
    }

    @Test
    void datesEnumsAndTextsAreStrings() {
        Map<String, Object> facts = criterion(Map.of("date", LocalDate.of(2026, 1, 31), "pathway",
                TreatmentPathway.COMPLETED, "pais", OtherPais.LYME, "s", new StringBuilder("x"))).facts();
        assertThat(facts).containsEntry("date", "2026-01-31").containsEntry("pathway", "COMPLETED")
                .containsEntry("pais", "LYME").containsEntry("s", "x");
    }

    @Test
    void listsAndMapsHoldTheOneFormAndCannotBeChanged() {
        List<Object> list = new ArrayList<>(List.of(1, "a", OtherPais.Q_FEVER));
        list.add(null);
        Map<String, Object> inner = new HashMap<>(Map.of("z", 2, "a", 3L));
        Map<String, Object> facts = criterion(Map.of("list", list, "map", inner)).facts();
        assertThat(facts.get("list")).isEqualTo(java.util.Arrays.asList(1L, "a", "Q_FEVER", null));
        assertThat(facts.get("map")).isEqualTo(Map.of("a", 3L, "z", 2L));
        assertThat(List.copyOf(((Map<?, ?>) facts.get("map")).keySet())).isEqualTo(List.of("a", "z"));
        list.set(0, 99);
        assertThat(((List<?>) facts.get("list")).get(0)).isEqualTo(1L);
        assertThatThrownBy(() -> ((List<Object>) facts.get("list")).add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> facts.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theSameFactsGiveEqualRecordsWhateverTheirJavaTypes() {
        Map<String, Object> engine = Map.of("minimumMonths", 12L, "threshold", 60, "onset", LocalDate.of(2025, 1, 10),
                "otherPais", List.of("LYME"));
        Map<String, Object> json = new HashMap<>(Map.of("minimumMonths", 12, "threshold", 60, "onset", "2025-01-10",
                "otherPais", new ArrayList<>(List.of("LYME"))));
        assertThat(criterion(engine)).isEqualTo(criterion(json)).hasSameHashCodeAs(criterion(json));
        assertThat(new ToMeet(TEXT, engine)).isEqualTo(new ToMeet(TEXT, json));
        assertThat(criterion(Map.of("n", 1))).isNotEqualTo(criterion(Map.of("n", 2)));
    }

    @Test
    void nullFactsAndNullNamesAreRefused() {
        assertThatThrownBy(() -> criterion(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("facts");
        Map<String, Object> nullName = new HashMap<>();
        nullName.put(null, 1);
        assertThatThrownBy(() -> criterion(nullName)).isInstanceOf(NullPointerException.class);
    }

    private static CriterionResult criterion(Map<String, ?> facts) {
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) facts;
        return new CriterionResult("PC-A3", CriterionStatus.MET, TEXT, "source", f, List.of());
    }
}
