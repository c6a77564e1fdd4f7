package nl.zorgregels.tests.kbmutation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.tests.CliRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Author-style edits to a copy of the knowledge base (flip a comparison, delete a rule, duplicate
 * a rule, typo an enumerated value in a rule or a table, drop a message key, empty a table row, …),
 * each as {@code --kb DIR} would load it. A defect must be refused when the engine is built (what
 * {@code check-kb DIR}, {@code --kb DIR} and a reload do) with a message naming what broke: the
 * criterion or value, the file (and line, for a value), and for a defect only the covering set
 * finds, a minimal case. A legitimate change must be accepted, and {@code impact} must report the
 * decisions it changes. The number tried and caught is reported ({@code Figures}).
 */
class KbMutationTest {
    private static final Path SOURCES = Path.of("..", "rules-kb", "src", "main", "resources");
    private static final String KB = "nl/zorgregels/kb/";
    private static final String ADULT = KB + "postcovid-adult.drl";
    private static final String CHILD = KB + "postcovid-child.drl";
    private static final String COMMON = KB + "postcovid-common.drl";
    private static final String SHARED = KB + "shared.drl";
    private static final String PARAMETERS = KB + "parameters.csv";
    private static final String ALK_D1 = KB + "alk-applicability.drl";
    private static final String ALK_S1 = KB + "alk-severity.drl";
    private static final String ALK_T = KB + "alk-options.drl";
    private static final String OPTIONS = KB + "alk-options.csv";
    private static final String OPENINGS = KB + "centre-openings.csv";
    private static final String INTERIM = KB + "interim-allocation.csv";
    private static final String REQUIREMENTS = KB + "requirements.json";
    private static final String OUTCOME = KB + "postcovid-outcome.drl";
    private static final String CENTRE = KB + "postcovid-centre.drl";
    private static final String NEXT = KB + "postcovid-next.drl";

    private static int tried;
    private static int caught;
    private static int legitimateReported;
    /** Refusals every problem of which names its file and line ({@code file:line:}), and the problems that do not. */
    private static int refusalsPlaced;
    private static final List<String> unplaced = new ArrayList<>();
    private static final java.util.regex.Pattern PLACE = java.util.regex.Pattern.compile(
            "\\S+\\.(drl|csv|json|properties):\\d+[:\\s]");
    private static long started;

    @TempDir
    static Path work;
    private static Path cases;

    /**
     * An edit and what must follow from it.
     *
     * @param name       what the author did
     * @param file       the file edited
     * @param edit       the edit, on the file's text
     * @param refusal    fragments the refusal must contain (given the edited file's path and text); null
     *                   for a legitimate change, which impact must report
     */
    record Mutation(String name, String file, Function<String, String> edit, Expect refusal) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Expect {
        List<String> fragments(String path, String text);
    }

    /** A legitimate change that changes no decision (impact reports none). */
    private static final Expect NO_DECISION_CHANGES = (p, t) -> List.of();

