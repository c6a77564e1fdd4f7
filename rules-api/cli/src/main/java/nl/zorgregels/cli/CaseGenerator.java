package nl.zorgregels.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nl.zorgregels.api.internal.kb.KbParameters;
import nl.zorgregels.api.internal.kb.KnowledgeBase;
import nl.zorgregels.kb.fact.CentreOpening;
import nl.zorgregels.kb.fact.Parameter;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.ComplaintPattern;
import nl.zorgregels.model.FunctionalLimitation;
import nl.zorgregels.model.OtherPais;
import nl.zorgregels.model.TreatmentPathway;

/**
 * Synthetic, reproducible cases for trying a guideline change on many patients at once
 * ({@code zorgregels generate-cases --seed S --count N [OUT.ndjson|-]}).
 *
 * <p>Each line is one assessment in the input JSON of CONTRACT.md section 4, fields in the order the
 * CONTRACT.md lists them, absent facts left out. The cases are made up, never real patients, and vary the
 * facts every rule looks at:
 * <ul>
 *   <li>post-COVID only (about 45%), ALK only (30%) or both (25%);</li>
 *   <li>adults and children (about a quarter), some within three days of the day they reach the
 *       adult age (the parameter {@code adultAge});</li>
 *   <li>assessment dates from 2024-10-01 to 2027-03-31, a third of them within three days of a
 *       centre opening date (the dates of {@code centre-openings.csv} and the parameter
 *       {@code nationwideAccessFrom});</li>
 *   <li>every Bell score 0, 10, ..., 100, adults weighted around the middle of the scale; complaint
 *       onsets a third of the time within ten days of the minimum duration (the parameters
 *       {@code adultMinimumDuration}, {@code childMinimumDuration}, {@code alkMinimumDuration}, in
 *       force on the assessment date);</li>
 *   <li>every value of every enum (treatment pathway, other PAIS, UMC region, current centre, both
 *       ALK axes) and every boolean fact true, false and absent, so some decisions need more
 *       data.</li>
 * </ul>
 *
 * <p>The ages, durations and dates are read from the knowledge base (its parameters and centre
 * table), the packaged one unless another is given, so the cases follow an edit of them; the output
 * depends only on the knowledge base, the seed and the count: the same seed gives the same bytes on
 * every machine, locale and time zone. Case {@code i} depends only on the seed and {@code i}, so
 * the first 1,000 cases of {@code --count 10000} are the cases of {@code --count 1000}.
 */
final class CaseGenerator {
    /** Most cases one run writes. */
    static final int MAX_COUNT = 10_000_000;

    private static final LocalDate FIRST_ASSESSMENT = LocalDate.of(2024, 10, 1);
    private static final LocalDate LAST_ASSESSMENT = LocalDate.of(2027, 3, 31);
    /** The first COVID-19 patient in the Netherlands: no post-COVID complaints began earlier. */
    private static final LocalDate FIRST_COVID = LocalDate.of(2020, 2, 27);

    /** Region weights, in the order of {@link Centre}, roughly the regions' populations. */
    private static final int[] REGION_WEIGHTS = {20, 18, 12, 10, 13, 11, 16};
    /** Bell score weights for 0, 10, ..., 100: adults around the middle of the scale. */
    private static final int[] ADULT_BELL_WEIGHTS = {1, 2, 4, 8, 12, 16, 18, 15, 11, 8, 5};
    /** Bell score weights for children: more of them function fairly well, some at 100. */
    private static final int[] CHILD_BELL_WEIGHTS = {1, 2, 3, 5, 8, 12, 15, 15, 14, 12, 13};
    /** COMPLETED, NOT_POSSIBLE_DUE_TO_SEVERITY, IN_PROGRESS, NONE, absent. */
    private static final int[] PATHWAY_WEIGHTS = {70, 12, 9, 5, 4};
    /** ME_CVS, LYME, Q_FEVER, POST_SEPSIS. */
    private static final int[] PAIS_WEIGHTS = {40, 25, 20, 15};
    /** Both ALK axes: mild, moderate, severe, absent. */
    private static final int[] AXIS_WEIGHTS = {32, 36, 22, 10};

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private CaseGenerator() {
    }

