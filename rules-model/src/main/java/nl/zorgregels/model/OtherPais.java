package nl.zorgregels.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A post-acute infection syndrome other than post-COVID (exclusion PC-X1), by its code. The kinds
 * are knowledge: the knowledge base's table {@code other-pais.csv} lists them, and an engine refuses
 * a code its table does not list when it decides ({@link InvalidInputException} naming the field,
 * e.g. {@code postCovid.otherPais[1]}, and the codes allowed). A code has the form of an enum
 * constant's name (upper-case letters, digits and {@code _}, starting with a letter).
 *
 * <p>The constants are the kinds the packaged knowledge base ships, a typed convenience; a kind an
 * author adds to the table (e.g. {@code DENGUE}) is {@code OtherPais.of("DENGUE")}. Until issue #22
 * this was an enum: {@link #values()}, {@link #valueOf(String)}, {@link #name()} and the natural
 * order keep working as they did for the shipped kinds. A kind is the text of its code (a
 * {@link CharSequence}), so a JSON binding writes it as the enum was written, {@code "LYME"}, and
 * reads it with {@link #valueOf(String)}. Immutable; equal when the codes are equal.
 */
public final class OtherPais implements Comparable<OtherPais>, CharSequence {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** ME/CFS (ME/CVS). */
    public static final OtherPais ME_CVS = new OtherPais("ME_CVS");
    /** Lyme disease. */
    public static final OtherPais LYME = new OtherPais("LYME");
    /** Q fever. */
    public static final OtherPais Q_FEVER = new OtherPais("Q_FEVER");
    /** Long-term complaints after sepsis. */
    public static final OtherPais POST_SEPSIS = new OtherPais("POST_SEPSIS");

    private static final List<OtherPais> SHIPPED = List.of(ME_CVS, LYME, Q_FEVER, POST_SEPSIS);

    private final String code;

    private OtherPais(String code) {
        this.code = code;
    }

    /**
     * The kind with this code; whether a knowledge base lists it is checked when deciding.
     *
     * @param code the code, e.g. {@code LYME} or a kind an author added, such as {@code DENGUE}
     * @return the kind (the constant for a shipped code)
     * @throws InvalidInputException (field {@code postCovid.otherPais}, the list in the JSON input) if
     *                               the code is null or not upper-case letters, digits and {@code _}
     *                               starting with a letter
     */
    public static OtherPais of(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidInputException(PostCovidFacts.PATH + "otherPais", "must be the code of a kind of other PAIS (upper-case letters, "
                    + "digits and _, as listed in the knowledge base's other-pais.csv, e.g. " + String.join(", ",
                    SHIPPED.stream().map(OtherPais::code).toList()) + ") but was "
                    + (code == null ? "null" : "\"" + code + "\""));
        }
        for (OtherPais shipped : SHIPPED) {
            if (shipped.code.equals(code)) {
                return shipped;
            }
        }
        return new OtherPais(code);
    }

    /**
     * As {@link #of(String)}; kept from the enum.
     *
     * @param code the code
     * @return the kind
     */
    public static OtherPais valueOf(String code) {
        return of(code);
    }

    /** @return the kinds the packaged knowledge base ships, in its table's order (a new array each call) */
    public static OtherPais[] values() {
        return SHIPPED.toArray(new OtherPais[0]);
    }

    /** @return the code, e.g. {@code LYME} */
    public String code() {
        return code;
    }

    /** @return the code, as the enum's {@code name()} was */
    public String name() {
        return code;
    }

    /** @return the length of the code */
    @Override
    public int length() {
        return code.length();
    }

    /**
     * @param index a position in the code
     * @return the code's character there
     */
    @Override
    public char charAt(int index) {
        return code.charAt(index);
    }

    /**
     * @param start first position
     * @param end   position after the last
     * @return that part of the code
     */
    @Override
    public CharSequence subSequence(int start, int end) {
        return code.subSequence(start, end);
    }

    /** Shipped kinds first, in their order (as the enum's), then other codes alphabetically. */
    @Override
    public int compareTo(OtherPais other) {
        int a = SHIPPED.indexOf(this);
        int b = SHIPPED.indexOf(other);
        if (a >= 0 || b >= 0) {
            return Integer.compare(a < 0 ? SHIPPED.size() : a, b < 0 ? SHIPPED.size() : b);
        }
        return code.compareTo(other.code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtherPais p && p.code.equals(code);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code);
    }

    /** @return the code */
    @Override
    public String toString() {
        return code;
    }
}
