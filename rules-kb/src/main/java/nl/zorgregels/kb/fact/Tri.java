package nl.zorgregels.kb.fact;

import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.Objects;

/**
 * Three-valued logic for the criteria, as CQL's: a criterion is one expression whose value is
 * {@code true} (MET), {@code false} (NOT_MET) or {@code null} (UNKNOWN, an input fact it needs is
 * absent). Every operator is null-propagating the CQL way: a comparison with an absent operand is
 * unknown; {@link #and} is false as soon as one operand is false, else unknown as soon as one is
 * unknown; {@link #or} the other way round. A rule writes its criterion with these and hands the
 * value to {@link Finding#decide}; the guideline's conditions stay in the rule, the operators here
 * know none of them. Stateless and thread-safe.
 */
public final class Tri {
    private Tri() {
    }

    /**
     * @param value a value, or null when unknown
     * @return the negation; unknown stays unknown
     */
    public static Boolean not(Boolean value) {
        return value == null ? null : !value;
    }

    /**
     * @param values operands
     * @return false if one is false, else null if one is unknown, else true
     */
    public static Boolean and(Boolean... values) {
        boolean unknown = false;
        for (Boolean v : values) {
            if (Boolean.FALSE.equals(v)) {
                return false;
            }
            unknown |= v == null;
        }
        return unknown ? null : Boolean.TRUE;
    }

    /**
     * @param values operands
     * @return true if one is true, else null if one is unknown, else false
     */
    public static Boolean or(Boolean... values) {
        boolean unknown = false;
        for (Boolean v : values) {
            if (Boolean.TRUE.equals(v)) {
                return true;
            }
            unknown |= v == null;
        }
        return unknown ? null : Boolean.FALSE;
    }

    /**
     * @param value    a value, or null when unknown
     * @param expected the value compared with (never null)
     * @return whether they are equal; null when {@code value} is unknown
     */
    public static Boolean is(Object value, Object expected) {
        return value == null ? null : value.equals(Objects.requireNonNull(expected, "expected"));
    }

    /**
     * @param value   a value, or null when unknown
     * @param allowed the values that make it true
     * @return whether {@code value} is one of them; null when it is unknown
     */
    public static Boolean in(Object value, Object... allowed) {
        if (value == null) {
            return null;
        }
        for (Object a : allowed) {
            if (value.equals(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param values a collection, or null when unknown
     * @param value  the value looked for
     * @return whether the collection holds it; null when the collection is unknown
     */
    public static Boolean contains(Collection<?> values, Object value) {
        return values == null ? null : values.contains(value);
    }

    /**
     * @param a   a value, or null when unknown
     * @param b   a value of the same type, or null when unknown
     * @param <T> the type
     * @return {@code a <= b}; null when either is unknown
     */
    public static <T extends Comparable<? super T>> Boolean atMost(T a, T b) {
        return a == null || b == null ? null : a.compareTo(b) <= 0;
    }

    /**
     * @param a   a value, or null when unknown
     * @param b   a value of the same type, or null when unknown
     * @param <T> the type
     * @return {@code a < b}; null when either is unknown
     */
    public static <T extends Comparable<? super T>> Boolean lessThan(T a, T b) {
        return a == null || b == null ? null : a.compareTo(b) < 0;
    }

    /**
     * @param date   a date, or null when unknown
     * @param period a duration, or null when unknown
     * @return the date the duration is reached ({@code date.plus(period)}, java.time's rule: one
     *         month after 31 January is 28 or 29 February); null when either is unknown
     */
    public static LocalDate plus(LocalDate date, Period period) {
        return date == null || period == null ? null : date.plus(period);
    }

    /**
     * A value only where a condition holds: for a fact or a message variant that belongs to one
     * case of a criterion.
     *
     * @param condition the case, three-valued
     * @param value     the value for that case
     * @param <T>       its type
     * @return {@code value} when {@code condition} is true, else null (absent)
     */
    public static <T> T when(Boolean condition, T value) {
        return Boolean.TRUE.equals(condition) ? value : null;
    }

    /**
     * The first case that holds, for a message variant: {@code first(when(a, "x"), when(b, "y"))}.
     *
     * @param values values, some absent
     * @param <T>    their type
     * @return the first that is not null, or null
     */
    @SafeVarargs
    public static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
