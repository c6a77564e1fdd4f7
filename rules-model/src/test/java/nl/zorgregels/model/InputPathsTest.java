package nl.zorgregels.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The input records, their builders and factories refuse bad input with an
 * {@link InvalidInputException} whose field is the path of the JSON input (CONTRACT.md §4), the same
 * as {@code DecisionJson.readAssessment} gives; never a {@link NullPointerException}.
 */
class InputPathsTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final LocalDate BIRTH = LocalDate.of(1980, 4, 2);

    @Test
    void eachSectionsPrefixIsItsComponentNameInTheAssessment() {
        assertThat(Patient.PATH).isEqualTo(componentOf(Patient.class) + ".");
        assertThat(PostCovidFacts.PATH).isEqualTo(componentOf(PostCovidFacts.class) + ".");
        assertThat(AlkFacts.PATH).isEqualTo(componentOf(AlkFacts.class) + ".");
    }

    @Test
    void theBuildersBellScoreErrorNamesTheJsonPath() {
        for (int score : new int[] {55, -10, 110, 1}) {
            InvalidInputException e = refused(() -> PostCovidFacts.builder().bellScore(score).build());
            assertThat(e.field()).isEqualTo("postCovid.bellScore");
            assertThat(e.rule()).endsWith("but was " + score);
            assertThat(e.getMessage()).isEqualTo("postCovid.bellScore: " + e.rule());
        }
        assertThat(PostCovidFacts.builder().bellScore(60).build().bellScore()).isEqualTo(60);
    }

    @Test
    void aNullKindOfOtherPaisIsNamedWithItsIndex() {
        InvalidInputException e = refused(() -> PostCovidFacts.builder()
                .otherPais(Arrays.asList(OtherPais.LYME, null)).build());
        assertThat(e.field()).isEqualTo("postCovid.otherPais[1]");
    }

    @Test
    void aCodeNotOfACodesFormIsNamedAtTheListsPath() {
        assertThat(refused(() -> OtherPais.of("lyme")).field()).isEqualTo("postCovid.otherPais");
        InvalidInputException nullCode = refused(() -> OtherPais.of(null));
        assertThat(nullCode.field()).isEqualTo("postCovid.otherPais");
        assertThat(nullCode.rule()).endsWith("but was null");
    }

    @Test
    void aPatientWithoutBirthDateIsRefusedTheSameWayByEveryEntrance() {
        InvalidInputException born = refused(() -> Patient.born(null));
        InvalidInputException built = refused(() -> Patient.builder().umcRegion(Centre.UMCG).build());
        InvalidInputException constructed = refused(() -> new Patient(null, null, true, true));
        for (InvalidInputException e : List.of(born, built, constructed)) {
            assertThat(e.field()).isEqualTo("patient.birthDate");
            assertThat(e.rule()).isEqualTo("is required");
        }
    }

    @Test
    void anAssessmentsRequiredFieldsAndDatesAreNamedByTheirPaths() {
        Patient patient = Patient.born(BIRTH);
        assertThat(refused(() -> Assessment.builder().patient(patient).build()).field()).isEqualTo("assessmentDate");
        assertThat(refused(() -> Assessment.builder().assessmentDate(DATE).build()).field()).isEqualTo("patient");
        assertThat(refused(() -> Assessment.builder().assessmentDate(BIRTH.minusDays(1)).patient(patient).build())
                .field()).isEqualTo("patient.birthDate");
        assertThat(refused(() -> Assessment.builder().assessmentDate(DATE).patient(Patient.born(DATE.minusYears(131)))
                .build()).field()).isEqualTo("patient.birthDate");
        assertThat(refused(() -> Assessment.builder().assessmentDate(DATE).patient(patient)
                .postCovid(PostCovidFacts.builder().complaintOnsetDate(DATE.plusDays(1)).build()).build())
                .field()).isEqualTo("postCovid.complaintOnsetDate");
        assertThat(refused(() -> Assessment.builder().assessmentDate(DATE).patient(patient)
                .alk(AlkFacts.builder().complaintOnsetDate(BIRTH.minusDays(1)).build()).build())
                .field()).isEqualTo("alk.complaintOnsetDate");
    }

    @Test
    void thePatientBuilderSetsEachFactByItsName() {
        Patient p = Patient.builder().birthDate(BIRTH).umcRegion(Centre.LUMC)
                .dutchHealthInsurance(false).dutchGeneralPractitioner(true).build();
        assertThat(p.dutchGeneralPractitioner()).isTrue();
        assertThat(p.dutchHealthInsurance()).isFalse();
        assertThat(p).isEqualTo(new Patient(BIRTH, Centre.LUMC, true, false));
        Patient q = Patient.builder().birthDate(BIRTH).dutchGeneralPractitioner(false).dutchHealthInsurance(true).build();
        assertThat(q).isEqualTo(new Patient(BIRTH, null, false, true)).isNotEqualTo(p);
        assertThat(Patient.builder().birthDate(BIRTH).build()).isEqualTo(Patient.born(BIRTH))
                .isEqualTo(new Patient(BIRTH, null, null, null));
    }

    @Test
    void theAssessmentBuilderGivesWhatTheConstructorGives() {
        Patient patient = Patient.builder().birthDate(BIRTH).dutchGeneralPractitioner(true).build();
        PostCovidFacts pc = PostCovidFacts.builder().bellScore(50).build();
        AlkFacts alk = AlkFacts.builder().meCvsOrPem(false).build();
        assertThat(Assessment.builder().assessmentDate(DATE).patient(patient).postCovid(pc).alk(alk).build())
                .isEqualTo(new Assessment(DATE, patient, pc, alk));
        Assessment onlyAlk = Assessment.builder().alk(alk).patient(patient).assessmentDate(DATE).build();
        assertThat(onlyAlk.postCovid()).isNull();
        assertThat(onlyAlk).isEqualTo(new Assessment(DATE, patient, null, alk));
        assertThat(Assessment.builder().assessmentDate(DATE).patient(patient).postCovid(pc).build())
                .isEqualTo(new Assessment(DATE, patient, pc));
    }

    private static InvalidInputException refused(Runnable call) {
        InvalidInputException e = catchThrowableOfType(call::run, InvalidInputException.class);
        assertThat(e).as("InvalidInputException expected").isNotNull();
        return e;
    }

    private static String componentOf(Class<?> type) {
        for (RecordComponent c : Assessment.class.getRecordComponents()) {
            if (c.getType() == type) {
                return c.getName();
            }
        }
        throw new AssertionError(type + " is not a component of Assessment");
    }
}