    @BeforeAll
    static void start() throws IOException {
        started = System.nanoTime();
        // a few hundred cases of the example file for impact
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("..", "examples", "cases-10k.ndjson")).subList(0, 400));
        ObjectMapper json = new ObjectMapper();
        for (String example : List.of("adult-eligible.json", "alk-moderate-adult.json", "alk-severe-child.json")) {
            String compact = json.readTree(Path.of("..", "examples", example).toFile()).toString();
            lines.add(compact);
            lines.add(compact.replace("\"bellScore\":50", "\"bellScore\":60")); // at the adult threshold
        }
        cases = work.resolve("cases.ndjson");
        Files.write(cases, lines);
    }

    @AfterAll
    static void report() {
        org.slf4j.LoggerFactory.getLogger("zorgregels.reliability").info("RELIABILITY knowledge-base mutations: {} tried, {} defects caught by check-kb,"
                + " {} legitimate changes accepted and reported by impact, in {} s", tried, caught,
                legitimateReported, (System.nanoTime() - started) / 1_000_000_000L);
        org.slf4j.LoggerFactory.getLogger("zorgregels.reliability").info("RELIABILITY knowledge-base refusals: {} of {}"
                + " name file and line for every problem; the problems that do not:{}", refusalsPlaced, caught,
                unplaced.isEmpty() ? " none" : "\n  " + String.join("\n  ", unplaced));
        assertThat(caught + legitimateReported).isEqualTo(tried);
    }

    static Stream<Mutation> mutations() {
        return Stream.of(
                // ---- flip a comparison: one rule per criterion, so a flip changes the meaning, never the count ----
                new Mutation("legitimate: PC-A3 atMost becomes lessThan (Bell 60 no longer meets; issue 12's gap cannot recur)",
                        ADULT, replace("Tri.atMost($score, $threshold)", "Tri.lessThan($score, $threshold)"), null),
                new Mutation("PC-A3 names the wrong input path for its missing fact (a fact the case gives)", ADULT,
                        replace("Finding.inputs(\"postCovid.bellScore\", $score)",
                                "Finding.inputs(\"postCovid.complaintsAttributedToCovid\", $score)"),
                        (p, t) -> List.of("criterion PC-A3 is UNKNOWN naming missing facts [postCovid.complaintsAttributedToCovid],"
                                + " which the case gives", "postcovid-adult.drl", "minimal case: {")),
                new Mutation("PC-A1 names the wrong input path for its missing fact (issue 22: silent before)", ADULT,
                        replace("Finding.inputs(\"postCovid.complaintsAttributedToCovid\", $cause)",
                                "Finding.inputs(\"postCovid.otherCausesInvestigated\", $cause)"),
                        (p, t) -> List.of("criterion PC-A1 is UNKNOWN naming missing facts [postCovid.otherCausesInvestigated],"
                                + " which the case gives", "postcovid-adult.drl", "minimal case: {")),
                new Mutation("PC-A3 names no input (an UNKNOWN would ask nothing)", ADULT,
                        replace("Finding.inputs(\"postCovid.bellScore\", $score)", "Finding.inputs()"),
                        (p, t) -> List.of("rule \"PC-A3 adult Bell score at or below the threshold\" derives UNKNOWN while every"
                                + " input it names is present", "minimal case: {")),
                new Mutation("ALK-D1's duration case misspelt (a key its @messages does not list)", ALK_D1,
                        replace("Tri.when(Tri.not(longEnough), \"duration\")", "Tri.when(Tri.not(longEnough), \"durations\")"),
                        (p, t) -> List.of("derives message key ALK-D1.NOT_MET.durations, which its @messages does not list",
                                "minimal case: {")),
                new Mutation("PC-G1 adult: >= 18 becomes > 18 (the 18th birthday)", SHARED,
                        replace("boolean adult = years >= $adultAge;", "boolean adult = years > $adultAge;"),
                        (p, t) -> List.of("a patient on the 18th birthday is CHILD", "nl/zorgregels/kb/shared.drl", "minimal case: {")),
                new Mutation("legitimate: PC-X2 and becomes or (either access route would do)", COMMON,
                        replace("Tri.and($gp, $insurer)", "Tri.or($gp, $insurer)"), null),
                new Mutation("PC-G2 made to depend on a negative COVID test (PC-G3 forbids it)", COMMON,
                        replace("insert(Finding.decide(drools, $investigated, null,",
                                "insert(Finding.decide(drools, Tri.and($investigated, Tri.not(Tri.is($test, Boolean.FALSE))), null,"),
                        (p, t) -> List.of("PC-G3: positiveTest false instead of", "minimal case: {")),
                // ---- delete a rule ----
                new Mutation("delete PC-C2's rule", CHILD,
                        deleteRule("PC-C2 child complaints for at least the minimum duration"),
                        (p, t) -> List.of("criterion PC-C2 has no result", "(part POST_COVID, age group CHILD",
                                "postcovid-child.drl", "minimal case: {")),
                new Mutation("delete an ALK-S1 axis rule (moderate functional limitation)", ALK_S1,
                        deleteRule("ALK-S1 functionalLimitation: moderate functional limitation is moderate"),
                        (p, t) -> List.of("ALK severity (ALK-S1)", "\"functionalLimitation\":\"MODERATE\"")),
                // ---- duplicate a rule ----
                new Mutation("duplicate PC-X1's rule under a new name", COMMON,
                        duplicateRule("PC-X1 no other post-acute infection syndrome", "PC-X1 copy", null),
                        (p, t) -> List.of("rule \"PC-X1 copy\"", "both derive message keys PC-X1.MET, ")),
                new Mutation("duplicate PC-G2's rule with texts of its own (passes the metadata check)", COMMON,
                        duplicateRule("PC-G2 other causes of the complaints investigated", "PC-G2 copy", null)
                                .andThen(t -> t.substring(0, t.lastIndexOf("rule \"PC-G2 copy\""))
                                        + t.substring(t.lastIndexOf("rule \"PC-G2 copy\""))
                                        .replace("@id(\"PC-G2\")", "@id(\"PC-G2\")\n    @messages(\"MET.copy, NOT_MET.copy, UNKNOWN.copy\")")
                                        .replace("$investigated, null,", "$investigated, \"copy\","))
                                .andThen(addKeyBoth("PC-G2.MET.copy")).andThen(addKeyBoth("PC-G2.NOT_MET.copy"))
                                .andThen(addKeyBoth("PC-G2.UNKNOWN.copy"))
                                .andThen(addKeyBoth("PC-G2.NOT_MET.copy.toMeet")) // CONTRACT.md §9: its toMeet texts too
                                .andThen(addKeyBoth("PC-G2.UNKNOWN.copy.toMeet")),
                        (p, t) -> List.of("criterion PC-G2 has 2 results", "\"otherCausesInvestigated\":false")),
                // ---- typo an enumerated value ----
                new Mutation("ALK column MODERATE typed MODERAT (issue 12: every ALK decision crashed)", OPTIONS,
                        replace("PIJNPOLI,MODERATE,", "PIJNPOLI,MODERAT,"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "PIJNPOLI,") + ": column \"MODERAT\" is not one of MILD,"
                                + " MODERATE, SEVERE, ALL")),
                new Mutation("an age group typed ADULTS in the options table", OPTIONS,
                        replace("PIJNPOLI,MODERATE,ADULT CHILD,", "PIJNPOLI,MODERATE,ADULTS CHILD,"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "PIJNPOLI,") + ": ageGroups \"ADULTS CHILD\" must be one or"
                                + " more of ADULT, CHILD")),
                new Mutation("a youth text on an option for adults only", OPTIONS,
                        replace("BASIS_GGZ,MODERATE,ADULT CHILD,", "BASIS_GGZ,MODERATE,ADULT,"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "BASIS_GGZ,") + ": the option is not offered to children")),
                new Mutation("a centre typed UMGC in the openings table", OPENINGS, replace("PC-R2,UMCG,", "PC-R2,UMGC,"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "UMGC") + ": centre \"UMGC\" is not one of AMSTERDAM_UMC")),
                new Mutation("an age group typed KIND in the openings table", OPENINGS,
                        replace("AMSTERDAM_UMC,CHILD,", "AMSTERDAM_UMC,KIND,"),
                        (p, t) -> List.of(p + ":" + lineOf(t, ",KIND,") + ": ageGroup \"KIND\" is not one of ADULT, CHILD")),
                new Mutation("an opening date that does not exist (31 June)", OPENINGS, replace("2025-06-01", "2025-06-31"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "2025-06-31") + ": openFrom \"2025-06-31\" is not a date")),
                new Mutation("a region typed in the interim table", INTERIM, replace("LUMC,ERASMUS_MC", "LUMC,ERASMUS"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "LUMC,ERASMUS") + ": offered \"ERASMUS\" is not one of")),
                new Mutation("an enum constant typed in a rule (AgeGroup.ADULTS)", ADULT,
                        replace("PatientAge(ageGroup == AgeGroup.ADULT)\n    PostCovidFacts($cause : complaintsAttributedToCovid)",
                                "PatientAge(ageGroup == AgeGroup.ADULTS)\n    PostCovidFacts($cause : complaintsAttributedToCovid)"),
                        (p, t) -> List.of(p + ":", "ADULTS")),
                new Mutation("the ALL column typed in a rule's condition (AlkColumn.AL)", ALK_T,
                        replace("column == AlkColumn.ALL ||", "column == AlkColumn.AL ||"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "AlkColumn.AL ||") + ":", "AL")),
                new Mutation("the ALL column typed in a function (AlkColumn.AL)", ALK_T,
                        replace("column != AlkColumn.ALL", "column != AlkColumn.AL"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "column != AlkColumn.AL") + ": function lighterThan: AL cannot be resolved")),
                // ---- an input fact that does not exist ----
                new Mutation("a criterion on an input fact that does not exist (gpAssessedRecently)", ADULT,
                        replace("PostCovidFacts($cause : complaintsAttributedToCovid)",
                                "PostCovidFacts($cause : complaintsAttributedToCovid, gpAssessedRecently == true)"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "gpAssessedRecently") + ":", "PostCovidFacts has no field"
                                + " `gpAssessedRecently`; the fields it has are: complaintsAttributedToCovid,",
                                "a new input fact is a new field of nl.zorgregels.model.PostCovidFacts")),
                new Mutation("a consequence calling a method the fact does not have", ADULT,
                        replace("    PostCovidFacts($cause : complaintsAttributedToCovid)\nthen\n"
                                        + "    insert(Finding.decide(drools, $cause, null,",
                                "    $p : PostCovidFacts($cause : complaintsAttributedToCovid)\nthen\n"
                                        + "    insert(Finding.decide(drools, $p.gpAssessedRecently(), null,"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "$p.gpAssessedRecently()") + ": rule \"PC-A1 adult complaints are"
                                + " the consequence of COVID-19\" (its consequence): The method gpAssessedRecently()"
                                + " is undefined for the type PostCovidFacts; the fields of PostCovidFacts are:")),
                // ---- a table row emptied or wrong ----
                new Mutation("empty a row of the options table", OPTIONS,
                        t -> t.replaceFirst("(?m)^LOGOPEDIE,.*$", ",,,,,,,,,,,,,,,"),
                        (p, t) -> List.of(p + ":" + lineOf(t, ",,,,,,,,,,,,,,,") + ": id is empty", ": column is empty",
                                ": ageGroups is empty",
                                ": nameNl is empty", ": referralEn is empty")),
                new Mutation("an option text left empty (the Dutch adult referral of LOGOPEDIE)", OPTIONS,
                        replace("\"Speech and language therapy\",\"Verwijzing is niet nodig.\",", "\"Speech and language therapy\",,"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "LOGOPEDIE,") + ": referralNl is empty")),
                new Mutation("a youth text in one language only", OPTIONS,
                        replace("depends on the insurance policy.\",,,,", "depends on the insurance policy.\",\"Voor jeugdigen anders.\",,,"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "LOGOPEDIE,") + ": youthReferral is given in Dutch only")),
                new Mutation("a youth text that repeats the adult one (say it once)", OPTIONS,
                        replace("depends on the insurance policy.\",,,,",
                                "depends on the insurance policy.\",\"Verwijzing is niet nodig.\",\"No referral needed.\",,"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "LOGOPEDIE,") + ": youthReferral says what the adult text says")),
                new Mutation("an unknown column in the options table (a typo in the header)", OPTIONS,
                        replace(",youthReimbursementEn\n", ",youthReimbursementEN\n"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "id,column,") + ": the header must be",
                                "unknown column(s): youthReimbursementEN; missing column(s): youthReimbursementEn")),
                new Mutation("a row with a field too few (an unquoted comma lost)", INTERIM, replace("PC-R4,UMCG,AMSTERDAM_UMC", "PC-R4,UMCG"),
                        (p, t) -> List.of(p + ":" + (lineOf(t, "\nPC-R4,UMCG\n") + 1) + ": 2 field(s) where the header has 3")),
                new Mutation("interim allocation to a centre that is not open yet (UMCG to LUMC)", INTERIM,
                        replace("UMCG,AMSTERDAM_UMC", "UMCG,LUMC"),
                        (p, t) -> List.of("centre offered (PC-R1, PC-R3, PC-R4, PC-R5, PC-R6)", "\"umcRegion\":\"UMCG\"", "minimal case: {")),
                // ---- a message key dropped, a criterion unlisted ----
                new Mutation("drop a message key from both bundles (PC-C3.UNKNOWN)", KB + "messages_nl.properties",
                        dropKeyBoth("PC-C3.UNKNOWN"),
                        (p, t) -> List.of("rule \"PC-C3 child functioning reduced\"", "PC-C3.UNKNOWN",
                                "has no such key")),
                new Mutation("drop a case from PC-A5's @messages (a pathway left without its text)", ADULT,
                        replace("@messages(\"MET.COMPLETED, MET.NOT_POSSIBLE_DUE_TO_SEVERITY, ", "@messages(\"MET.COMPLETED, "),
                        (p, t) -> List.of("derives message key PC-A5.MET.NOT_POSSIBLE_DUE_TO_SEVERITY, which its @messages does"
                                + " not list", "\"treatmentPathway\":\"NOT_POSSIBLE_DUE_TO_SEVERITY\"")),
                new Mutation("take PC-C5 off the decisions list", REQUIREMENTS, replace("\"PC-C4\", \"PC-C5\", ", "\"PC-C4\", "),
                        (p, t) -> List.of("PC-C5 is a criterion but no entry of \"decisions\" expects it")),
                new Mutation("a @source that only repeats its requirement's passage", COMMON,
                        replace("rule \"PC-X1 no other post-acute infection syndrome\"\n    @id(\"PC-X1\")",
                                "rule \"PC-X1 no other post-acute infection syndrome\"\n    @id(\"PC-X1\")\n    @source(\""
                                        + "000_b510353f4949bed4.txt — Ik heb andere aandoeningen naast post-COVID, mag ik naar een post-COVID"
                                        + " expertisecentrum?: 'Mensen met een ander post acuut infectieus syndroom (PAIS) zoals ME/CVS,"
                                        + " Lyme, Q-koorts of langdurige klachten na sepsis, kunnen helaas niet terecht bij een post-COVID"
                                        + " expertisecentrum.'\")"),
                        (p, t) -> List.of("repeats the passage of requirement PC-X1")),
                // ---- the order of the rules: a plain insert from the absence of a derived fact ----
                new Mutation("ELIGIBLE without CriteriaDecided (from the absence of a non-MET result alone)", OUTCOME,
                        replace("    CriteriaDecided(part == DecisionPart.POST_COVID)\n    not Finding(id.startsWith(\"PC-\"), status != CriterionStatus.MET)",
                                "    not Finding(id.startsWith(\"PC-\"), status != CriterionStatus.MET)"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "rule \"PC outcome: eligible when every criterion is met\"")
                                + ": rule \"PC outcome: eligible when every criterion is met\" concludes with a plain insert"
                                + " from the absence of Finding (not)", "(such as CriteriaDecided)",
                                "it could fire before that fact is derived")),
                new Mutation("a centre offer gated on the absence of NOT_MET again instead of the outcome", CENTRE,
                        replace("    EligibilityOutcome(outcome != Outcome.NOT_ELIGIBLE)\n    PatientAge(ageGroup == AgeGroup.ADULT)\n"
                                        + "    PostCovidFacts(currentCentre == null)\n    Patient(umcRegion == null)\n",
                                "    PatientAge(ageGroup == AgeGroup.ADULT)\n    PostCovidFacts(currentCentre == null)\n"
                                        + "    Patient(umcRegion == null)\n    not Finding(id.startsWith(\"PC-\"), status == CriterionStatus.NOT_MET)\n"),
                        (p, t) -> List.of(p + ":" + lineOf(t, "rule \"PC-R3 adult centre unknown: no UMC region\"")
                                + ": rule \"PC-R3 adult centre unknown: no UMC region\" concludes with a plain insert from the"
                                + " absence of Finding (not)")),
                new Mutation("the same, with a local variable named end in the consequence (a lexical scan ended the rule there)",
                        CENTRE, replace("    EligibilityOutcome(outcome != Outcome.NOT_ELIGIBLE)\n    PatientAge(ageGroup == AgeGroup.ADULT)\n"
                                        + "    PostCovidFacts(currentCentre == null)\n    Patient(umcRegion == null)\nthen\n",
                                "    PatientAge(ageGroup == AgeGroup.ADULT)\n    PostCovidFacts(currentCentre == null)\n"
                                        + "    Patient(umcRegion == null)\n    not Finding(id.startsWith(\"PC-\"), status == CriterionStatus.NOT_MET)\n"
                                        + "then\n    long end = 0L;\n"), // not int: in Turkish (the tests) Drools generates ınt
                        (p, t) -> List.of(p + ":" + lineOf(t, "rule \"PC-R3 adult centre unknown: no UMC region\"")
                                + ": rule \"PC-R3 adult centre unknown: no UMC region\" concludes with a plain insert from the"
                                + " absence of Finding (not)")),
                new Mutation("a note from a forall over the derived results (every result MET) without the gate", NEXT,
                        replace("rule \"PC-N4 after the lottery the GP makes the definitive referral\"\n    @id(\"PC-N4\")\nwhen\n"
                                        + "    EligibilityOutcome(outcome != Outcome.NOT_ELIGIBLE)",
                                "rule \"PC-N4 after the lottery the GP makes the definitive referral\"\n    @id(\"PC-N4\")\nwhen\n"
                                        + "    PostCovidFacts()\n    forall(Finding(id.startsWith(\"PC-\")) Finding(status != CriterionStatus.NOT_MET))"),
                        (p, t) -> List.of("rule \"PC-N4 after the lottery the GP makes the definitive referral\" concludes"
                                + " with a plain insert from the absence of Finding (forall)")),
                new Mutation("legitimate, no decision changes: the same absence, inserted logically (truth maintenance)", NEXT,
                        replace("    EligibilityOutcome(outcome != Outcome.NOT_ELIGIBLE)\nthen\n    insert(NoteFinding.of(drools));",
                                "    PostCovidFacts()\n    not Finding(id.startsWith(\"PC-\"), status == CriterionStatus.NOT_MET)\nthen\n"
                                        + "    insertLogical(NoteFinding.of(drools));"),
                        NO_DECISION_CHANGES),
                // ---- legitimate changes: accepted, and impact reports them ----
                new Mutation("legitimate: the adult Bell threshold 60 becomes 50", PARAMETERS,
                        replace("adultMaximumBellScore,60,", "adultMaximumBellScore,50,"), null),
                new Mutation("legitimate: UMCG opens in 2027 instead of July 2025", OPENINGS,
                        replace("2025-07-01", "2027-01-01"), null),
                new Mutation("legitimate: dietetics offered to adults only", OPTIONS,
                        replace("DIETETIEK,MILD,ADULT CHILD,", "DIETETIEK,MILD,ADULT,"), null),
                new Mutation("legitimate: an option row removed (DIETETIEK)", OPTIONS,
                        t -> t.replaceFirst("(?m)^DIETETIEK,.*\\R", ""), null),
                new Mutation("legitimate, no decision changes: an option text written without the quotes it does not need",
                        OPTIONS, replace("\"Logopedie\",\"Speech and language therapy\"", "Logopedie,\"Speech and language therapy\""),
                        NO_DECISION_CHANGES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void isRefusedNamingWhatBrokeOrReportedByImpact(Mutation m) throws IOException {
        tried++;
        Path dir = copy(work.resolve("kb-" + tried));
        Path file = dir.resolve(m.file());
        String original = Files.readString(file);
        String edited = m.edit().apply(original);
        assertThat(edited).as("the edit changes %s", m.file()).isNotEqualTo(original);
        Files.writeString(file, edited);
        if (m.refusal() == null || m.refusal() == NO_DECISION_CHANGES) {
            ZorgregelsEngine engine = ZorgregelsEngine.fromDirectory(dir); // accepted: it must not throw
            assertThat(engine.knowledgeBase().checksum()).startsWith("sha256:");
            CliRunner.Result r = CliRunner.run(new byte[0], "impact", "--candidate", dir.toString(), "--format", "json",
                    cases.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode totals = new ObjectMapper().readTree(r.out()).get("totals");
            if (m.refusal() == null) {
                assertThat(totals.get("changed").asLong()).as("cases impact reports as changed").isPositive();
            } else {
                assertThat(totals.get("changed").asLong()).as("cases impact reports as changed").isZero();
                assertThat(totals.get("unchanged").asLong()).isEqualTo(totals.get("casesRead").asLong());
            }
            legitimateReported++;
            return;
        }
        String message;
        try {
            ZorgregelsEngine.fromDirectory(dir);
            throw new AssertionError("the mutation was accepted: " + m.name());
        } catch (KnowledgeBaseException e) {
            message = e.getMessage();
        }
        for (String fragment : m.refusal().fragments(file.toString(), edited)) {
            assertThat(message).contains(fragment);
        }
        List<String> problems = message.lines().filter(l -> l.matches("  \\S.*")).map(String::strip).toList();
        List<String> without = (problems.isEmpty() ? List.of(message) : problems).stream()
                .filter(l -> !PLACE.matcher(l).find()).map(l -> m.name() + ": " + l).toList();
        unplaced.addAll(without);
        refusalsPlaced += without.isEmpty() ? 1 : 0;
        caught++;
    }

    // ---- edits ------------------------------------------------------------------------------------

    private static Function<String, String> replace(String old, String replacement) {
        return text -> {
            assertThat(text).contains(old);
            return text.replaceFirst(java.util.regex.Pattern.quote(old), java.util.regex.Matcher.quoteReplacement(replacement));
        };
    }

    private static Function<String, String> deleteRule(String name) {
        return text -> {
            int start = text.indexOf("rule \"" + name + "\"");
            assertThat(start).as(name).isNotNegative();
            int end = text.indexOf("\nend\n", start) + 5;
            return text.substring(0, start) + text.substring(end);
        };
    }

    private static Function<String, String> duplicateRule(String name, String newName, String message) {
        return text -> {
            int start = text.indexOf("rule \"" + name + "\"");
            assertThat(start).as(name).isNotNegative();
            String rule = text.substring(start, text.indexOf("\nend\n", start) + 5).replace(name, newName);
            if (message != null) {
                rule = rule.replaceFirst("(@id\\(\"[^\"]+\"\\))", "$1\n    @message(\"" + message + "\")");
            }
            return text + "\n" + rule;
        };
    }

    /** Adds a message key to both bundles of the copy being edited. */
    private static Function<String, String> addKeyBoth(String key) {
        return text -> {
            try {
                for (String bundle : List.of("messages_nl.properties", "messages_en.properties")) {
                    Path b = work.resolve("kb-" + tried).resolve(KB + bundle);
                    Files.writeString(b, Files.readString(b) + "\n" + key + "=Test.\n");
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return text;
        };
    }

    /** Drops a key from the Dutch bundle here and from the English one beside it (one alone is refused earlier). */
    private static Function<String, String> dropKeyBoth(String key) {
        return text -> {
            try {
                Path en = work.resolve("kb-" + tried).resolve(KB + "messages_en.properties");
                Files.writeString(en, Files.readString(en).replaceFirst("(?m)^" + java.util.regex.Pattern.quote(key) + "=.*\\R", ""));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return text.replaceFirst("(?m)^" + java.util.regex.Pattern.quote(key) + "=.*\\R", "");
        };
    }

    private static int lineOf(String text, String fragment) {
        int index = text.indexOf(fragment);
        assertThat(index).as(fragment).isNotNegative();
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    private static Path copy(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(SOURCES.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return target;
    }
}
