package nl.zorgregels.api.internal.kb;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.OtherPais;

/**
 * The facts of CONTRACT.md section 4 as the model declares them, reflected from the input records: every
 * section of {@link Assessment} (a record component that is itself a record) and every fact in it,
 * with its input path and its type. The intake Questionnaire and the Bundle reader are both made
 * from this list, so neither can drift from the JSON contract. {@code assessmentDate} is not a
 * fact of the record (it is the date the decision is made for).
 */
public final class IntakeFacts {
    /** Base of the code systems of the model's enums (CONTRACT.md section 8): + the enum type's simple name. */
    public static final String CODE_SYSTEM_BASE = "http://zorgregels.nl/fhir/CodeSystem/";

    /** The kind of answer a fact takes. */
    public enum Kind {
        /** {@code valueBoolean}. */
        BOOLEAN,
        /** {@code valueDate}, a full date. */
        DATE,
        /** {@code valueInteger}. */
        INTEGER,
        /** {@code valueCoding}, one of an enum's constants. */
        CODING,
        /** {@code valueCoding}, several answers, each one of an enum's constants or a kind of other PAIS. */
        CODINGS
    }

    /**
     * One fact.
     *
     * @param section  the section's input path ({@code postCovid})
     * @param path     the fact's input path ({@code postCovid.bellScore})
     * @param kind     the answer it takes
     * @param enumType for {@link Kind#CODING} and {@link Kind#CODINGS}: the enum, or {@link OtherPais}
     *                 (kinds of other PAIS: its codes are the knowledge base's); null otherwise
     */
    public record Fact(String section, String path, Kind kind, Class<?> enumType) {
        /** @return the FHIR type of the answer element, e.g. {@code valueInteger} */
        public String answerElement() {
            return switch (kind) {
                case BOOLEAN -> "valueBoolean";
                case DATE -> "valueDate";
                case INTEGER -> "valueInteger";
                case CODING, CODINGS -> "valueCoding";
            };
        }

        /** @return the code system of the enum's constants; null for other kinds */
        public String codeSystem() {
            return enumType == null ? null : CODE_SYSTEM_BASE + enumType.getSimpleName();
        }

        /**
         * @return the enum's constants' names in declaration order, or the kinds of other PAIS the
         *         packaged knowledge base ships (the intake's answer options); empty for other kinds
         */
        public List<String> codes() {
            List<String> codes = new ArrayList<>();
            if (enumType == OtherPais.class) {
                for (OtherPais p : OtherPais.values()) {
                    codes.add(p.code());
                }
            } else if (enumType != null) {
                for (Object c : enumType.getEnumConstants()) {
                    codes.add(((Enum<?>) c).name());
                }
            }
            return codes;
        }

        /**
         * @return whether a code is open (a kind of other PAIS: any code of its form is read, and the
         *         engine checks it against the knowledge base's table when deciding) rather than one
         *         of {@link #codes()}
         */
        public boolean openCodes() {
            return enumType == OtherPais.class;
        }
    }

    /** The sections in declaration order, each with its facts in declaration order. */
    private static final Map<String, List<Fact>> SECTIONS = reflect();
    /** Every fact by path. */
    private static final Map<String, Fact> BY_PATH = index();

    private IntakeFacts() {
    }

    /** @return section path to its facts, in the model's order; unmodifiable */
    public static Map<String, List<Fact>> sections() {
        return SECTIONS;
    }

    /** @return every fact by input path, in the model's order; unmodifiable */
    public static Map<String, Fact> byPath() {
        return BY_PATH;
    }

    private static Map<String, Fact> index() {
        Map<String, Fact> all = new LinkedHashMap<>();
        for (List<Fact> facts : SECTIONS.values()) {
            for (Fact f : facts) {
                all.put(f.path(), f);
            }
        }
        return Collections.unmodifiableMap(all);
    }

    private static Map<String, List<Fact>> reflect() {
        Map<String, List<Fact>> sections = new LinkedHashMap<>();
        for (RecordComponent section : Assessment.class.getRecordComponents()) {
            Class<?> type = section.getType();
            if (!type.isRecord()) {
                continue; // assessmentDate
            }
            List<Fact> facts = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                facts.add(fact(section.getName(), section.getName() + "." + c.getName(), c.getGenericType()));
            }
            sections.put(section.getName(), List.copyOf(facts));
        }
        return Collections.unmodifiableMap(sections);
    }

    private static Fact fact(String section, String path, Type type) {
        if (type == Boolean.class) {
            return new Fact(section, path, Kind.BOOLEAN, null);
        }
        if (type == LocalDate.class) {
            return new Fact(section, path, Kind.DATE, null);
        }
        if (type == Integer.class) {
            return new Fact(section, path, Kind.INTEGER, null);
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return new Fact(section, path, Kind.CODING, c);
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> e && (e.isEnum() || e == OtherPais.class)) {
            return new Fact(section, path, Kind.CODINGS, e);
        }
        // A new kind of fact in the model must be given a FHIR answer type here first.
        throw new IllegalStateException("no FHIR answer type for " + path + " of type " + type);
    }
}
