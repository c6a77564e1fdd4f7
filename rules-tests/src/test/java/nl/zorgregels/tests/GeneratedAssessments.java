package nl.zorgregels.tests;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import nl.zorgregels.model.AlkFacts;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.ComplaintPattern;
import nl.zorgregels.model.FunctionalLimitation;
import nl.zorgregels.model.OtherPais;
import nl.zorgregels.model.Patient;
import nl.zorgregels.model.PostCovidFacts;
import nl.zorgregels.model.TreatmentPathway;

/** Valid assessments drawn from a seeded {@link Random}: every field absent or any of its values. */
final class GeneratedAssessments {
    private GeneratedAssessments() {
    }

    /** An assessment with every field absent or any of its values, dates around the centres' openings. */
    static Assessment next(Random r) {
        LocalDate date = LocalDate.of(2025, 1, 1).plusDays(r.nextInt(730));
        LocalDate birth = date.minusDays(r.nextInt(80 * 366));
        if (r.nextInt(10) == 0) {
            birth = date.minusYears(18).plusDays(r.nextInt(5) - 2); // around the 18th birthday
        }
        Patient patient = new Patient(birth, r.nextInt(8) == 0 ? null : pick(r, Centre.values()),
                bool(r), bool(r));
        PostCovidFacts pc = null;
        if (r.nextInt(4) != 0) {
            pc = new PostCovidFacts(bool(r), bool(r), bool(r), onset(r, birth, date, 400),
                    r.nextInt(6) == 0 ? null : 10 * r.nextInt(11), bool(r), bool(r),
                    r.nextInt(6) == 0 ? null : pick(r, TreatmentPathway.values()),
                    r.nextInt(5) == 0 ? List.of(pick(r, OtherPais.values())) : r.nextBoolean() ? null : List.of(),
                    r.nextInt(6) == 0 ? pick(r, Centre.values()) : null);
        }
        AlkFacts alk = null;
        if (pc == null || r.nextInt(2) == 0) {
            alk = new AlkFacts(onset(r, birth, date, 200), bool(r),
                    r.nextInt(5) == 0 ? null : pick(r, ComplaintPattern.values()),
                    r.nextInt(5) == 0 ? null : pick(r, FunctionalLimitation.values()), bool(r), bool(r), bool(r));
        }
        return new Assessment(date, patient, pc, alk);
    }

    private static LocalDate onset(Random r, LocalDate birth, LocalDate date, int maxDays) {
        if (r.nextInt(6) == 0) {
            return null;
        }
        LocalDate onset = date.minusDays(r.nextInt(maxDays + 1));
        return onset.isBefore(birth) ? birth : onset;
    }

    private static Boolean bool(Random r) {
        int v = r.nextInt(5);
        return v == 0 ? null : v <= 3;
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
