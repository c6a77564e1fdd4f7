package nl.zorgregels.cli;

import static nl.zorgregels.cli.CliCall.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.MessageOrigin;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.cli.CliCall.Result;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The patient letter (CONTRACT.md §10 "Letter"): a draft for the GP, second person, to the parents under
 * 18, no diagnosis the input does not record, nothing promised while data is missing or treatment
 * is under way, exit 3 while the data is in doubt, and never an input path, id, checksum or GP text.
 */
class LetterReportTest {

    /** What no letter may contain: input paths, ids, the checksum, the GP's third person and forms. */
    private static final List<String> NEVER = List.of("postCovid.", "alk.", "patient.", "sha256", "PC-", "ALK-",
            "SAFE-", "de patiënt", "the patient", "meneer", "mevrouw", "naar uw oordeel", "Sir or Madam");

    private static ZorgregelsEngine engine;

    @BeforeAll
    static void engine() {
        engine = ZorgregelsEngine.packaged();
    }

    /** An adult case; {@code %s} is the rest of the post-COVID section. */
    private static String adult(String date, String postCovid) {
        return """
                {"assessmentDate":"%s","patient":{"birthDate":"1980-04-02","umcRegion":"UMCG",
                  "dutchGeneralPractitioner":true,"dutchHealthInsurance":true},
                 "postCovid":{%s}}
                """.formatted(date, postCovid);
    }

    private static final String ALL_MET = """
            "complaintsAttributedToCovid":true,"otherCausesInvestigated":true,"complaintOnsetDate":"2025-01-10",
            "bellScore":50,"complaintsFromPreExistingDisease":false,"treatmentPathway":"COMPLETED\"""";

    /** A child (born 2012-06-15, 14 on 2026-11-23) in the UMC Utrecht region, eligible. */
    private static final String CHILD = """
            {"assessmentDate":"2026-11-23","patient":{"birthDate":"%s","umcRegion":"UMC_UTRECHT",
              "dutchGeneralPractitioner":true,"dutchHealthInsurance":true},
             "postCovid":{"complaintsAttributedToCovid":true,"otherCausesInvestigated":true,
              "complaintOnsetDate":"2026-03-01","bellScore":%d,"reducedFunctioning":true,
              "complaintsFromPreExistingDisease":false,"treatmentPathway":"COMPLETED"}%s}
            """;

    private static String child(String birthDate, int bell, String alk) {
        return CHILD.formatted(birthDate, bell, alk);
    }

    private static Result letter(String json, String lang, String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", "-", "--format", "letter", "--lang", lang));
        args.addAll(List.of(more));
        return run(json, args.toArray(String[]::new));
    }

    private static String written(String json, String lang, String... more) {
        Result r = letter(json, lang, more);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertSafe(r.out());
        return r.out();
    }

    /** The checks every letter must pass. */
    private static void assertSafe(String letter) {
        for (String never : NEVER) {
            assertThat(letter).as("a letter must not contain '%s':%n%s", never, letter).doesNotContain(never);
        }
        assertThat(letter).as("no question meant for the GP (no '?' at all)").doesNotContain("?");
        assertThat(letter).as("one draft line first").matches("(?s)(CONCEPT — door de huisarts|DRAFT — for the GP)[^\n]*\n\n.*");
        assertThat(letter).doesNotContainPattern("\\{[A-Za-z]+}");
    }

    // ---- 2. draft, second person, parents ------------------------------------------------------

    @Test
    void anAdultLetterIsADraftWithBlanksInTheSecondPerson() {
        String nl = written(adult("2026-11-23", ALL_MET), "nl");
        assertThat(nl.lines().findFirst()).hasValue(
                "CONCEPT — door de huisarts na te lezen en aan te passen voordat u deze brief meegeeft");
        assertThat(nl).contains("Beste [naam patiënt],").contains("[naam praktijk]").contains("23 november 2026")
                .contains("U voldoet aan de voorwaarden").doesNotContain("uw kind");
        String en = written(adult("2026-11-23", ALL_MET), "en");
        assertThat(en.lines().findFirst()).hasValue("DRAFT — for the GP to check and adapt before handing it over");
        assertThat(en).contains("Dear [patient's name],").contains("[practice name]").contains("23 November 2026")
                .contains("You meet the conditions").doesNotContain("your child");
    }

