package nl.zorgregels.cli.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.cli.Main;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.PostCovidDecision;

/**
 * Checks a decision against what a scenario expects ({@code expect.postCovid}, {@code expect.alk},
 * {@code sameAs} and the option-note comparisons, {@code expect.safety} and {@code safetyContains},
 * and what the command line writes for it: {@code expect.report} and {@code expect.letter}; format:
 * {@code scenarios/README.md} of rules-tests). Each difference is a readable line, expected against actual, so that one run shows
 * every difference of a scenario. Used by {@code check-kb} and by the scenario suite of rules-tests:
 * one implementation of what a scenario means.
 */
public final class ScenarioChecks {
    private ScenarioChecks() {
    }

    /**
     * What one scenario gave.
     *
     * @param decision the scenario's decision; null when its input was refused
     * @param problems every difference from what it expects, one line each; empty when it decides as expected
     */
    public record Result(Decision decision, List<String> problems) {
        /**
         * Copies the list.
         *
         * @param decision the scenario's decision; null when its input was refused
         * @param problems every difference from what it expects
         */
        public Result {
            problems = List.copyOf(problems);
        }

        /**
         * @param scenario the scenario checked
         * @return the failure as check-kb writes it: file and name, count, each difference on a line
         */
        public String report(Scenario scenario) {
            StringBuilder s = new StringBuilder(scenario.displayName()).append(": ").append(problems.size())
                    .append(" difference(s)");
            for (String p : problems) {
                s.append("\n  - ").append(p);
            }
            return s.toString();
        }
    }

    /**
     * Decides a scenario and checks what it expects: its input through the strict JSON binding (a
     * refused input is a difference naming the field), its {@code expect}, its {@code sameAs} and the
     * ALK option-note comparisons (the other scenario decided by the same engine), its safety items,
     * and the text report and letter as {@code evaluate} writes them with this engine
     * ({@link Main#evaluate(ZorgregelsEngine, nl.zorgregels.model.Assessment, String, String, boolean,
     * PrintStream, PrintStream)}).
     *
     * @param engine   the engine
     * @param file     the scenario's file (for the scenarios it refers to)
     * @param scenario the scenario
     * @return its decision and the differences
     */
    public static Result check(ZorgregelsEngine engine, ScenarioFile file, Scenario scenario) {
        List<String> problems = new ArrayList<>();
        Decision decision = decide(engine, scenario, problems);
        if (decision == null) {
            return new Result(null, problems);
        }
        if (scenario.expect() != null) {
            expectations(scenario.expect(), decision, problems);
        }
        AlkExpectation alk = scenario.alk();
        if (alk != null) {
            alkExpectations(alk, decision, problems);
            compareOptionNotes(engine, file, decision, alk.sameOptionNotesAs(), true, problems);
            compareOptionNotes(engine, file, decision, alk.otherOptionNotesThan(), false, problems);
        }
        if (scenario.sameAs() != null) {
            Decision other = decide(engine, file.scenario(scenario.sameAs()), problems);
            if (other != null) {
                same(decision, other, scenario.sameAs(), problems);
            }
        }
        safetyExpectations(scenario.safety(), scenario.safetyContains(), decision, problems);
        for (Map.Entry<String, OutputExpectation> e : scenario.report().entrySet()) {
            Output r = output(engine, scenario, "text", e.getKey());
            if (r.exitCode() != Main.OK) {
                problems.add("report." + e.getKey() + ": evaluate --format text exited with " + r.exitCode() + ": "
                        + r.err().strip());
                continue;
            }
            texts("report." + e.getKey(), r.out(), e.getValue(), problems);
        }
        LetterExpectation letter = scenario.letter();
        if (letter != null) {
            Set<String> languages = new TreeSet<>(letter.languages().isEmpty() ? Set.of("nl", "en")
                    : letter.languages().keySet());
            for (String lang : languages) {
                letter(letter, lang, output(engine, scenario, "letter", lang), problems);
            }
        }
        return new Result(decision, problems);
    }

