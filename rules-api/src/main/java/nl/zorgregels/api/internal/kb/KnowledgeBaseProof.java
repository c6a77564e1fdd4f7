package nl.zorgregels.api.internal.kb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.RuleInfo;
import nl.zorgregels.model.AlkColumn;
import nl.zorgregels.kb.fact.AlkOptionInfo;
import nl.zorgregels.kb.fact.CentreOpening;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.OtherPais;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkFacts;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.AlkSeverity;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.Patient;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.model.PostCovidFacts;

/**
 * The proof a knowledge base passes before it is served (CONTRACT.md §1 "Fail closed"): the engine decides
 * a covering set of cases it builds itself, and the knowledge base is refused when one of them is
 * left without a result for an expected criterion or gets two, crashes, or breaks an invariant of
 * the CONTRACT.md, or when a side a requirement must cover (each status of each criterion, each outcome,
 * both age groups, each status of each centre rule, each severity) is reached by no case.
 *
 * <p><b>The covering set</b> is built from the input model, the requirements and the tables, not at
 * random and without knowing a criterion. Every input field of the model ({@link Patient},
 * {@link PostCovidFacts}, {@link AlkFacts}) gets a small domain from its type: absent, true, false
 * for a flag; absent and every constant for an enumeration; absent, empty and each single constant
 * for a list; absent and every whole number from 0 to 1000 the input accepts (the Bell scale: 0, 10,
 * …, 100); absent and onsets a whole number of months (0 to 36) before the assessment date, and a
 * day later. For each of four patients (an adult, a child, one
 * on the 18th birthday and one the day before) a base case is found by hill-climbing the fields
 * towards every criterion MET (for ALK: the card applies and the severity is known); then every
 * field takes every value of its domain, one at a time, and every two fields that changed the same
 * criterion (or the severity or options) in that pass take every combination of their values. The
 * centre rules get the base cases of the adult and the child on every date of the centre table, the
 * day before each, and the first and last day of every month from a month before the first such
 * date to a month after the last, for every region and none, and with every current centre. The
 * base and one-field cases of the adult and the child are also decided with each fact a constraint
 * declares without effect ({@code withoutEffect} in {@code requirements.json}) changed.
 *
 * <p><b>The invariants</b> (CONTRACT.md §1, §2, §3): the outcome follows the statuses; an UNKNOWN result
 * names its missing facts, each one the case does not give, and a MET or NOT_MET one none; INSUFFICIENT_DATA has missing facts; on
 * the 18th birthday the patient is an adult and the day before a child; an offered centre is open
 * for the patient's age group on the assessment date by the centre table (unless a centre rule of
 * role continuity keeps the current one); NONE_YET says a later date; the ALK outcome follows the
 * ALK criteria; options are listed only when the card applies and the severity is known, each once,
 * primary exactly in the severity's column and ALL, the others lighter, every option of those
 * columns of the option table listed, in column and card order; a fact declared without effect
 * never changes an outcome or a status. Which requirement is the age group, the outcome, the
 * severity, the options or a continuity rule comes from the register (kind, part, role): the proof
 * names none.
 *
 * <p>A refusal names what broke, the rule files of the requirement, and a minimal case as JSON
 * (the failing case with every input field removed that can be removed while it still fails). Not
 * API.
 */
