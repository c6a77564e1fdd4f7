package nl.zorgregels.tests;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
import nl.zorgregels.model.AlkFacts;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.ComplaintPattern;
import nl.zorgregels.model.FunctionalLimitation;
import nl.zorgregels.model.OtherPais;
import nl.zorgregels.model.Patient;
import nl.zorgregels.model.PostCovidFacts;
import nl.zorgregels.model.TreatmentPathway;

/**
 * Generators of VALID assessments (CONTRACT.md §4) for the property, fuzz and load tests: adults and
 * children (and patients within days of their 18th birthday), every post-COVID and ALK fact
 * value including absent ones, Bell scores 0..100 in steps of 10, onset dates between birth and
 * the assessment date with extra weight just around the duration boundaries (three months, six
 * months, one year), assessment dates from mid-2024 to 2027 with extra weight on the days around
 * the centre openings, every UMC region, other PAIS lists (absent, empty, any combination,
 * repeats) and continuity of care.
 *
 * <p>Each case first draws a noise level, the chance that a fact is absent or does not meet its
 * criterion, so that eligible, not eligible and insufficient-data cases all occur often (the
 * property tests check that they do). Boundaries are weighted here explicitly; jqwik's own edge
 * cases are off (see {@code junit-platform.properties}).
 */
final class CaseArbitraries {
    /** First assessment date generated: before every centre opening of CONTRACT.md §2 PC-R. */
    static final LocalDate FIRST_DATE = LocalDate.of(2024, 6, 1);
    /** Last assessment date generated. */
    static final LocalDate LAST_DATE = LocalDate.of(2027, 12, 31);
    /** The dates the centre rules turn on (CONTRACT.md §2 PC-R1, R2, R5); generated with a day either side. */
    static final List<LocalDate> CENTRE_DATES = List.of(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 5, 1),
            LocalDate.of(2025, 6, 1), LocalDate.of(2025, 7, 1), LocalDate.of(2025, 9, 1));
    /** Oldest age generated, so that a date moved up to four years later stays within the 130-year limit. */
    static final int OLDEST = 100;

    /** Writes an assessment in the JSON form of CONTRACT.md §4 (absent facts left out, dates as YYYY-MM-DD). */
    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private CaseArbitraries() {
    }

    /** @return valid assessments, each with a post-COVID section, an ALK section, or both (most often) */
    static Arbitrary<Assessment> assessments() {
        return cases((birth, date, q) -> Combinators.combine(patients(birth, q), postCovid(birth, date, q).injectNull(0.1),
                alk(birth, date, q).injectNull(0.3)).filter((p, pc, alk) -> pc != null || alk != null)
                .as((p, pc, alk) -> new Assessment(date, p, pc, alk)));
    }

    /** @return valid assessments with a post-COVID section */
    static Arbitrary<Assessment> withPostCovid() {
        return cases((birth, date, q) -> Combinators.combine(patients(birth, q), postCovid(birth, date, q),
                alk(birth, date, q).injectNull(0.3)).as((p, pc, alk) -> new Assessment(date, p, pc, alk)));
    }

    /** @return valid assessments with an ALK section */
    static Arbitrary<Assessment> withAlk() {
        return cases((birth, date, q) -> Combinators.combine(patients(birth, q), postCovid(birth, date, q).injectNull(0.3),
                alk(birth, date, q)).as((p, pc, alk) -> new Assessment(date, p, pc, alk)));
    }

    /** Builds the facts of one case for a birth date, an assessment date and a noise level. */
    @FunctionalInterface
    interface CaseBuilder {
        Arbitrary<Assessment> build(LocalDate birth, LocalDate date, double noise);
    }

    /**
     * A case draws a noise level first: the chance that a fact is absent or has the value that
     * does not meet its criterion. Quiet cases (2%) are mostly eligible, noisy ones (35%) have
     * several unknown and unmet criteria at once; each outcome occurs often.
     */
    private static Arbitrary<Assessment> cases(CaseBuilder builder) {
        return Arbitraries.of(0.02, 0.1, 0.35).flatMap(q -> assessmentDates().flatMap(date -> births(date)
                .flatMap(birth -> builder.build(birth, date, q))));
    }

    /**
     * {@code count} distinct valid assessments drawn from {@link #assessments()} with a seeded
     * random source: the same seed gives the same list (outside a property run, for the load and
     * fuzz tests).
     */
    static List<Assessment> sample(long seed, int count) {
        java.util.LinkedHashSet<Assessment> distinct = new java.util.LinkedHashSet<>();
        // jqwik's generators need a jqwik context; outside a property a session provides one
        JqwikSession.run(() -> {
            RandomGenerator<Assessment> generator = assessments().generator(1000);
            Random random = new Random(seed);
            int draws = 0;
            while (distinct.size() < count) {
                if (++draws > count * 20) {
                    throw new IllegalStateException("could not draw " + count + " distinct cases in " + draws + " draws");
                }
                distinct.add(generator.next(random).value());
            }
        });
        return new ArrayList<>(distinct);
    }

    /** @return the assessment as JSON text (CONTRACT.md §4), absent facts left out */
    static String json(Assessment assessment) {
        try {
            return JSON.writeValueAsString(assessment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the assessment as a JSON tree (CONTRACT.md §4), absent facts left out */
    static JsonNode tree(Assessment assessment) {
        return JSON.valueToTree(assessment);
    }

    // ---- dates ----------------------------------------------------------------------------------

    static Arbitrary<LocalDate> assessmentDates() {
        long days = ChronoUnit.DAYS.between(FIRST_DATE, LAST_DATE);
        Arbitrary<LocalDate> any = Arbitraries.longs().between(0, days).map(FIRST_DATE::plusDays);
        Arbitrary<LocalDate> aroundCentreDates = Combinators.combine(Arbitraries.of(CENTRE_DATES),
                Arbitraries.integers().between(-1, 1)).as(LocalDate::plusDays);
        return Arbitraries.frequencyOf(Tuple.of(8, any), Tuple.of(2, aroundCentreDates));
    }

    /** Adults (18..100), children (0..17) and patients within three days of their 18th birthday. */
    static Arbitrary<LocalDate> births(LocalDate date) {
        Arbitrary<LocalDate> adult = Combinators.combine(Arbitraries.integers().between(18, OLDEST - 1),
                Arbitraries.integers().between(0, 364)).as((years, days) -> date.minusYears(years).minusDays(days));
        Arbitrary<LocalDate> child = Combinators.combine(Arbitraries.integers().between(0, 17),
                Arbitraries.integers().between(0, 364)).as((years, days) -> date.minusYears(years).minusDays(days));
        Arbitrary<LocalDate> nearEighteen = Arbitraries.integers().between(-3, 3)
                .map(days -> date.minusYears(18).plusDays(days));
        return Arbitraries.frequencyOf(Tuple.of(4, adult), Tuple.of(4, child), Tuple.of(1, nearEighteen));
    }

    /**
     * An onset date between birth and the assessment date: long enough ago for every duration
     * criterion (more than a year), within two days of a duration boundary (three months, six
     * months, one year), recent (under three months), or absent.
     */
    static Arbitrary<LocalDate> onsets(LocalDate birth, LocalDate date, double q) {
        Arbitrary<LocalDate> longAgo = Arbitraries.longs().between(367, 10 * 366).map(date::minusDays);
        Arbitrary<LocalDate> boundary = Combinators.combine(Arbitraries.of(3, 6, 12),
                Arbitraries.integers().between(-2, 2)).as((months, days) -> date.minusMonths(months).plusDays(days));
        Arbitrary<LocalDate> recent = Arbitraries.longs().between(0, 91).map(date::minusDays);
        return Arbitraries.frequencyOf(Tuple.of(weight(1 - q), longAgo), Tuple.of(25, boundary),
                        Tuple.of(weight(q / 2), recent))
                .map(d -> d.isBefore(birth) ? birth : d.isAfter(date) ? date : d)
                .injectNull(q / 2);
    }

    // ---- patient and sections -------------------------------------------------------------------

    static Arbitrary<Patient> patients(LocalDate birth, double q) {
        return Combinators.combine(Arbitraries.of(Centre.class).injectNull(Math.max(q, 0.05)), fact(true, q),
                fact(true, q)).as((region, gp, insurance) -> new Patient(birth, region, gp, insurance));
    }

    static Arbitrary<PostCovidFacts> postCovid(LocalDate birth, LocalDate date, double q) {
        Arbitrary<TreatmentPathway> pathway = Arbitraries.frequencyOf(
                Tuple.of(weight(1 - q), Arbitraries.of(TreatmentPathway.COMPLETED,
                        TreatmentPathway.NOT_POSSIBLE_DUE_TO_SEVERITY)),
                Tuple.of(weight(q / 2), Arbitraries.of(TreatmentPathway.IN_PROGRESS, TreatmentPathway.NONE)))
                .injectNull(q / 2);
        Arbitrary<Integer> bell = Arbitraries.frequencyOf(Tuple.of(weight(1 - q), bellScores().filter(b -> b <= 60)),
                Tuple.of(weight(q / 2), bellScores().filter(b -> b > 60))).injectNull(q / 2);
        Arbitrary<PostCovidPart> first = Combinators.combine(fact(true, q), fact(true, q),
                        Arbitraries.of(true, false).injectNull(0.33), onsets(birth, date, q), bell,
                        fact(true, q).injectNull(0.3), fact(false, q), pathway)
                .as(PostCovidPart::new);
        Arbitrary<List<OtherPais>> otherPais = Arbitraries.frequencyOf(
                Tuple.of(weight((1 - q) / 2), Arbitraries.just((List<OtherPais>) null)),
                Tuple.of(weight((1 - q) / 2), Arbitraries.just(List.<OtherPais>of())),
                Tuple.of(weight(q), nonEmptyOtherPais()));
        return Combinators.combine(first, otherPais, Arbitraries.of(Centre.class).injectNull(0.8))
                .as((part, pais, centre) -> part.build(pais, centre));
    }

    /** Bell CFIDS scores 0, 10, ..., 100. */
    static Arbitrary<Integer> bellScores() {
        return Arbitraries.integers().between(0, 10).map(step -> step * 10);
    }

    /** One to four other post-acute infection syndromes (repeats allowed, as the contract allows). */
    static Arbitrary<List<OtherPais>> nonEmptyOtherPais() {
        return Arbitraries.of(OtherPais.values()).list().ofMinSize(1).ofMaxSize(4);
    }

    static Arbitrary<AlkFacts> alk(LocalDate birth, LocalDate date, double q) {
        return Combinators.combine(onsets(birth, date, q), fact(true, q),
                        Arbitraries.of(ComplaintPattern.class).injectNull(Math.max(q, 0.1)),
                        Arbitraries.of(FunctionalLimitation.class).injectNull(Math.max(q, 0.1)),
                        Arbitraries.of(true, false).injectNull(0.33), Arbitraries.of(true, false).injectNull(0.33),
                        Arbitraries.of(true, false).injectNull(0.33))
                .as(AlkFacts::new);
    }

    /**
     * A yes/no fact: the value that lets the criterion be met with chance {@code 1 - q}, the other
     * value with chance {@code q/2}, absent with chance {@code q/2}.
     */
    static Arbitrary<Boolean> fact(boolean good, double q) {
        return Arbitraries.frequency(Tuple.of(weight(1 - q), good), Tuple.of(weight(q / 2), !good)).injectNull(q / 2);
    }

    private static int weight(double chance) {
        return Math.max(1, (int) Math.round(chance * 1000));
    }

    /** The first eight post-COVID facts (Combinators combine at most eight values at once). */
    private record PostCovidPart(Boolean attributed, Boolean investigated, Boolean positiveTest, LocalDate onset,
                                 Integer bell, Boolean reduced, Boolean preExisting, TreatmentPathway pathway) {
        PostCovidFacts build(List<OtherPais> otherPais, Centre currentCentre) {
            return new PostCovidFacts(attributed, investigated, positiveTest, onset, bell, reduced, preExisting,
                    pathway, otherPais, currentCentre);
        }
    }
}