    /**
     * What the command line wrote.
     *
     * @param exitCode the exit code
     * @param out      standard output
     * @param err      standard error
     */
    public record Output(int exitCode, String out, String err) {
    }

    /** What {@code evaluate - --format FORMAT --lang LANG} writes for the scenario with this engine. */
    private static Output output(ZorgregelsEngine engine, Scenario scenario, String format, String lang) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.evaluate(engine, DecisionJson.readAssessment(scenario.inputJson()), format, lang, false, o, e);
        }
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * One language's letter ({@code expect.letter}) against what the command line wrote: the exit
     * code; a refused letter (exit 3) writes nothing on standard output and exactly one line on
     * standard error, which the texts are then checked against.
     *
     * @param want     the expectation
     * @param lang     the language the letter was asked in
     * @param result   what {@code evaluate --format letter --lang lang} gave
     * @param problems receives one line per difference
     */
    public static void letter(LetterExpectation want, String lang, Output result, List<String> problems) {
        String where = "letter." + lang;
        if (result.exitCode() != want.exit()) {
            problems.add(where + ": expected exit code " + want.exit() + " but was " + result.exitCode()
                    + (result.err().isBlank() ? "" : " (standard error: " + result.err().strip() + ")"));
            return;
        }
        String checked;
        if (want.exit() == LetterExpectation.REFUSED) {
            if (!result.out().isEmpty()) {
                problems.add(where + ": a refused letter (exit 3) writes nothing on standard output, but it wrote "
                        + abbreviate(result.out()));
            }
            String err = result.err();
            if (err.isEmpty() || err.indexOf('\n') != err.length() - 1) {
                problems.add(where + ": a refused letter (exit 3) writes exactly one line on standard error, but it wrote \""
                        + err + "\"");
            }
            checked = err;
        } else {
            checked = result.out();
        }
        OutputExpectation texts = want.languages().get(lang);
        if (texts != null) {
            texts(where + (want.exit() == LetterExpectation.REFUSED ? " (standard error)" : ""), checked, texts, problems);
        }
    }

    private static void texts(String where, String output, OutputExpectation want, List<String> problems) {
        for (String t : want.contains()) {
            if (!output.contains(t)) {
                problems.add(where + ".contains: expected \"" + t + "\" in\n" + indent(output));
            }
        }
        for (String t : want.notContains()) {
            if (output.contains(t)) {
                problems.add(where + ".notContains: did not expect \"" + t + "\" in\n" + indent(output));
            }
        }
    }

    private static String indent(String output) {
        return "      | " + output.strip().replace("\n", "\n      | ");
    }

    private static String abbreviate(String s) {
        String line = s.strip().replace('\n', ' ');
        return "\"" + (line.length() > 120 ? line.substring(0, 120) + "…" : line) + "\"";
    }

    /**
     * {@code expect.safety} and {@code expect.safetyContains} against the decision's safety banner
     * (CONTRACT.md §10).
     *
     * @param ids      the exact list of item ids, in order; null: not checked
     * @param contains per item id, texts its message must contain, per language
     * @param decision the decision
     * @param problems receives one line per difference
     */
    public static void safetyExpectations(List<String> ids, Map<String, AlkExpectation.Texts> contains, Decision decision,
                                   List<String> problems) {
        List<String> actual = decision.safety().stream().map(Note::id).toList();
        if (ids != null && !actual.equals(ids)) {
            problems.add("safety: expected " + ids + " but was " + actual);
        }
        for (Map.Entry<String, AlkExpectation.Texts> e : contains.entrySet()) {
            Note item = decision.safety().stream().filter(n -> n.id().equals(e.getKey())).findFirst().orElse(null);
            if (item == null) {
                problems.add("safetyContains." + e.getKey() + ": no such item; the items are " + actual);
                continue;
            }
            for (String lang : List.of("nl", "en")) {
                String text = item.message().in(lang);
                for (String t : lang.equals("nl") ? e.getValue().nl() : e.getValue().en()) {
                    if (!text.contains(t)) {
                        problems.add("safetyContains." + e.getKey() + ": expected the " + lang + " message to contain \""
                                + t + "\" but it was \"" + text + "\"");
                    }
                }
            }
        }
    }


    private static void compareOptionNotes(ZorgregelsEngine engine, ScenarioFile file, Decision decision, String otherName,
                                           boolean same, List<String> problems) {
        if (otherName == null) {
            return;
        }
        Decision other = decide(engine, file.scenario(otherName), problems);
        if (other != null) {
            alkOptionNotes(decision, other, otherName, same, problems);
        }
    }

    /** The scenario's decision, or null with a problem naming the field if its input is refused. */
    private static Decision decide(ZorgregelsEngine engine, Scenario scenario, List<String> problems) {
        String json = scenario.inputJson();
        Assessment assessment;
        try {
            assessment = DecisionJson.readAssessment(json);
        } catch (InvalidInputException e) {
            problems.add("the input of " + scenario.name() + " was rejected at " + e.field() + ": " + e.rule()
                    + "\n      input: " + json);
            return null;
        }
        return engine.evaluate(assessment);
    }

    /**
     * Checks a scenario's expectations.
     *
     * @param expect   what the scenario expects
     * @param decision the decision
     * @param problems receives one line per difference, expected vs actual
     */
    public static void expectations(Expectation expect, Decision decision, List<String> problems) {
        PostCovidDecision pc = decision.postCovid();
        if (expect.absent()) {
            if (pc != null) {
                problems.add("expected no post-COVID decision but there is one with outcome " + pc.outcome());
            }
            return;
        }
        if (pc == null) {
            problems.add("expected a post-COVID decision with outcome " + expect.outcome() + " but there is none");
            return;
        }
        if (pc.outcome() != expect.outcome()) {
            problems.add("outcome: expected " + expect.outcome() + " but was " + pc.outcome());
        }
        if (expect.ageGroup() != null && pc.ageGroup() != expect.ageGroup()) {
            problems.add("ageGroup: expected " + expect.ageGroup() + " but was " + pc.ageGroup());
        }
        for (Map.Entry<String, Expectation.CriterionExpectation> e : expect.criteria().entrySet()) {
            String id = e.getKey();
            Expectation.CriterionExpectation want = e.getValue();
            CriterionResult c = pc.criterion(id).orElse(null);
            if (c == null) {
                problems.add(id + ": expected " + want.status() + " but the " + pc.ageGroup()
                        + " decision has no such criterion (it has " + ids(pc) + ")");
                continue;
            }
            criterion(id, want, c, problems);
        }
        if (expect.otherCriteria() != null) {
            for (CriterionResult c : pc.criteria()) {
                if (!expect.criteria().containsKey(c.id()) && c.status() != expect.otherCriteria()) {
                    problems.add(c.id() + " (otherCriteria): expected " + expect.otherCriteria() + " but was "
                            + c.status() + (c.missingFacts().isEmpty() ? "" : " missing " + c.missingFacts())
                            + message(c));
                }
            }
        }
        if (expect.missingFacts() != null && !pc.missingFacts().equals(expect.missingFacts())) {
            problems.add("missingFacts: expected " + expect.missingFacts() + " but was " + pc.missingFacts());
        }
        if (expect.notes() != null) {
            List<String> noteIds = pc.notes().stream().map(Note::id).toList();
            if (!noteIds.equals(expect.notes())) {
                problems.add("notes: expected " + expect.notes() + " but was " + noteIds);
            }
        }
        if (expect.centre() != null) {
            centreExpectations(expect.centre(), pc.centre(), problems);
        }
        if (expect.next() != null) {
            List<Note> notes = new ArrayList<>(pc.notes());
            notes.addAll(pc.warnings());
            if (pc.centre() != null) {
                notes.addAll(pc.centre().notes());
            }
            nextExpectations("next", expect.next(), pc.reassessFrom(), pc.questions(), pc.criteria(), notes,
                    pc.warnings(), null, problems);
        }
    }

    /** The {@code next} block (CONTRACT.md §9) against a decision part. */
    private static void nextExpectations(String where, NextExpectation want, LocalDate reassessFrom,
                                         List<nl.zorgregels.model.Question> questions, List<CriterionResult> criteria,
                                         List<Note> notes, List<Note> warnings, LocalizedText severityMessage,
                                         List<String> problems) {
        if (want.reassessFrom() != null && !want.reassessFrom().equals(Optional.ofNullable(reassessFrom))) {
            problems.add(where + ".reassessFrom: expected " + want.reassessFrom().map(Object::toString).orElse("none")
                    + " but was " + (reassessFrom == null ? "none" : reassessFrom));
        }
        if (want.questions() != null) {
            List<String> asked = questions.stream().map(q -> q.fact()).toList();
            if (!asked.equals(want.questions())) {
                problems.add(where + ".questions: expected questions for " + want.questions() + " but were for " + asked);
            }
        }
        if (want.warnings() != null) {
            List<String> ids = warnings.stream().map(Note::id).toList();
            if (!ids.equals(want.warnings())) {
                problems.add(where + ".warnings: expected " + want.warnings() + " but was " + ids);
            }
        }
        for (Map.Entry<String, List<String>> e : want.toMeetContains().entrySet()) {
            CriterionResult c = criteria.stream().filter(x -> x.id().equals(e.getKey())).findFirst().orElse(null);
            if (c == null || c.toMeet() == null) {
                problems.add(where + ".toMeetContains." + e.getKey() + ": the criterion has no toMeet"
                        + (c == null ? " (no such criterion)" : " (" + c.status() + ")"));
                continue;
            }
            contains(where + ".toMeetContains." + e.getKey(), c.toMeet().message(), e.getValue(), problems);
        }
        for (Map.Entry<String, List<String>> e : want.noteContains().entrySet()) {
            Note n = notes.stream().filter(x -> x.id().equals(e.getKey())).findFirst().orElse(null);
            if (n == null) {
                problems.add(where + ".noteContains." + e.getKey() + ": no such note; the notes are "
                        + notes.stream().map(Note::id).toList());
                continue;
            }
            contains(where + ".noteContains." + e.getKey(), n.message(), e.getValue(), problems);
        }
        if (want.severityMessageContains() != null) {
            if (severityMessage == null) {
                problems.add(where + ".severityMessageContains: the advice has no severity message");
            } else {
                contains(where + ".severityMessageContains", severityMessage, want.severityMessageContains(), problems);
            }
        }
    }

    private static void contains(String where, LocalizedText text, List<String> parts, List<String> problems) {
        for (String part : parts) {
            if (!text.nl().contains(part) || !text.en().contains(part)) {
                problems.add(where + ": both texts must contain \"" + part + "\" but were nl \"" + text.nl()
                        + "\", en \"" + text.en() + "\"");
            }
        }
    }

    private static void centreExpectations(Expectation.CentreExpectation want, CentreOffer centre,
                                           List<String> problems) {
        if (want.absent()) {
            if (centre != null) {
                problems.add("centre: expected none but was " + describe(centre) + centreMessage(centre));
            }
            return;
        }
        if (centre == null) {
            problems.add("centre: expected status " + want.status() + " but there is no centre part");
            return;
        }
        if (centre.status() != want.status()) {
            problems.add("centre.status: expected " + want.status() + " but was " + centre.status()
                    + centreMessage(centre));
        }
        if (want.centres() != null && !centre.centres().equals(want.centres())) {
            problems.add("centre.centres: expected " + want.centres() + " but was " + centre.centres()
                    + centreMessage(centre));
        }
        if (want.ruleId() != null && !want.ruleId().equals(centre.ruleId())) {
            problems.add("centre.ruleId: expected " + want.ruleId() + " but was " + centre.ruleId()
                    + centreMessage(centre));
        }
        if (want.availableFrom() != null && !want.availableFrom().equals(centre.availableFrom())) {
            problems.add("centre.availableFrom: expected " + want.availableFrom() + " but was "
                    + centre.availableFrom() + centreMessage(centre));
        }
        if (want.missingFacts() != null && !centre.missingFacts().equals(want.missingFacts())) {
            problems.add("centre.missingFacts: expected " + want.missingFacts() + " but was "
                    + centre.missingFacts());
        }
        if (want.notes() != null) {
            List<String> noteIds = centre.notes().stream().map(Note::id).toList();
            if (!noteIds.equals(want.notes())) {
                problems.add("centre.notes: expected " + want.notes() + " but was " + noteIds);
            }
        }
        for (String text : want.messageContains()) {
            if (!centre.message().nl().contains(text) || !centre.message().en().contains(text)) {
                problems.add("centre: expected both messages to contain \"" + text + "\"" + centreMessage(centre));
            }
        }
    }

    /**
     * Checks that two decisions agree on everything a scenario can state: outcome, age group, each
     * criterion's status and missing facts, the decision's missing facts and note ids, and the centre
     * part (status, centres, rule, availableFrom, missing facts, note ids; not the message).
     *
     * @param decision  this scenario's decision
     * @param other     the other scenario's decision
     * @param otherName the other scenario's name
     * @param problems  receives a line when they differ
     */
    public static void same(Decision decision, Decision other, String otherName, List<String> problems) {
        String mine = signature(decision.postCovid()) + "\n        alk: " + signature(decision.alk());
        String theirs = signature(other.postCovid()) + "\n        alk: " + signature(other.alk());
        if (!mine.equals(theirs)) {
            problems.add("expected the same decision as scenario " + otherName + "\n      that one: " + theirs
                    + "\n      this one: " + mine);
        }
    }

    /**
     * @param decision a decision
     * @return a compact, multi-line account of the post-COVID decision and the ALK advice for failure messages
     */
    public static String describe(Decision decision) {
        return describe(decision.postCovid()) + "\n  actual alk: " + describe(decision.alk());
    }

    private static String describe(PostCovidDecision pc) {
        if (pc == null) {
            return "no post-COVID decision";
        }
        StringBuilder b = new StringBuilder();
        b.append(pc.ageGroup()).append(' ').append(pc.outcome())
                .append(", missingFacts ").append(pc.missingFacts())
                .append(", notes ").append(pc.notes().stream().map(Note::id).toList());
        b.append("\n    centre: ").append(pc.centre() == null ? "none" : describe(pc.centre()));
        if (pc.centre() != null) {
            b.append(" — ").append(pc.centre().message().en());
        }
        for (CriterionResult c : pc.criteria()) {
            b.append("\n    ").append(c.id()).append(' ').append(c.status());
            if (!c.missingFacts().isEmpty()) {
                b.append(" missing ").append(c.missingFacts());
            }
            b.append(" — ").append(c.message().en());
        }
        return b.toString();
    }

    private static String signature(PostCovidDecision pc) {
        if (pc == null) {
            return "no post-COVID decision";
        }
        return pc.ageGroup() + " " + pc.outcome() + " "
                + pc.criteria().stream().map(c -> c.id() + "=" + c.status()
                        + (c.missingFacts().isEmpty() ? "" : new TreeSet<>(c.missingFacts()).toString()))
                .collect(Collectors.joining(", ", "[", "]"))
                + " missingFacts " + pc.missingFacts()
                + " notes " + pc.notes().stream().map(Note::id).toList()
                + " centre " + (pc.centre() == null ? "none" : describe(pc.centre()));
    }

    /**
     * Checks a scenario's ALK expectations.
     *
     * @param expect   what the scenario expects of {@code decision.alk()}
     * @param decision the decision
     * @param problems receives one line per difference, expected vs actual
     */
    public static void alkExpectations(AlkExpectation expect, Decision decision, List<String> problems) {
        AlkAdvice alk = decision.alk();
        if (expect.absent()) {
            if (alk != null) {
                problems.add("alk: expected no ALK advice but there is one with outcome " + alk.outcome());
            }
            return;
        }
        if (alk == null) {
            problems.add("alk: expected an ALK advice with outcome " + expect.outcome() + " but there is none");
            return;
        }
        if (alk.outcome() != expect.outcome()) {
            problems.add("alk.outcome: expected " + expect.outcome() + " but was " + alk.outcome());
        }
        if (expect.severity() != null && !expect.severity().equals(Optional.ofNullable(alk.severity()))) {
            problems.add("alk.severity: expected " + expect.severity().map(Enum::name).orElse("null") + " but was "
                    + alk.severity());
        }
        for (Map.Entry<String, Expectation.CriterionExpectation> e : expect.criteria().entrySet()) {
            CriterionResult c = alkCriterion(alk, e.getKey());
            if (c == null) {
                problems.add("alk." + e.getKey() + ": expected " + e.getValue().status()
                        + " but the advice has no such criterion (it has "
                        + alk.criteria().stream().map(CriterionResult::id).toList() + ")");
            } else {
                criterion("alk." + e.getKey(), e.getValue(), c, problems);
            }
        }
        if (expect.missingFacts() != null && !alk.missingFacts().equals(expect.missingFacts())) {
            problems.add("alk.missingFacts: expected " + expect.missingFacts() + " but was " + alk.missingFacts());
        }
        List<String> optionIds = alk.options().stream().map(AlkOption::id).toList();
        if (expect.options() != null && !optionIds.equals(expect.options())) {
            problems.add("alk.options: expected " + expect.options() + " but was " + optionIds);
        }
        if (expect.primaryOptions() != null) {
            List<String> primary = alk.options().stream().filter(AlkOption::primary).map(AlkOption::id).toList();
            if (!primary.equals(expect.primaryOptions())) {
                problems.add("alk.primaryOptions: expected " + expect.primaryOptions() + " but was " + primary);
            }
        }
        if (expect.optionCount() != null && alk.options().size() != expect.optionCount()) {
            problems.add("alk.optionCount: expected " + expect.optionCount() + " but was " + alk.options().size()
                    + " " + optionIds);
        }
        if (expect.warnings() != null) {
            List<String> ids = alk.warnings().stream().map(Note::id).toList();
            if (!ids.equals(expect.warnings())) {
                problems.add("alk.warnings: expected " + expect.warnings() + " but was " + ids);
            }
        }
        if (expect.notes() != null) {
            List<String> ids = alk.notes().stream().map(Note::id).toList();
            if (!ids.equals(expect.notes())) {
                problems.add("alk.notes: expected " + expect.notes() + " but was " + ids);
            }
        }
        for (Map.Entry<String, List<String>> e : expect.optionNotes().entrySet()) {
            AlkOption o = alkOption(alk, e.getKey());
            if (o == null) {
                problems.add("alk.optionNotes." + e.getKey() + ": expected notes " + e.getValue()
                        + " but the advice has no such option (it has " + optionIds + ")");
                continue;
            }
            List<String> ids = o.notes().stream().map(Note::id).toList();
            if (!ids.equals(e.getValue())) {
                problems.add("alk.optionNotes." + e.getKey() + ": expected " + e.getValue() + " but was " + ids);
            }
        }
        optionTexts(alk, expect.optionTextContains(), true, problems);
        optionTexts(alk, expect.optionTextExcludes(), false, problems);
        if (expect.next() != null) {
            List<Note> notes = new ArrayList<>(alk.notes());
            notes.addAll(alk.warnings());
            nextExpectations("alk.next", expect.next(), alk.reassessFrom(), alk.questions(), alk.criteria(), notes,
                    List.of(), alk.severityMessage(), problems);
        }
    }

    private static void optionTexts(AlkAdvice alk, Map<String, AlkExpectation.Texts> wanted, boolean contains,
                                    List<String> problems) {
        String key = contains ? "alk.optionTextContains." : "alk.optionTextExcludes.";
        for (Map.Entry<String, AlkExpectation.Texts> e : wanted.entrySet()) {
            AlkOption o = alkOption(alk, e.getKey());
            if (o == null) {
                problems.add(key + e.getKey() + ": the advice has no such option (it has "
                        + alk.options().stream().map(AlkOption::id).toList() + ")");
                continue;
            }
            for (String lang : List.of("nl", "en")) {
                String text = optionText(o, lang);
                for (String t : lang.equals("nl") ? e.getValue().nl() : e.getValue().en()) {
                    if (lower(text).contains(lower(t)) != contains) {
                        problems.add(key + e.getKey() + ": expected the " + lang + " texts " + (contains ? "to contain"
                                : "not to contain") + " \"" + t + "\"\n      " + lang + ": "
                                + text.replace("\n", "\n      " + lang + ": "));
                    }
                }
            }
        }
    }

    /**
     * Compares the notes (ids and texts) of the options of two ALK advices ({@code sameOptionNotesAs},
     * {@code otherOptionNotesThan}).
     *
     * @param decision  this scenario's decision
     * @param other     the other scenario's decision
     * @param otherName the other scenario's name
     * @param same      true: every option must carry the same notes in both; false: some option both list
     *                  must carry different notes
     * @param problems  receives a line when they do not
     */
    public static void alkOptionNotes(Decision decision, Decision other, String otherName, boolean same,
                               List<String> problems) {
        String key = same ? "alk.sameOptionNotesAs " : "alk.otherOptionNotesThan ";
        if (decision.alk() == null || other.alk() == null) {
            problems.add(key + otherName + ": both decisions need an ALK advice");
            return;
        }
        Map<String, List<Note>> mine = optionNotes(decision.alk());
        Map<String, List<Note>> theirs = optionNotes(other.alk());
        if (same && !mine.equals(theirs)) {
            problems.add(key + otherName + ": expected the same option notes\n      that one: " + theirs
                    + "\n      this one: " + mine);
        }
        if (!same) {
            boolean differ = mine.keySet().stream().anyMatch(id -> theirs.containsKey(id)
                    && !mine.get(id).equals(theirs.get(id)));
            if (!differ) {
                problems.add(key + otherName + ": expected some option both advices list to carry different notes, "
                        + "but they are the same\n      both: " + mine);
            }
        }
    }

    private static Map<String, List<Note>> optionNotes(AlkAdvice alk) {
        Map<String, List<Note>> m = new LinkedHashMap<>();
        for (AlkOption o : alk.options()) {
            if (!o.notes().isEmpty()) {
                m.put(o.id(), o.notes());
            }
        }
        return m;
    }

    private static CriterionResult alkCriterion(AlkAdvice alk, String id) {
        return alk.criteria().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    private static AlkOption alkOption(AlkAdvice alk, String id) {
        return alk.options().stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
    }

    private static void criterion(String where, Expectation.CriterionExpectation want, CriterionResult c,
                                  List<String> problems) {
        if (c.status() != want.status()) {
            problems.add(where + ": expected " + want.status() + " but was " + c.status() + message(c));
        }
        if (want.missingFacts() != null
                && !new TreeSet<>(want.missingFacts()).equals(new TreeSet<>(c.missingFacts()))) {
            problems.add(where + ": expected missing facts " + new TreeSet<>(want.missingFacts()) + " but was "
                    + c.missingFacts() + message(c));
        }
        for (String text : want.messageContains()) {
            if (!c.message().nl().contains(text) || !c.message().en().contains(text)) {
                problems.add(where + ": expected both messages to contain \"" + text + "\"" + message(c));
            }
        }
    }

    private static String signature(AlkAdvice alk) {
        if (alk == null) {
            return "no ALK advice";
        }
        return alk.outcome() + " severity " + alk.severity() + " "
                + alk.criteria().stream().map(c -> c.id() + "=" + c.status()
                        + (c.missingFacts().isEmpty() ? "" : new TreeSet<>(c.missingFacts()).toString()))
                .collect(Collectors.joining(", ", "[", "]"))
                + " missingFacts " + alk.missingFacts()
                + " options " + alk.options().stream().map(o -> o.id() + (o.primary() ? "*" : "")
                        + (o.notes().isEmpty() ? "" : o.notes().stream().map(Note::id).toList().toString())).toList()
                + " warnings " + alk.warnings().stream().map(Note::id).toList()
                + " notes " + alk.notes().stream().map(Note::id).toList();
    }

    private static String describe(AlkAdvice alk) {
        if (alk == null) {
            return "no ALK advice";
        }
        StringBuilder b = new StringBuilder();
        b.append(alk.outcome()).append(" severity ").append(alk.severity())
                .append(", missingFacts ").append(alk.missingFacts())
                .append(", warnings ").append(alk.warnings().stream().map(Note::id).toList())
                .append(", notes ").append(alk.notes().stream().map(Note::id).toList());
        for (CriterionResult c : alk.criteria()) {
            b.append("\n    ").append(c.id()).append(' ').append(c.status());
            if (!c.missingFacts().isEmpty()) {
                b.append(" missing ").append(c.missingFacts());
            }
            b.append(" — ").append(c.message().en());
        }
        b.append("\n    options (").append(alk.options().size()).append("): ");
        for (AlkOption o : alk.options()) {
            b.append("\n      ").append(o.id()).append(o.primary() ? " primary " : " ").append(o.column());
            if (!o.notes().isEmpty()) {
                b.append(" notes ").append(o.notes().stream().map(Note::id).toList());
            }
        }
        return b.toString();
    }

    private static List<String> ids(PostCovidDecision pc) {
        return pc.criteria().stream().map(CriterionResult::id).toList();
    }

    /**
     * @param o    an option
     * @param lang {@code nl} or {@code en}
     * @return the option's name, referral, reimbursement and note messages in that language, one per line
     */
    public static String optionText(AlkOption o, String lang) {
        StringBuilder b = new StringBuilder().append(o.name().in(lang)).append('\n').append(o.referral().in(lang))
                .append('\n').append(o.reimbursement().in(lang));
        for (Note n : o.notes()) {
            b.append('\n').append(n.id()).append(": ").append(n.message().in(lang));
        }
        return b.toString();
    }

    /**
     * @param centre a centre part
     * @return its status, centres, rule, availableFrom, missing facts and note ids
     */
    public static String describe(CentreOffer centre) {
        return centre.status() + " " + centre.centres() + " " + centre.ruleId()
                + (centre.availableFrom() == null ? "" : " availableFrom " + centre.availableFrom())
                + (centre.missingFacts().isEmpty() ? "" : " missing " + centre.missingFacts())
                + " notes " + centre.notes().stream().map(Note::id).toList();
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static String centreMessage(CentreOffer centre) {
        return "\n      centre message en: " + centre.message().en() + "\n      centre message nl: "
                + centre.message().nl();
    }

    private static String message(CriterionResult c) {
        return "\n      message en: " + c.message().en() + "\n      message nl: " + c.message().nl();
    }
}