    @Test
    void aChildsLetterIsToTheParentsAboutTheirChild() {
        String nl = written(child("2012-06-15", 70, ""), "nl");
        assertThat(nl).contains("Beste ouder(s) of verzorger(s),").contains("[naam kind]").contains("Uw kind voldoet")
                .contains("Ik meld uw kind aan via ZorgDomein").contains("UMC Utrecht")
                .doesNotContain("[naam patiënt]").doesNotContain("Ik meld u aan");
        String en = written(child("2012-06-15", 70, ""), "en");
        assertThat(en).contains("Dear parent(s) or carer(s),").contains("Your child meets")
                .contains("I will register your child").doesNotContain("I will register you ");
    }

    // ---- 3. no diagnosis the input does not record ---------------------------------------------

    @Test
    void meCvsOrPemOnlyIsNeverCalledMeCvsNorPem() {
        String alk = """
                ,"alk":{"complaintOnsetDate":"2026-01-15","limitsFunctioningOrCausesSuffering":true,
                  "complaintPattern":"SEVERE","functionalLimitation":"MODERATE","meCvsOrPem":true}""";
        String nl = written(child("2012-06-15", 70, alk), "nl");
        assertThat(nl).contains("Beste ouder(s) of verzorger(s),").contains("erger kunnen worden na inspanning")
                .contains("beperkte energie van uw kind").doesNotContain("ME/CVS").doesNotContain("PEM")
                .doesNotContain("post-exertionele");
        String en = written(child("2012-06-15", 70, alk), "en");
        assertThat(en).contains("Dear parent(s) or carer(s),").contains("get worse after exertion")
                .doesNotContain("ME/CFS").doesNotContain("ME/CVS").doesNotContain("PEM")
                .doesNotContain("post-exertional");
        String alkOnly = written("""
                {"assessmentDate":"2026-11-23","patient":{"birthDate":"2010-07-20"},
                 "alk":{"complaintOnsetDate":"2026-01-15","limitsFunctioningOrCausesSuffering":true,
                  "complaintPattern":"SEVERE","functionalLimitation":"MODERATE","meCvsOrPem":true}}
                """, "nl");
        assertThat(alkOnly).as("a decision with only the ALK part: the age group from the knowledge base")
                .contains("Beste ouder(s) of verzorger(s),").doesNotContain("ME/CVS").doesNotContain("PEM heeft");
    }

    @Test
    void meCvsRecordedAsADiagnosisMayBeNamed() {
        String json = adult("2026-11-23", ALL_MET + ",\"otherPais\":[\"ME_CVS\"]").replace("}}\n", """
                },"alk":{"complaintOnsetDate":"2025-01-10","limitsFunctioningOrCausesSuffering":true,
                  "complaintPattern":"MULTIPLE","functionalLimitation":"MODERATE","meCvsOrPem":true}}
                """);
        String nl = written(json, "nl");
        assertThat(nl).contains("Bij mij staat genoteerd dat u ME/CVS heeft").contains("kennis van ME/CVS")
                .contains("Op dit moment kan dat niet").contains("Bij mij staat ook ME/CVS genoteerd")
                .contains("pas na de corona-infectie is begonnen").contains("helpdesk");
        String en = written(json, "en");
        assertThat(en).contains("My records say that you have ME/CFS").contains("knowledge of ME/CFS")
                .contains("began only after the COVID-19 infection");
    }

    // ---- 4. INSUFFICIENT_DATA ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"nl", "en"})
    void insufficientDataSaysWhatIsStillToBeClarifiedAndPromisesNothing(String lang) {
        String json = adult("2026-11-23", """
                "otherCausesInvestigated":true,"complaintsFromPreExistingDisease":false,"treatmentPathway":"COMPLETED\"""");
        String letter = written(json, lang);
        if (lang.equals("nl")) {
            assertThat(letter).contains("Eerst moet nog duidelijk worden:")
                    .contains("- of uw klachten een gevolg zijn van COVID-19")
                    .contains("- sinds wanneer u klachten heeft")
                    .contains("- hoeveel de klachten u beperken in uw dagelijks leven")
                    .contains("nog niets beloven").doesNotContain("aanmeld").doesNotContain("loting");
        } else {
            assertThat(letter).contains("First we need to know:")
                    .contains("- whether your symptoms are a result of COVID-19")
                    .contains("- since when you have had symptoms")
                    .contains("- how much the symptoms limit you in daily life")
                    .doesNotContain("regist").doesNotContain("lottery");
        }
        assertThat(letter).doesNotContain("ZorgDomein").doesNotContain("UMCG").doesNotContain("Bell");
    }

