package nl.zorgregels.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one form of the values of a criterion's facts ({@link CriterionResult#facts()},
 * {@link ToMeet#facts()}), whether the engine made them or JSON gave them back, so that a decision
 * read back from its JSON equals the decision written. The form keeps the JSON text: a value is
 * written exactly as before.
 * <ul>
 *   <li>a whole number ({@link Byte}, {@link Short}, {@link Integer}, {@link Long}, a
 *       {@link BigInteger} within the range of {@code long}) becomes a {@link Long}; a larger
 *       {@code BigInteger} stays one;</li>
 *   <li>a finite {@link Double} or {@link Float} becomes the {@link BigDecimal} of its decimal text
 *       ({@code 2.5}); a {@code BigDecimal} stays one, with its scale ({@code 2.50});</li>
 *   <li>a date ({@link LocalDate}) becomes its text {@code YYYY-MM-DD}, an enum constant its name,
 *       any other {@link CharSequence} its text;</li>
 *   <li>a list becomes an unmodifiable list of its elements in this form, a map with text keys an
 *       unmodifiable map sorted by key;</li>
 *   <li>anything else ({@link String}, {@link Boolean}, {@code null}) is kept.</li>
 * </ul>
 * Not API: the records use it.
 */
final class FactValues {
    private FactValues() {
    }

    /**
     * @param facts the facts by name; the map itself must not be null
     * @return an unmodifiable copy sorted by name, its values in the one form
     */
    static Map<String, Object> of(Map<String, ?> facts) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<String, ?> e : facts.entrySet()) {
            sorted.put(Objects.requireNonNull(e.getKey(), "fact name"), value(e.getValue()));
        }
        return Collections.unmodifiableMap(sorted);
    }

    /**
     * @param value a fact's value, or an element of one
     * @return the value in the one form
     */
    static Object value(Object value) {
        if (value instanceof Long || value instanceof String || value instanceof Boolean
                || value instanceof BigDecimal || value == null) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < Long.SIZE ? (Object) b.longValue() : b;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            // NaN and the infinities have no JSON number; they are kept as given
            return Double.isFinite(d) ? new BigDecimal(value.toString()) : value;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof LocalDate || value instanceof CharSequence) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(value(element));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(k -> k instanceof String)) {
            @SuppressWarnings("unchecked")
            Map<String, ?> named = (Map<String, ?>) map;
            return of(named);
        }
        return value;
    }
}