public final class KnowledgeBaseProof {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] MONTHS = {0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 12, 13, 18, 24, 36};
    private static final int MAX_REPORTED = 8;
    /** The whole numbers tried for an integer field, from 0, and how many of them may be its domain. */
    private static final int LARGEST = 1000;
    private static final int MOST = 25;

    /** What the proof did: cases decided and the time it took. */
    public record Summary(int cases, long nanos) {
    }

    /** A field of the input, by section and name, with its domain. */
    private record Field(String section, String name, List<Object> domain) {
        String path() {
            return section + "." + name;
        }
    }

    /** An onset: {@code months} before the assessment date, plus {@code plusDay} day. */
    private record Onset(int months, boolean plusDay) {
        LocalDate on(LocalDate date) {
            LocalDate d = date.minusMonths(months);
            return plusDay ? d.plusDays(1) : d;
        }
    }

    /** The four patients: birth date from the assessment date. */
    private enum Patient4 {
        ADULT, CHILD, EIGHTEENTH_BIRTHDAY, DAY_BEFORE_EIGHTEENTH;

        LocalDate birth(LocalDate date) {
            return switch (this) {
                case ADULT -> date.minusYears(40);
                case CHILD -> date.minusYears(10);
                case EIGHTEENTH_BIRTHDAY -> date.minusYears(18);
                case DAY_BEFORE_EIGHTEENTH -> date.minusYears(18).plusDays(1);
            };
        }
    }

    /** A case: the patient, the date and the values of the fields present (absent fields are left out). */
    private record Case(Patient4 who, LocalDate date, String section, Map<String, Object> values) {
        Case with(String path, Object value) {
            Map<String, Object> v = new LinkedHashMap<>(values);
            if (value == null) {
                v.remove(path);
            } else {
                v.put(path, value);
            }
            return new Case(who, date, section, v);
        }

        Case on(LocalDate d) {
            return new Case(who, d, section, values);
        }

        String json() {
            ObjectNode root = JSON.createObjectNode();
            root.put("assessmentDate", date.toString());
            ObjectNode patient = root.putObject("patient");
            patient.put("birthDate", who.birth(date).toString());
            ObjectNode part = section == null ? null : root.putObject(section);
            for (Map.Entry<String, Object> e : values.entrySet()) {
                String[] p = e.getKey().split("\\.", 2);
                ObjectNode target = p[0].equals("patient") ? patient : part;
                if (target == null) {
                    continue;
                }
                Object v = e.getValue();
                if (v instanceof Boolean b) {
                    target.put(p[1], b);
                } else if (v instanceof Integer i) {
                    target.put(p[1], i);
                } else if (v instanceof Onset o) {
                    target.put(p[1], o.on(date).toString());
                } else if (v instanceof List<?> list) {
                    ArrayNode a = target.putArray(p[1]);
                    list.forEach(x -> a.add(String.valueOf(x)));
                } else {
                    target.put(p[1], String.valueOf(v));
                }
            }
            return root.toString();
        }
    }

    /** A failure, grouped by what broke; the first case kept. */
    private record Failure(String what, Case example) {
    }

    private final Function<Assessment, Decision> engine;
    private final KnowledgeBase kb;
    private final List<Field> patientFields;
    private final List<Field> postCovidFields;
    private final List<Field> alkFields;
    /** The requirements of each kind that the proof checks, by kind (post-COVID or ALK, as the kind belongs). */
    private final Map<Requirement.Kind, List<String>> ids = new java.util.EnumMap<>(Requirement.Kind.class);
    /** The centre rules that keep the current centre (role continuity). */
    private final Set<String> continuity;
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private final Map<String, Set<String>> reached = new LinkedHashMap<>();
    /** Decisions by case JSON: the engine is deterministic, so a case is decided once. */
    private final Map<String, Decision> memo = new java.util.HashMap<>();
    private int decided;

    private KnowledgeBaseProof(Function<Assessment, Decision> engine, KnowledgeBase kb) {
        this.engine = engine;
        this.kb = kb;
        this.patientFields = fields("patient", Patient.class, Set.of("birthDate"), kb.otherPais.kinds);
        this.postCovidFields = fields("postCovid", PostCovidFacts.class, Set.of(), kb.otherPais.kinds);
        this.alkFields = fields("alk", AlkFacts.class, Set.of(), kb.otherPais.kinds);
        for (Requirement r : kb.requirements) {
            ids.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r.id());
        }
        this.continuity = Requirements.withRole(kb.requirements, Requirement.Role.CONTINUITY);
    }

    private List<String> ids(Requirement.Kind kind) {
        return ids.getOrDefault(kind, List.of());
    }

    /**
     * Runs the proof.
     *
     * @param engine decides a case as the engine being built would
     * @param kb     its knowledge base
     * @return what was decided
     * @throws KnowledgeBaseException naming each kind of failure with a minimal case
     */
    public static Summary prove(Function<Assessment, Decision> engine, KnowledgeBase kb) {
        long start = System.nanoTime();
        KnowledgeBaseProof proof = new KnowledgeBaseProof(engine, kb);
        proof.run();
        return new Summary(proof.decided, System.nanoTime() - start);
    }

    private void run() {
        LocalDate date = baseDate();
        decide(new Case(Patient4.ADULT, date, null, Map.of()));
        for (Patient4 who : Patient4.values()) {
            Case pc = climb(new Case(who, date, "postCovid", Map.of()), allFields(postCovidFields));
            cover(pc, allFields(postCovidFields));
            Case alk = climb(new Case(who, date, "alk", Map.of()), alkFields);
            cover(alk, alkFields);
            if (who == Patient4.ADULT || who == Patient4.CHILD) {
                centres(pc);
            }
        }
        coverage();
        if (!failures.isEmpty()) {
            StringBuilder m = new StringBuilder("the knowledge base fails its proof: ").append(failures.size())
                    .append(" problem(s) in the ").append(decided).append(" cases of its covering set");
            int n = 0;
            for (Failure f : failures.values()) {
                if (n++ == MAX_REPORTED) {
                    m.append("\n  … and ").append(failures.size() - MAX_REPORTED).append(" more");
                    break;
                }
                m.append("\n  ").append(f.what());
                if (f.example() != null) {
                    m.append("\n    minimal case: ").append(shrink(f).json());
                }
            }
            throw new KnowledgeBaseException(m.toString());
        }
    }

    private List<Field> allFields(List<Field> section) {
        List<Field> all = new ArrayList<>(patientFields);
        all.addAll(section);
        return all;
    }

    /** A year after the last date of the centre table: every centre open. */
    private LocalDate baseDate() {
        LocalDate last = LocalDate.of(2026, 1, 1);
        for (CentreOpening o : kb.tables.openings) {
            if (o.openFrom() != null && o.openFrom().plusYears(1).isAfter(last)) {
                last = o.openFrom().plusYears(1);
            }
        }
        return last;
    }

    // ---- the covering set ---------------------------------------------------------------------------

    /** Chooses each field's value so that as few criteria as possible are not MET (two passes). */
    private Case climb(Case c, List<Field> fields) {
        for (int pass = 0; pass < 2; pass++) {
            for (Field f : fields) {
                Case best = c;
                int bestScore = score(c);
                for (Object v : f.domain()) {
                    Case t = c.with(f.path(), v);
                    int s = score(t);
                    boolean fills = s == bestScore && best == c && v != null && !c.values().containsKey(f.path());
                    if (s < bestScore || fills) { // on a tie, a present value: more rules are exercised
                        best = t;
                        bestScore = s;
                    }
                }
                c = best;
            }
        }
        return c;
    }

    private int score(Case c) {
        Decision d = decide(c);
        if (d == null) {
            return Integer.MAX_VALUE;
        }
        int score = 0;
        List<CriterionResult> criteria = d.postCovid() != null ? d.postCovid().criteria()
                : d.alk() != null ? d.alk().criteria() : List.of();
        for (CriterionResult r : criteria) {
            score += r.status() == CriterionStatus.MET ? 0 : r.status() == CriterionStatus.UNKNOWN ? 1 : 2;
        }
        if (d.alk() != null && (d.alk().severity() == null || d.alk().severity() == AlkSeverity.UNKNOWN)) {
            score++;
        }
        return score;
    }

    /** Every value of every field, then every pair of values of two fields that change the same result. */
    private void cover(Case base, List<Field> fields) {
        // twins without effect for the adult and the child (the birthday patients are there for the age group)
        boolean withTwins = base.who() == Patient4.ADULT || base.who() == Patient4.CHILD;
        Decision baseDecision = decide(base);
        Map<String, Set<Field>> influence = new LinkedHashMap<>();
        for (Field f : fields) {
            for (Object v : f.domain()) {
                Case one = base.with(f.path(), v);
                if (withTwins) {
                    withoutEffect(one, fields);
                }
                Decision d = decide(one);
                if (d == null || baseDecision == null) {
                    continue;
                }
                Map<String, Object> a = results(baseDecision);
                Map<String, Object> b = results(d);
                for (String key : union(a.keySet(), b.keySet())) {
                    if (!Objects.equals(a.get(key), b.get(key))) {
                        influence.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(f);
                    }
                }
            }
        }
        Set<String> donePairs = new HashSet<>();
        for (Set<Field> together : influence.values()) {
            List<Field> list = new ArrayList<>(together);
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    Field f = list.get(i);
                    Field g = list.get(j);
                    if (!donePairs.add(f.path() + "|" + g.path())) {
                        continue;
                    }
                    for (Object v : f.domain()) {
                        for (Object w : g.domain()) {
                            decide(base.with(f.path(), v).with(g.path(), w));
                        }
                    }
                }
            }
        }
    }

    /** Each criterion's result (status, facts, missing facts), the severity and the options of a decision. */
    private static Map<String, Object> results(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<CriterionResult> criteria = new ArrayList<>();
        if (d.postCovid() != null) {
            criteria.addAll(d.postCovid().criteria());
        }
        if (d.alk() != null) {
            criteria.addAll(d.alk().criteria());
            m.put("severity", d.alk().severity());
            m.put("options", d.alk().options().stream().map(o -> o.id() + o.primary()).toList());
        }
        for (CriterionResult r : criteria) {
            m.put(r.id(), List.of(r.status(), r.facts(), r.missingFacts()));
        }
        return m;
    }

    /** The base case on every date around the centre table, for every region, and with every current centre. */
    private void centres(Case base) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (CentreOpening o : kb.tables.openings) {
            if (o.openFrom() != null) {
                dates.add(o.openFrom());
                dates.add(o.openFrom().minusDays(1));
            }
        }
        if (!dates.isEmpty()) {
            LocalDate month = dates.first().minusMonths(1).withDayOfMonth(1);
            LocalDate end = dates.last().plusMonths(2).withDayOfMonth(1);
            for (; month.isBefore(end); month = month.plusMonths(1)) {
                dates.add(month);
                dates.add(month.plusMonths(1).minusDays(1));
            }
        }
        dates.add(base.date());
        Field region = patientFields.stream().filter(f -> f.name().equals("umcRegion")).findFirst().orElseThrow();
        Field current = postCovidFields.stream().filter(f -> f.name().equals("currentCentre")).findFirst().orElseThrow();
        for (LocalDate d : dates) {
            for (Object r : region.domain()) {
                decide(base.on(d).with(region.path(), r).with(current.path(), null));
            }
        }
        for (Object c : current.domain()) {
            decide(base.on(dates.first()).with(current.path(), c));
            decide(base.with(current.path(), c).with(region.path(), null));
        }
    }

    /**
     * The fields of a section, with their domains, from the record's components; a list of kinds of
     * other PAIS takes the knowledge base's kinds ({@code other-pais.csv}).
     */
    private static List<Field> fields(String section, Class<? extends Record> type, Set<String> skip,
                                      List<OtherPais> otherPais) {
        List<Field> fields = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (skip.contains(c.getName())) {
                continue;
            }
            List<Object> domain = new ArrayList<>();
            domain.add(null);
            Class<?> t = c.getType();
            if (t == Boolean.class) {
                domain.addAll(List.of(true, false));
            } else if (t == Integer.class) {
                domain.addAll(accepted(section, c.getName()));
            } else if (t == LocalDate.class) {
                for (int m : MONTHS) {
                    domain.add(new Onset(m, false));
                    domain.add(new Onset(m, true));
                }
            } else if (t.isEnum()) {
                domain.addAll(Arrays.asList(t.getEnumConstants()));
            } else if (t == List.class && c.getGenericType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] == OtherPais.class) {
                domain.add(List.of());
                for (OtherPais kind : otherPais) {
                    domain.add(List.of(kind));
                }
            } else if (t == List.class && c.getGenericType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> e && e.isEnum()) {
                domain.add(List.of());
                for (Object constant : e.getEnumConstants()) {
                    domain.add(List.of(constant));
                }
            } else {
                throw new IllegalStateException("the proof has no domain for " + type.getSimpleName() + "."
                        + c.getName() + " (" + t.getSimpleName() + "); add one");
            }
            fields.add(new Field(section, c.getName(), java.util.Collections.unmodifiableList(domain)));
        }
        return fields;
    }

    /**
     * The whole numbers from 0 to {@value #LARGEST} that the input accepts for a field (its
     * validation is the domain's declaration, e.g. a scale in steps of 10); at most {@value #MOST}.
     */
    private static List<Integer> accepted(String section, String name) {
        List<Integer> accepted = new ArrayList<>();
        for (int v = 0; v <= LARGEST; v++) {
            ObjectNode root = JSON.createObjectNode().put("assessmentDate", "2026-01-01");
            root.putObject("patient").put("birthDate", "1980-01-01");
            (section.equals("patient") ? (ObjectNode) root.get("patient") : root.putObject(section)).put(name, v);
            try {
                DecisionJson.readAssessment(root.toString());
                accepted.add(v);
            } catch (InvalidInputException e) {
                // not a value of the field
            }
        }
        if (accepted.isEmpty() || accepted.size() > MOST) {
            throw new IllegalStateException("the proof has no small domain for " + section + "." + name + " ("
                    + accepted.size() + " whole numbers from 0 to " + LARGEST + " accepted); add one");
        }
        return accepted;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    // ---- deciding and checking ----------------------------------------------------------------------

    /** Decides a case once, checks it, and records its sides; null if the case is not valid input or failed. */
    private Decision decide(Case c) {
        String json = c.json();
        Assessment a;
        try {
            a = DecisionJson.readAssessment(json);
        } catch (InvalidInputException e) {
            return null; // e.g. an onset before the birth date: not a case
        }
        if (memo.containsKey(json)) {
            return memo.get(json);
        }
        memo.put(json, null);
        Decision d;
        try {
            d = engine.apply(a);
        } catch (KnowledgeBaseException e) {
            fail(e.getMessage(), c);
            return null;
        } catch (RuntimeException e) {
            fail("the engine crashes: " + firstLine(e) + rulesNamed(e), c);
            return null;
        } finally {
            decided++;
        }
        memo.put(json, d);
        check(c, d);
        return d;
    }

    /**
     * A constraint's fact without effect ({@code withoutEffect}): the case decided with that fact at
     * every value of its domain gives the same outcomes and statuses.
     */
    private void withoutEffect(Case c, List<Field> fields) {
        Decision d = decide(c);
        if (d == null) {
            return;
        }
        for (Requirement r : kb.requirements) {
            if (r.withoutEffect().isEmpty() || !r.withoutEffect().startsWith(c.section() + ".")) {
                continue;
            }
            Field f = fields.stream().filter(x -> x.path().equals(r.withoutEffect())).findFirst().orElse(null);
            if (f == null) {
                fail(r.id() + ": \"withoutEffect\" in " + Requirements.FILE + " names " + r.withoutEffect()
                        + ", which is not an input fact; name one as section.name", null);
                continue;
            }
            Object value = c.values().get(f.path());
            for (Object other : f.domain()) {
                Decision twin = Objects.equals(other, value) ? null : decide(c.with(f.path(), other));
                if (twin != null && !signature(twin).equals(signature(d))) {
                    fail(r.id() + ": " + f.name() + " " + (other == null ? "absent" : other) + " instead of "
                            + (value == null ? "absent" : value) + " changes the decision from "
                            + signature(d) + " to " + signature(twin), c);
                }
            }
        }
    }

    /** The outcome and the criteria's statuses of each part. */
    private static String signature(Decision d) {
        StringBuilder s = new StringBuilder();
        if (d.postCovid() != null) {
            s.append(d.postCovid().outcome());
            d.postCovid().criteria().forEach(r -> s.append(' ').append(r.id()).append('=').append(r.status()));
        }
        if (d.alk() != null) {
            s.append(s.length() == 0 ? "" : "; ").append(d.alk().outcome());
            d.alk().criteria().forEach(r -> s.append(' ').append(r.id()).append('=').append(r.status()));
        }
        return s.toString();
    }

    private void check(Case c, Decision d) {
        PostCovidDecision pc = d.postCovid();
        if (pc != null) {
            ids(Requirement.Kind.AGE_GROUP).forEach(id -> side(id, pc.ageGroup().name()));
            ids(Requirement.Kind.OUTCOME).forEach(id -> side(id, pc.outcome().name()));
            boolean notMet = false;
            boolean unknown = false;
            for (CriterionResult r : pc.criteria()) {
                criterion(r, c);
                notMet |= r.status() == CriterionStatus.NOT_MET;
                unknown |= r.status() == CriterionStatus.UNKNOWN;
            }
            Outcome want = notMet ? Outcome.NOT_ELIGIBLE : unknown ? Outcome.INSUFFICIENT_DATA : Outcome.ELIGIBLE;
            if (pc.outcome() != want) {
                fail("CONTRACT.md §1 Outcome: the outcome is " + pc.outcome() + " where the criteria's statuses give "
                        + want + "; rules in " + files(ids(Requirement.Kind.OUTCOME)), c);
            }
            if (pc.outcome() == Outcome.INSUFFICIENT_DATA && pc.missingFacts().isEmpty()) {
                fail("CONTRACT.md §1: INSUFFICIENT_DATA without missing facts", c);
            }
            if (c.who() == Patient4.EIGHTEENTH_BIRTHDAY && pc.ageGroup() != AgeGroup.ADULT
                    || c.who() == Patient4.DAY_BEFORE_EIGHTEENTH && pc.ageGroup() != AgeGroup.CHILD) {
                fail(String.join(", ", ids(Requirement.Kind.AGE_GROUP)) + ": a patient "
                        + (c.who() == Patient4.EIGHTEENTH_BIRTHDAY ? "on the 18th birthday" : "the day before the 18th birthday")
                        + " is " + pc.ageGroup() + "; rules in " + files(ids(Requirement.Kind.AGE_GROUP)), c);
            }
            if (pc.centre() != null) {
                centre(pc, c);
            }
        }
        AlkAdvice alk = d.alk();
        if (alk != null) {
            alk.criteria().forEach(r -> criterion(r, c));
            ids(Requirement.Kind.SEVERITY).forEach(id -> side(id, alk.severity() == null ? "NONE" : alk.severity().name()));
            alk(alk, c);
        }
    }

    private void criterion(CriterionResult r, Case c) {
        side(r.id(), r.status().name());
        if (r.status() == CriterionStatus.UNKNOWN ? r.missingFacts().isEmpty() : !r.missingFacts().isEmpty()) {
            fail("CONTRACT.md §1: criterion " + r.id() + " is " + r.status() + (r.missingFacts().isEmpty()
                    ? " without naming a missing fact" : " but names missing facts " + r.missingFacts())
                    + "; rules in " + files(List.of(r.id())), c);
        }
        List<String> given = r.missingFacts().stream().filter(c.values()::containsKey).toList();
        if (!given.isEmpty()) {
            fail("CONTRACT.md §1: criterion " + r.id() + " is " + r.status() + " naming missing facts " + given
                    + ", which the case gives (a rule names the wrong input path?); rules in " + files(List.of(r.id())), c);
        }
    }

    private void centre(PostCovidDecision pc, Case c) {
        CentreOffer centre = pc.centre();
        side(centre.ruleId(), centre.status().name());
        String where = "centre by " + centre.ruleId() + " (rules in " + files(List.of(centre.ruleId())) + ")";
        if (centre.status() == CentreStatus.OFFERED) {
            if (centre.centres().isEmpty() || new HashSet<>(centre.centres()).size() != centre.centres().size()) {
                fail("CONTRACT.md §2: " + where + " offers " + centre.centres() + ": none, or one twice", c);
            }
            if (!continuity.contains(centre.ruleId())) {
                for (var offered : centre.centres()) {
                    boolean open = kb.tables.openings.stream().anyMatch(o -> o.centre() == offered
                            && o.ageGroup() == pc.ageGroup() && (o.openFrom() == null || !o.openFrom().isAfter(c.date())));
                    if (!open) {
                        fail("CONTRACT.md §2: " + where + " offers " + offered + ", which " + KbTables.CENTRE_OPENINGS
                                + " does not open for " + pc.ageGroup() + " patients by the assessment date", c);
                    }
                }
            }
        } else if (centre.status() == CentreStatus.NONE_YET) {
            if (centre.availableFrom() == null || !centre.availableFrom().isAfter(c.date())) {
                fail("CONTRACT.md §2: " + where + " is NONE_YET with availableFrom " + centre.availableFrom()
                        + ", not a date after the assessment date", c);
            }
        } else if (centre.missingFacts().isEmpty()) {
            fail("CONTRACT.md §2: " + where + " is UNKNOWN without naming a missing fact", c);
        }
    }

    private void alk(AlkAdvice alk, Case c) {
        if (!alk.criteria().isEmpty()) {
            List<String> ids = alk.criteria().stream().map(CriterionResult::id).toList();
            Set<CriterionStatus> statuses = new HashSet<>();
            alk.criteria().forEach(r -> statuses.add(r.status()));
            AlkOutcome want = statuses.contains(CriterionStatus.NOT_MET) ? AlkOutcome.NOT_APPLICABLE
                    : statuses.contains(CriterionStatus.UNKNOWN) ? AlkOutcome.INSUFFICIENT_DATA : AlkOutcome.APPLICABLE;
            if (alk.outcome() != want) {
                fail("CONTRACT.md §3 " + String.join(", ", ids) + ": the ALK outcome is " + alk.outcome() + " where "
                        + String.join(", ", alk.criteria().stream().map(r -> r.id() + " is " + r.status()).toList())
                        + "; rules in " + files(ids), c);
            }
        }
        AlkSeverity severity = alk.severity();
        boolean listed = alk.outcome() == AlkOutcome.APPLICABLE && severity != null && severity != AlkSeverity.UNKNOWN;
        String options = "CONTRACT.md §3 " + String.join(", ", ids(Requirement.Kind.OPTIONS)) + ": ";
        List<String> optionRules = new ArrayList<>(ids(Requirement.Kind.OPTIONS));
        optionRules.addAll(ids(Requirement.Kind.YOUTH));
        String where = "; rules in " + files(optionRules) + ", table " + KbTables.ALK_OPTIONS;
        if (!listed) {
            if (!alk.options().isEmpty()) {
                fail(options + "options are listed with outcome " + alk.outcome() + " and severity " + severity
                        + where, c);
            }
            return;
        }
        AgeGroup group = c.who() == Patient4.ADULT || c.who() == Patient4.EIGHTEENTH_BIRTHDAY ? AgeGroup.ADULT : AgeGroup.CHILD;
        List<String> want = new ArrayList<>();
        for (AlkColumn column : AlkColumn.values()) {
            kb.tables.options.stream().filter(o -> o.column() == column && o.ageGroups().contains(group))
                    .filter(o -> column == AlkColumn.ALL || AlkSeverity.valueOf(column.name()).compareTo(severity) <= 0)
                    .sorted(java.util.Comparator.comparingInt(AlkOptionInfo::cardOrder))
                    .forEach(o -> want.add(o.id() + (o.column() == AlkColumn.ALL || o.column().name().equals(severity.name())
                            ? " primary" : "")));
        }
        List<String> got = new ArrayList<>();
        for (AlkOption o : alk.options()) {
            got.add(o.id() + (o.primary() ? " primary" : ""));
        }
        if (!got.equals(want)) {
            fail(options + "with severity " + severity + " the options listed are " + got
                    + " where the option table (the rows for " + group + ") and stepped care give " + want + where, c);
        }
    }

    private void side(String id, String side) {
        reached.computeIfAbsent(id, k -> new TreeSet<>()).add(side);
    }

    /** Every side a requirement must cover (of the kinds a decision shows directly) is reached. */
    private void coverage() {
        for (Requirement r : kb.requirements) {
            switch (r.kind()) {
                case CRITERION, OUTCOME, AGE_GROUP, CENTRE, SEVERITY -> {
                    for (String side : r.cover()) {
                        if (!reached.getOrDefault(r.id(), Set.of()).contains(side)) {
                            fail(r.id() + " is never " + side + " in the covering set, though " + Requirements.FILE
                                    + " says it can be (cover); rules in " + files(List.of(r.id())), null);
                        }
                    }
                }
                default -> {
                    // notes, options and indications are checked by the invariants above
                }
            }
        }
    }

    private void fail(String what, Case c) {
        failures.putIfAbsent(what, new Failure(what, c));
    }

    /** The failing case with every field removed that can go while the same failure remains. */
    private Case shrink(Failure f) {
        Case c = f.example();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String path : new ArrayList<>(c.values().keySet())) {
                Case smaller = c.with(path, null);
                if (failsWith(smaller, f.what())) {
                    c = smaller;
                    changed = true;
                }
            }
        }
        return c;
    }

    private boolean failsWith(Case c, String what) {
        KnowledgeBaseProof probe = new KnowledgeBaseProof(engine, kb);
        probe.decide(c);
        return probe.failures.containsKey(what);
    }

    /** The files of the rules of these requirements, each once, joined by ", " in the requirements' order. */
    private String files(List<String> ids) {
        List<String> all = new ArrayList<>();
        for (String id : ids) {
            Set<String> f = new LinkedHashSet<>();
            for (RuleInfo r : kb.rules) {
                if (r.id().equals(id)) {
                    f.add(r.file());
                }
            }
            all.add(f.isEmpty() ? "(none)" : String.join(", ", f));
        }
        return all.isEmpty() ? "(none)" : String.join(", ", all);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }

    private String rulesNamed(Throwable e) {
        Set<String> files = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            for (RuleInfo r : kb.rules) {
                if (m.contains(r.name())) {
                    files.add("rule \"" + r.name() + "\" (" + r.location() + ")");
                }
            }
        }
        return files.isEmpty() ? "" : "; in " + String.join(", ", files);
    }
}