    /**
     * Every input path a rule can name as missing (a quoted input path in a {@code .drl} file of the
     * knowledge base) has a patient phrasing; the facts no rule asks for (a question of the intake
     * Questionnaire only, such as {@code postCovid.positiveTest}) need none.
     */
    @Test
    void everyInputPathThatCanBeMissingHasAPatientPhrasingInBothLanguages() throws IOException {
        java.util.Set<String> named = new java.util.TreeSet<>();
        java.util.regex.Pattern quoted = java.util.regex.Pattern.compile("\"((?:patient|postCovid|alk)\\.[A-Za-z]+)\"");
        try (java.util.stream.Stream<java.nio.file.Path> drl = java.nio.file.Files.list(
                java.nio.file.Path.of("../../rules-kb/src/main/resources/nl/zorgregels/kb"))) {
            for (java.nio.file.Path f : drl.filter(f -> f.toString().endsWith(".drl")).toList()) {
                java.util.regex.Matcher m = quoted.matcher(java.nio.file.Files.readString(f));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        assertThat(named).hasSizeGreaterThan(10);
        for (String lang : List.of("nl", "en")) {
            Properties bundle = bundle(lang);
            List<String> paths = List.copyOf(named);
            for (String p : paths) {
                assertThat(bundle.getProperty("question." + p)).as(lang + ": question." + p).isNotBlank();
            }
            for (String path : paths) {
                assertThat(bundle.getProperty("letter.missing." + path)).as(lang + ": letter.missing." + path).isNotBlank();
            }
        }
    }

    @Test
    void everyCriterionThatCanFailHasAReasonInPatientWords() throws IOException {
        Properties nl = bundle("nl");
        Properties en = bundle("en");
        for (Requirement r : engine.requirements()) {
            if (r.kind() == Requirement.Kind.CRITERION && r.cover().contains("NOT_MET") && !r.id().startsWith("ALK-")) {
                assertThat(nl.getProperty("letter.criterion." + r.id() + ".NOT_MET")).as(r.id()).isNotBlank();
                assertThat(en.getProperty("letter.criterion." + r.id() + ".NOT_MET")).as(r.id()).isNotBlank();
            }
        }
    }

    // ---- 5. NOT_ELIGIBLE -----------------------------------------------------------------------

    @Test
    void notEligibleGivesTheReasonsInPatientWordsAndWhenToComeBack() {
        String json = adult("2026-11-23", ALL_MET.replace("2025-01-10", "2026-01-10"));
        String nl = written(json, "nl");
        assertThat(nl).contains("Op dit moment kan dat niet. De reden:")
                .contains("- U heeft nog niet lang genoeg klachten. Voor een verwijzing moet u minstens 12 maanden klachten hebben; uw klachten begonnen op 10 januari 2026.")
                .contains("misschien wel vanaf 10 januari 2027").contains("second opinion")
                .contains("helpdesk@postcovidexpertisecentra.nl")
                .doesNotContain("Klachten sinds").doesNotContain("loting").doesNotContain("ZorgDomein");
        String en = written(json, "en");
        assertThat(en).contains("You have not had symptoms long enough yet").contains("from 10 January 2027")
                .contains("second opinion").doesNotContain("Complaints since");
        String several = written(adult("2026-11-23", ALL_MET.replace("\"bellScore\":50", "\"bellScore\":70")
                .replace("COMPLETED", "IN_PROGRESS")), "nl");
        assertThat(several).contains("Uw score is 70; voor een verwijzing moet die 60 of lager zijn.")
                .contains("Uw behandeling bij de fysiotherapeut of ergotherapeut loopt nog.")
                .doesNotContain("vanaf 10 januari");
    }

    // ---- 6. ELIGIBLE, in treatment, turning 18, deductible, before 1 May 2025 -------------------

    @ParameterizedTest
    @ValueSource(strings = {"nl", "en"})
    void eligibleGivesLotteryRegistrationReferralCostsAndTheCentresAccommodations(String lang) {
        String letter = written(adult("2026-11-23", ALL_MET), lang);
        if (lang.equals("nl")) {
            assertThat(letter).contains("loting").contains("Ik meld u aan via ZorgDomein").contains("(spam)")
                    .contains("definitieve verwijzing").contains("Wel kan uw eigen risico gelden")
                    .contains("in uw eigen regio: UMCG")
                    .contains("rustruimtes").contains("tijd tussen de afspraken").contains("korter of online")
                    .contains("iemand mee die u kent").contains("één dagdeel");
        } else {
            assertThat(letter).contains("lottery").contains("I will register you through ZorgDomein")
                    .contains("spam folder").contains("definitive referral").contains("deductible")
                    .contains("rest rooms").contains("shorter or online").contains("someone you know")
                    .contains("one part of the day");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nl", "en"})
    void aPatientAlreadyInTreatmentIsPromisedNoNewRegistration(String lang) {
        String eligible = adult("2026-11-23", ALL_MET + ",\"currentCentre\":\"AMSTERDAM_UMC\"");
        String notEligible = eligible.replace("\"bellScore\":50", "\"bellScore\":70");
        for (String json : List.of(eligible, notEligible)) {
            String letter = written(json, lang);
            assertThat(letter).doesNotContain("ZorgDomein").doesNotContain("meld u aan").doesNotContain("register you")
                    .doesNotContain("loting").doesNotContain("lottery").contains("Amsterdam UMC");
            assertThat(letter).contains(lang.equals("nl")
                    ? "In principe blijft u in behandeling bij hetzelfde centrum"
                    : "In principle you stay in treatment at the same centre");
        }
        assertThat(written(notEligible, lang)).contains(lang.equals("nl") ? "gaat gewoon door" : "simply goes on");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nl", "en"})
    void aChildTurning18SoonIsToldTheAdultRulesApplyAndPromisedNoChildrensCentre(String lang) {
        String letter = written(child("2009-02-10", 70, ""), lang);
        if (lang.equals("nl")) {
            assertThat(letter).contains("Uw kind wordt op 10 februari 2027 18 jaar")
                    .contains("regels voor volwassenen").contains("Ik bekijk de verwijzing dan opnieuw")
                    .contains("vanaf 18 jaar kan het eigen risico wel gelden")
                    .doesNotContain("expertisecentrum voor kinderen in uw regio").doesNotContain("UMC Utrecht");
        } else {
            assertThat(letter).contains("Your child turns 18 on 10 February 2027").contains("rules for adults")
                    .contains("I will then look at the referral again")
                    .doesNotContain("centre for children in your region").doesNotContain("UMC Utrecht");
        }
    }

    @Test
    void aChildWhoTurns18BeforeSixMonthsIsToldTheAdultDurationThen() {
        String json = child("2009-02-10", 70, "").replace("\"complaintOnsetDate\":\"2026-03-01\"", "\"complaintOnsetDate\":\"2026-10-01\"");
        assertThat(written(json, "nl")).contains("Uw kind wordt eerder 18, op 10 februari 2027")
                .contains("dan zijn minstens 12 maanden klachten nodig");
        assertThat(written(json, "en")).contains("Your child turns 18 before that, on 10 February 2027");
    }

    @Test
    void aChildPaysNoDeductibleAsTheGeneralDutchRule() {
        String nl = written(child("2012-06-15", 70, ""), "nl");
        assertThat(nl).contains("Voor kinderen onder de 18 jaar geldt geen eigen risico")
                .contains("Zorgverzekeringswet").doesNotContain("Wel kan uw eigen risico gelden")
                .doesNotContain("uw eigen risico");
        String en = written(child("2012-06-15", 70, ""), "en");
        assertThat(en).contains("no deductible").contains("Zorgverzekeringswet").doesNotContain("Your deductible");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nl", "en"})
    void beforeNationwideAccessTheLetterDatesAsTheFaqAndDoesNotRegisterYet(String lang) {
        String letter = written(adult("2025-03-15", ALL_MET.replace("2025-01-10", "2023-01-10")), lang);
        if (lang.equals("nl")) {
            assertThat(letter).contains("Vanaf 1 mei kan heel Nederland terecht").doesNotContain("1 mei 2025")
                    .contains("beoogde startdatum is 1 juli 2025").doesNotContain("Ik meld u aan")
                    .doesNotContain("open op");
        } else {
            assertThat(letter).contains("From 1 May people from all over the Netherlands").doesNotContain("1 May 2025")
                    .contains("intended start date is 1 July 2025").doesNotContain("I will register you")
                    .doesNotContain("open on");
        }
    }

    @Test
    void anInterimCentreNamesTheOwnRegionsIntendedStartDateNeverAnOpeningDay() {
        String nl = written(adult("2025-06-15", ALL_MET.replace("2025-01-10", "2024-01-10")), "nl");
        assertThat(nl).contains("beoogde startdatum is 1 juli 2025").contains("dan is dat bij Amsterdam UMC")
                .contains("hoeft u niet te accepteren").doesNotContain("open op");
        String open = written(adult("2026-11-23", ALL_MET), "en");
        assertThat(open).as("an open centre: no date at all").contains("own region: UMCG").doesNotContain("open on")
                .doesNotContain("1 July 2025");
    }

    // ---- 8. ALK --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"nl", "en"})
    void alkReassuresAndListsTheOptionsOfTheOwnColumnInPlainWords(String lang) {
        String json = """
                {"assessmentDate":"2026-11-23","patient":{"birthDate":"1980-04-02"},
                 "alk":{"complaintOnsetDate":"2026-01-15","limitsFunctioningOrCausesSuffering":true,
                  "complaintPattern":"ONE_OR_FEW","functionalLimitation":"LIGHT"}}
                """;
        String letter = written(json, lang);
        if (lang.equals("nl")) {
            assertThat(letter).contains("Uw klachten zijn echt.")
                    .contains("betekent dat niet automatisch dat de klachten psychisch zijn")
                    .contains("meerdere behandelingen mogelijk")
                    .contains("- Huisarts / POH-ggz\n  Verwijzing: Verwijzing is niet nodig: u maakt zelf een afspraak met de huisarts.\n  Vergoeding: Betaald uit de basisverzekering.")
                    .contains("Vaak kunt u zich zelf aanmelden").contains("kiezen we samen");
        } else {
            assertThat(letter).contains("Your symptoms are real.")
                    .contains("does not automatically mean the symptoms are psychological")
                    .contains("several treatments are possible")
                    .contains("Referral: No referral needed: you make an appointment with the GP yourself.");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nl", "en"})
    void anOptionsExertionCautionIsShownWithTheOptionInPatientWords(String lang) {
        Decision decision = engine.evaluate(DecisionJson.readAssessment("""
                {"assessmentDate":"2026-11-23","patient":{"birthDate":"1980-04-02"},
                 "alk":{"complaintOnsetDate":"2026-01-15","limitsFunctioningOrCausesSuffering":true,
                  "complaintPattern":"ONE_OR_FEW","functionalLimitation":"LIGHT","meCvsOrPem":true}}
                """));
        AlkAdvice alk = decision.alk();
        List<AlkOption> options = new ArrayList<>();
        Note caution = new Note("ALK-W1", new LocalizedText("Voorzichtig bij ME/CVS of PEM (focusgroep).",
                "Caution with ME/CFS or PEM (focus group)."));
        for (AlkOption o : alk.options()) {
            List<Note> notes = new ArrayList<>(o.notes());
            if (o.id().equals("FYSIOTHERAPIE")) {
                notes.add(caution);
            }
            options.add(new AlkOption(o.id(), o.primary(), o.column(), o.name(), o.referral(), o.reimbursement(),
                    notes, o.source()));
        }
        Decision withCaution = new Decision(decision.knowledgeBase(), decision.assessmentDate(), decision.safety(),
                null, new AlkAdvice(alk.outcome(), alk.severity(), alk.severityMessage(), alk.criteria(),
                alk.missingFacts(), alk.questions(), alk.reassessFrom(), options, alk.columnReading(), alk.warnings(),
                alk.notes()));
        String letter = LetterReport.render(withCaution, AgeGroup.ADULT, lang, false, LetterReport.Texts.of(engine)).letter();
        assertSafe(letter);
        String physio = lang.equals("nl") ? "- Fysiotherapie\n" : "- Physiotherapy\n";
        String text = lang.equals("nl") ? "  Let op: deze behandeling vraagt inspanning." : "  Please note: this treatment asks for exertion.";
        int at = letter.indexOf(physio);
        assertThat(at).as(letter).isPositive();
        assertThat(letter.substring(at, letter.indexOf("\n- ", at + 1))).contains(text);
        assertThat(letter).doesNotContain("focus").doesNotContain("ME/C").doesNotContain("PEM");
    }

    // ---- 9. exit 3 and --force-letter ----------------------------------------------------------

    /** A child whose GP judges functioning reduced with a Bell score of 100 (PC-W1, SAFE-DATA). */
    private static final String DATA_WARNING = child("2012-06-15", 100, "");

    /** ME/CVS in the post-COVID section, no ME/CVS or PEM in the ALK section (SAFE-CONFLICT). */
    private static final String CONFLICT = adult("2026-11-23", ALL_MET + ",\"otherPais\":[\"ME_CVS\"]").replace("}}\n", """
            },"alk":{"complaintOnsetDate":"2025-01-10","limitsFunctioningOrCausesSuffering":true,
              "complaintPattern":"MULTIPLE","functionalLimitation":"MODERATE","meCvsOrPem":false}}
            """);

    @ParameterizedTest
    @ValueSource(strings = {"nl", "en"})
    void whileDataIsInDoubtNoLetterIsWrittenAndOneLineSaysWhatToSettle(String lang) {
        for (String json : List.of(DATA_WARNING, CONFLICT)) {
            Result r = letter(json, lang);
            assertThat(r.code()).as(r.err()).isEqualTo(Main.LETTER_WITHHELD).isEqualTo(3);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).endsWith("\n");
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith(lang.equals("nl") ? "zorgregels: Brief niet gemaakt: eerst de gegevens controleren: "
                    : "zorgregels: Letter not written: check the data first: ").contains("--force-letter");
        }
        assertThat(letter(DATA_WARNING, lang).err()).contains(lang.equals("nl") ? "Bell CFIDS-score is 100" : "Bell CFIDS score is 100");
        assertThat(letter(CONFLICT, lang).err()).contains(lang.equals("nl") ? "Tegenstrijdige gegevens" : "Contradictory data");
        assertThat(run(DATA_WARNING, "evaluate", "-", "--format", "text").code()).as("only the letter waits").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nl", "en"})
    void aForcedLetterOpensWithWhatIsInDoubt(String lang) {
        String warning = written(DATA_WARNING, lang, "--force-letter");
        List<String> lines = warning.lines().toList();
        assertThat(lines.get(2)).isEqualTo(lang.equals("nl")
                ? "Let op: niet alle gegevens in deze brief zijn zeker. Wat hieronder staat, kan daardoor nog veranderen."
                : "Please note: not all the information in this letter is certain yet. What follows may still change.");
        assertThat(lines.get(4)).contains(lang.equals("nl") ? "gegevens over de klachten van uw kind passen niet bij elkaar"
                : "information about your child's symptoms does not fit together");
        assertThat(warning).doesNotContain("Bell");
        String conflict = written(CONFLICT, lang, "--force-letter");
        assertThat(conflict.lines().toList().get(4)).contains(lang.equals("nl")
                ? "op de ene plek wel ME/CVS en op een andere plek niet" : "mention ME/CFS in one place but not in another");
        assertThat(conflict).as("no 'you have ME/CVS' while that is in doubt")
                .doesNotContain("Bij mij staat genoteerd dat u ME/CVS heeft").doesNotContain("My records say that you have");
    }

    @Test
    void forceLetterIsOnlyAnOptionOfTheLetter() {
        for (String[] args : List.of(new String[] {"evaluate", "-", "--force-letter"},
                new String[] {"evaluate", "-", "--format", "text", "--force-letter"},
                new String[] {"batch", "-", "-", "--force-letter"})) {
            Result r = run(DATA_WARNING, args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains("--force-letter is an option of evaluate --format letter");
            assertThat(r.out()).isEmpty();
        }
        assertThat(Main.USAGE).contains("[--force-letter]").contains("3 output withheld: a letter while the");
    }

    /** Data in doubt is the requirement kind of the safety item, not a list of ids in Java. */
    @Test
    void whetherDataIsInDoubtIsDecidedByTheRequirementKind() {
        Decision turning18 = engine.evaluate(DecisionJson.readAssessment(child("2009-02-10", 70, "")));
        assertThat(turning18.safety()).extracting(Note::id).contains("SAFE-AGE");
        LetterReport.Texts real = LetterReport.Texts.of(engine);
        assertThat(LetterReport.render(turning18, AgeGroup.CHILD, "nl", false, real).withheld()).isNull();
        LetterReport.Texts ageInDoubt = new LetterReport.Texts() {
            @Override
            public Optional<LocalizedText> template(String key) {
                return real.template(key);
            }

            @Override
            public Optional<MessageOrigin> origin(String id, LocalizedText message) {
                return real.origin(id, message);
            }

            @Override
            public Requirement.Kind kind(String id) {
                return id.equals("SAFE-AGE") ? Requirement.Kind.DATA_DOUBT : real.kind(id);
            }
        };
        LetterReport.Draft withheld = LetterReport.render(turning18, AgeGroup.CHILD, "en", false, ageInDoubt);
        assertThat(withheld.letter()).isNull();
        assertThat(withheld.withheld()).startsWith("Letter not written").contains("turns 18");
        Decision warning = engine.evaluate(DecisionJson.readAssessment(DATA_WARNING));
        assertThat(real.kind("SAFE-DATA")).isEqualTo(Requirement.Kind.DATA_DOUBT);
        assertThat(LetterReport.render(warning, AgeGroup.CHILD, "nl", false, real).withheld()).isNotNull();
    }

    // ---- the generic check ---------------------------------------------------------------------

    @Test
    void noExampleGivesALetterWithInputPathsIdsChecksumsOrGpTexts() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("../../examples"))) {
            examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(8);
        int written = 0;
        for (Path example : examples) {
            String json = Files.readString(example);
            written += checkEveryWay(example.getFileName().toString(), json);
        }
        assertThat(written).as("letters written").isGreaterThanOrEqualTo(7 * 4);
    }

    @Test
    void noGeneratedCaseGivesALetterWithInputPathsIdsChecksumsOrGpTexts() {
        Result generated = run("", "generate-cases", "--seed", "20261207", "--count", "400");
        assertThat(generated.code()).as(generated.err()).isZero();
        List<String> cases = generated.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(cases).hasSize(400);
        int withheld = 0;
        for (String json : cases) {
            Result r = letter(json, "nl");
            if (r.code() == 3) {
                withheld++;
            }
            checkEveryWay(json, json);
        }
        assertThat(withheld).as("some generated cases are in doubt").isPositive();
    }

    /** Both languages, plain and forced: a letter that passes the checks, or (plain) exit 3 with one line. */
    private static int checkEveryWay(String name, String json) {
        int written = 0;
        for (String lang : List.of("nl", "en")) {
            Result plain = letter(json, lang);
            if (plain.code() == 2) {
                assertThat(plain.err()).as(name).contains("invalid input"); // an example refused on purpose
                continue;
            }
            assertThat(plain.code()).as(name + "\n" + plain.err()).isIn(0, 3);
            if (plain.code() == 3) {
                assertThat(plain.out()).as(name).isEmpty();
                assertThat(plain.err().lines().count()).as(name).isEqualTo(1);
            } else {
                assertThat(plain.err()).as(name).isEmpty();
                assertSafe(plain.out());
                written++;
            }
            Result forced = letter(json, lang, "--force-letter");
            assertThat(forced.code()).as(name + "\n" + forced.err()).isZero();
            assertSafe(forced.out());
            written++;
        }
        return written;
    }

    private static Properties bundle(String lang) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(LetterReportTest.class.getClassLoader()
                .getResourceAsStream("nl/zorgregels/kb/messages_" + lang + ".properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void theLetterTextsAreInTheBundlesNotInJava() throws IOException {
        String source = Files.readString(Path.of("src/main/java/nl/zorgregels/cli/LetterReport.java"))
                .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "")
                .replaceAll("(?s)new KnowledgeBaseException\\(.*?\\);", ""); // errors for the author, not the patient
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(source);
        int literals = 0;
        while (m.find()) {
            literals++;
            assertThat(m.group(1).split(" ").length).as("a sentence in Java: \"%s\"", m.group(1)).isLessThan(3);
        }
        assertThat(literals).isPositive();
        assertThat(source).doesNotContain("\"PC-").doesNotContain("\"SAFE-").doesNotContain("\"ALK-");
        long nl = bundle("nl").stringPropertyNames().stream().filter(k -> k.startsWith("letter.")).count();
        long en = bundle("en").stringPropertyNames().stream().filter(k -> k.startsWith("letter.")).count();
        assertThat(nl).as("the same letter texts in both languages").isEqualTo(en).isGreaterThan(100);
    }
}