    /**
     * Writes {@code count} cases, one per line, each line ended by {@code \n}.
     *
     * @param seed  the seed; the same seed and count always give the same text
     * @param count how many cases, 0 or more
     * @param out   where the lines go; not closed
     * @throws IOException if writing fails
     */
    static void generate(long seed, int count, Writer out) throws IOException {
        generate(seed, count, out, Knowledge.packaged());
    }

    /**
     * Writes {@code count} cases for a knowledge base, one per line, each line ended by {@code \n}.
     *
     * @param seed      the seed; the same seed, count and knowledge always give the same text
     * @param count     how many cases, 0 or more
     * @param out       where the lines go; not closed
     * @param knowledge the ages, durations and dates of the knowledge base
     * @throws IOException if writing fails
     */
    static void generate(long seed, int count, Writer out, Knowledge knowledge) throws IOException {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more but was " + count);
        }
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            out.write(nextCase(root.split(), knowledge));
            out.write('\n');
        }
    }

    /**
     * What the cases are drawn around, read from a knowledge base: its centre opening dates (the
     * table's and the date of nationwide access), its children's centres and its parameters.
     *
     * @param openings     the distinct opening dates, earliest first
     * @param childCentres the centres that take children, in table order
     * @param parameters   the parameters table
     */
    record Knowledge(List<LocalDate> openings, List<Centre> childCentres, KbParameters parameters) {
        private static volatile Knowledge packaged;

        /** @return the knowledge of the packaged knowledge base (read once) */
        static Knowledge packaged() {
            Knowledge k = packaged;
            if (k == null) {
                k = of(KnowledgeBase.packaged());
                packaged = k;
            }
            return k;
        }

        /**
         * @param kb a knowledge base
         * @return what the cases are drawn around
         */
        static Knowledge of(KnowledgeBase kb) {
            java.util.TreeSet<LocalDate> dates = new java.util.TreeSet<>();
            List<Centre> children = new ArrayList<>();
            for (CentreOpening o : kb.tables.openings) {
                if (o.openFrom() != null) {
                    dates.add(o.openFrom());
                }
                if (o.ageGroup() == AgeGroup.CHILD && !children.contains(o.centre())) {
                    children.add(o.centre());
                }
            }
            for (Parameter p : kb.parameters.facts) {
                if (p.date() != null) {
                    dates.add(p.date());
                }
            }
            return new Knowledge(List.copyOf(dates), List.copyOf(children), kb.parameters);
        }

        int adultAge(LocalDate on) {
            return value(ADULT_AGE, on).number();
        }

        Period duration(String name, LocalDate on) {
            return value(name, on).period();
        }

        private Parameter value(String name, LocalDate on) {
            return parameters.inForce(name, on).orElseThrow(() -> new IllegalStateException(
                    "the knowledge base has no parameter " + name + " on " + on + " (" + KbParameters.FILE + ")"));
        }
    }

    /** The parameters the cases are drawn around (parameters.csv). */
    private static final String ADULT_AGE = "adultAge";
    private static final String ADULT_MINIMUM_DURATION = "adultMinimumDuration";
    private static final String CHILD_MINIMUM_DURATION = "childMinimumDuration";
    private static final String ALK_MINIMUM_DURATION = "alkMinimumDuration";

    /**
     * One case drawn from {@code r}.
     *
     * @param r the random source, used for this case only
     * @return the case as one line of JSON, without a line break
     */
    static String nextCase(SplittableRandom r, Knowledge k) {
        int sections = r.nextInt(100);
        boolean postCovid = sections < 70;
        boolean alk = sections >= 45;

        LocalDate date;
        if (r.nextInt(3) == 0) {
            date = k.openings().get(r.nextInt(k.openings().size())).plusDays(r.nextInt(-3, 4));
        } else {
            date = FIRST_ASSESSMENT.plusDays(r.nextLong(ChronoUnit.DAYS.between(FIRST_ASSESSMENT, LAST_ASSESSMENT) + 1));
        }
        LocalDate birth;
        int adultAge = k.adultAge(date);
        int ageDraw = r.nextInt(100);
        if (ageDraw < 4) {
            birth = date.minusYears(adultAge).plusDays(r.nextInt(-3, 4)); // around the adult age (PC-G1)
        } else if (ageDraw < 27) {
            birth = date.minusYears(r.nextInt(4, adultAge)).minusDays(r.nextInt(365));
        } else {
            birth = date.minusYears(r.nextInt(adultAge, 86)).minusDays(r.nextInt(365));
        }
        boolean child = ChronoUnit.YEARS.between(birth, date) < adultAge;

        StringWriter text = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("assessmentDate", date.toString());
            g.writeObjectFieldStart("patient");
            g.writeStringField("birthDate", birth.toString());
            if (r.nextInt(100) >= 8) {
                g.writeStringField("umcRegion", Centre.values()[pick(r, REGION_WEIGHTS)].name());
            }
            bool(g, r, "dutchGeneralPractitioner", 95, 3);
            bool(g, r, "dutchHealthInsurance", 95, 3);
            g.writeEndObject();
            List<OtherPais> pais = List.of();
            if (postCovid) {
                pais = postCovid(g, r, date, birth, child, k);
            }
            if (alk) {
                alk(g, r, date, birth, pais.contains(OtherPais.ME_CVS), k);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return text.toString();
    }

    /** The post-COVID section; returns the other PAIS written. */
    private static List<OtherPais> postCovid(JsonGenerator g, SplittableRandom r, LocalDate date, LocalDate birth,
                                             boolean child, Knowledge k) throws IOException {
        g.writeObjectFieldStart("postCovid");
        bool(g, r, "complaintsAttributedToCovid", 95, 3);
        bool(g, r, "otherCausesInvestigated", 94, 4);
        bool(g, r, "positiveTest", 55, 20);
        if (r.nextInt(100) >= 3) {
            Period minimum = k.duration(child ? CHILD_MINIMUM_DURATION : ADULT_MINIMUM_DURATION, date);
            LocalDate onset;
            if (r.nextInt(100) < 35) {
                onset = date.minus(minimum).plusDays(r.nextInt(-10, 11)); // around PC-A2 / PC-C2
            } else {
                onset = date.minusMonths(r.nextInt(3, 61)).minusDays(r.nextInt(28));
            }
            g.writeStringField("complaintOnsetDate", latest(onset, birth, FIRST_COVID).toString());
        }
        if (r.nextInt(100) >= 6) {
            g.writeNumberField("bellScore", 10 * pick(r, child ? CHILD_BELL_WEIGHTS : ADULT_BELL_WEIGHTS));
        }
        // PC-C3 reads it for children; an adult's is recorded now and then and must change nothing.
        if (child ? r.nextInt(100) < 55 : r.nextInt(100) < 15) {
            g.writeBooleanField("reducedFunctioning", r.nextInt(100) < (child ? 80 : 50));
        }
        bool(g, r, "complaintsFromPreExistingDisease", 4, 93); // true: a bar (PC-A4 / PC-C4)
        int pathway = pick(r, PATHWAY_WEIGHTS);
        if (pathway < TreatmentPathway.values().length) {
            g.writeStringField("treatmentPathway", TreatmentPathway.values()[pathway].name());
        }
        List<OtherPais> pais = new ArrayList<>(2);
        int paisDraw = r.nextInt(100);
        if (paisDraw >= 72) {
            if (paisDraw >= 92) {
                int n = r.nextInt(100) < 80 ? 1 : 2;
                while (pais.size() < n) {
                    OtherPais p = OtherPais.values()[pick(r, PAIS_WEIGHTS)];
                    if (!pais.contains(p)) {
                        pais.add(p);
                    }
                }
            }
            g.writeArrayFieldStart("otherPais");
            for (OtherPais p : pais) {
                g.writeString(p.name());
            }
            g.writeEndArray();
        }
        if (r.nextInt(100) < 5) {
            Centre current = child ? k.childCentres().get(r.nextInt(k.childCentres().size()))
                    : Centre.values()[r.nextInt(Centre.values().length)];
            g.writeStringField("currentCentre", current.name());
        }
        g.writeEndObject();
        return pais;
    }

    private static void alk(JsonGenerator g, SplittableRandom r, LocalDate date, LocalDate birth, boolean meCvs,
                            Knowledge k) throws IOException {
        g.writeObjectFieldStart("alk");
        if (r.nextInt(100) >= 4) {
            LocalDate onset;
            if (r.nextInt(100) < 30) {
                onset = date.minus(k.duration(ALK_MINIMUM_DURATION, date)).plusDays(r.nextInt(-7, 8)); // around ALK-D1's duration
            } else {
                onset = date.minusMonths(r.nextInt(4, 73)).minusDays(r.nextInt(28));
            }
            g.writeStringField("complaintOnsetDate", (onset.isBefore(birth) ? birth : onset).toString());
        }
        bool(g, r, "limitsFunctioningOrCausesSuffering", 86, 9);
        int pattern = pick(r, AXIS_WEIGHTS);
        if (pattern < ComplaintPattern.values().length) {
            g.writeStringField("complaintPattern", ComplaintPattern.values()[pattern].name());
        }
        // The axes go together more often than not: a patient with many complaints is usually
        // more limited. Six in ten share the pattern's level (when it is known).
        int limitation = pattern < 3 && r.nextInt(100) < 60 ? pattern : pick(r, AXIS_WEIGHTS);
        if (limitation < FunctionalLimitation.values().length) {
            g.writeStringField("functionalLimitation", FunctionalLimitation.values()[limitation].name());
        }
        bool(g, r, "previousGgzTreatmentWithoutEffect", 20, 55);
        bool(g, r, "comorbidityToAccountFor", 25, 50);
        if (meCvs) {
            g.writeBooleanField("meCvsOrPem", true);
        } else {
            bool(g, r, "meCvsOrPem", 12, 63);
        }
        g.writeEndObject();
    }

    /** Writes {@code name} true with {@code truePercent}%, false with {@code falsePercent}%, else leaves it out. */
    private static void bool(JsonGenerator g, SplittableRandom r, String name, int truePercent, int falsePercent)
            throws IOException {
        int draw = r.nextInt(100);
        if (draw < truePercent) {
            g.writeBooleanField(name, true);
        } else if (draw < truePercent + falsePercent) {
            g.writeBooleanField(name, false);
        }
    }

    /** An index drawn with the given weights. */
    private static int pick(SplittableRandom r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int draw = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: weights " + java.util.Arrays.toString(weights));
    }

    private static LocalDate latest(LocalDate a, LocalDate b, LocalDate c) {
        LocalDate max = a.isAfter(b) ? a : b;
        return max.isAfter(c) ? max : c;
    }

    /**
     * The {@code generate-cases} command.
     *
     * @param args the arguments after the command name
     * @param out  standard output (the cases, for {@code -})
     * @param err  where the summary goes
     * @return the exit code: 0 written, 2 if the output cannot be written
     * @throws UsageException if the arguments are wrong
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Long seed = null;
        Integer count = null;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help", "help" -> {
                    out.print(Main.USAGE);
                    return Main.OK;
                }
                case "--seed" -> seed = number(a, Args.value(args, ++i, a), Long.MIN_VALUE, Long.MAX_VALUE);
                case "--count" -> count = (int) number(a, Args.value(args, ++i, a), 0, MAX_COUNT);
                default -> file = Args.positional("generate-cases", a, file, "generate-cases takes one output file (or - for standard output)");
            }
        }
        if (seed == null || count == null) {
            throw new UsageException("generate-cases needs --seed and --count");
        }
        if (file == null || file.equals("-")) {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            try {
                generate(seed, count, w);
                w.flush();
            } catch (IOException e) {
                err.println("zorgregels: cannot write to standard output: " + e.getMessage());
                return Main.INVALID;
            }
        } else {
            try (Writer w = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
                generate(seed, count, w);
            } catch (IOException e) {
                err.println("zorgregels: cannot write " + file + ": " + e);
                return Main.INVALID;
            }
            err.println("zorgregels: wrote " + count + " cases (seed " + seed + ") to " + file);
        }
        return Main.OK;
    }

    private static long number(String option, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number but was " + value);
        }
        if (n < min || n > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + " but was " + n);
        }
        return n;
    }
}
