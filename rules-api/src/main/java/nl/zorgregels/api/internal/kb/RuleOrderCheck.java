package nl.zorgregels.api.internal.kb;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Accumulate;
import org.drools.base.rule.Collect;
import org.drools.base.rule.EntryPointId;
import org.drools.base.rule.EvalCondition;
import org.drools.base.rule.Forall;
import org.drools.base.rule.From;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.PatternSource;
import org.drools.base.rule.RuleConditionElement;
import nl.zorgregels.kb.fact.AlkOptionInfo;
import nl.zorgregels.kb.fact.CentreOpening;
import nl.zorgregels.kb.fact.ExpectedCriterion;
import nl.zorgregels.kb.fact.InterimAllocation;
import nl.zorgregels.model.AlkFacts;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Patient;
import nl.zorgregels.model.PostCovidFacts;
import org.kie.api.definition.rule.Rule;

/**
 * The order check (part of the knowledge-base check, so of {@code check-kb} and of every engine
 * build): a rule that concludes with a plain {@code insert} from the <em>absence</em> of a derived
 * fact must not be able to fire before that fact is derived. Not API.
 *
 * <p><b>What it reads.</b> The compiled rules' conditions ({@link RuleImpl#getLhs()}): each pattern's
 * fact type and whether the rule needs it present or absent. A pattern is read as an absence when it
 * stands under an odd number of {@code not}s, as the first pattern of a {@code forall} (a forall is
 * "no base fact without the others", so adding a base fact can make it false, adding the others
 * cannot), or inside an {@code accumulate} or {@code collect} (its result changes as facts arrive).
 * {@code exists} and the other patterns of a forall are presences. From each consequence (its text):
 * the fact type of each {@code insert(…)} and {@code insertLogical(…)}, written {@code new T(…)} or
 * {@code T.factory(…)} (the factory's declared return type); any other argument is refused, so no
 * derived type goes unseen. A type no rule inserts is <em>fixed</em>: the engine inserts the case and
 * the knowledge facts (the table rows, the expected criteria) before the rules fire.
 *
 * <p><b>Completion facts.</b> A type G <em>completes</em> a derived type T when every rule that
 * inserts G needs, present, either a {@code forall} whose first pattern is fixed and whose other
 * patterns are of type T ("every expected criterion has a result": CriteriaDecided over the
 * ExpectedCriterion facts and the Finding facts), or a fact of a type that completes T itself (a
 * fact derived only from completion facts). G must not be a case or knowledge fact type.
 *
 * <p><b>Refused</b>, each with file, line and rule:
 * <ol>
 * <li>a rule with a plain {@code insert} and an absence of a derived type T, without a top-level
 *     presence of a type that completes T (the gate);</li>
 * <li>a rule with a plain {@code insert} that reads a type some rule inserts with
 *     {@code insertLogical}: truth maintenance can withdraw that fact during the run, and the plain
 *     conclusion would stay;</li>
 * <li>a consequence that deletes, retracts, modifies or updates a fact, and a function that inserts
 *     or deletes one: the reasoning above needs facts that only ever arrive;</li>
 * <li>an insert whose fact type cannot be told, and a condition the check cannot read (a query,
 *     a window, a branch).</li>
 * </ol>
 *
 * <p><b>What it proves.</b> Facts only ever arrive during a run (3). A rule that reads only
 * presences of derived facts (and anything of fixed facts) stays true once it has fired; a rule
 * that reads an absence of a derived T and passes (1) cannot fire before its completion fact,
 * which is concluded only once every base fact of its forall has its T. In this knowledge base a T
 * arriving after that is a second result of a criterion or a result the decisions list does not
 * expect, which the engine refuses at run time; so a served decision never holds a conclusion
 * whose condition the final facts contradict.
 *
 * <p><b>What it does not prove.</b> It reads fact types, not constraints: it cannot tell that the
 * absence a gated rule reads is restricted to the gate's part ({@code not Finding(id.startsWith("PC-"),
 * …)} under {@code CriteriaDecided(part == DecisionPart.POST_COVID)}); a gated rule that read the
 * absence of an ALK result would pass though ALK-D1 may arrive later. For the same reason a type is
 * a completion fact only if <em>every</em> rule inserting it is gated: EligibilityOutcome is not one
 * (NOT_ELIGIBLE is concluded from the first NOT_MET result), even though its ELIGIBLE and
 * INSUFFICIENT_DATA values come after CriteriaDecided; gate on CriteriaDecided itself. Java called
 * from a consequence (the fact factories) is trusted not to insert or delete facts. That exactly
 * one outcome, centre or severity is derived is not this check's business: the proof and the
 * run-time check of every decision see to it.
 */
public final class RuleOrderCheck {
    /**
     * The types of the facts the engine inserts before the rules fire: the case facts (the
     * assessment and its parts) and the knowledge facts (the table rows and the expected criteria).
     * A completion fact is never one of these. A test checks the list against the engine's facts.
     */
    public static final List<Class<?>> INPUT_TYPES = List.of(Assessment.class, Patient.class, PostCovidFacts.class,
            AlkFacts.class, CentreOpening.class, InterimAllocation.class, AlkOptionInfo.class, ExpectedCriterion.class,
            nl.zorgregels.kb.fact.Parameter.class);

    private static final java.util.regex.Pattern INSERT = java.util.regex.Pattern.compile(
            "(?<![A-Za-z0-9_$])(insertLogical|insert)\\s*\\(");
    private static final java.util.regex.Pattern CHANGE = java.util.regex.Pattern.compile(
            "(?<![A-Za-z0-9_$])(delete|retract|modify|update)\\s*\\(");
    private static final java.util.regex.Pattern NEW = java.util.regex.Pattern.compile(
            "^\\s*new\\s+([A-Za-z_$][\\w$.]*)\\s*(?:<[^>]*>)?\\s*\\(");
    private static final java.util.regex.Pattern FACTORY = java.util.regex.Pattern.compile(
            "^\\s*([A-Z][\\w$]*(?:\\.[A-Z][\\w$]*)*)\\s*\\.\\s*([a-z][\\w$]*)\\s*\\(");
    private static final List<String> IMPORTED = List.of("nl.zorgregels.kb.fact.", "nl.zorgregels.model.",
            "java.lang.", "java.util.", "java.time.");

    /**
     * A rule to check.
     *
     * @param rule        the compiled rule
     * @param where       {@code file:line: rule "name"}, for messages
     * @param consequence the text of its consequence, comments blanked out
     */
    public record Checked(Rule rule, String where, String consequence) {
    }

    /** What a rule's condition needs: present (gates) and absent types, with how each is read. */
    private record Condition(Set<Class<?>> required, Map<Class<?>, String> absent, Set<Class<?>> read,
                             List<Forall> foralls, List<String> unreadable) {
    }

    /** What a rule's consequence inserts. */
    private record Inserts(Set<Class<?>> plain, Set<Class<?>> logical) {
    }

    private RuleOrderCheck() {
    }

    /**
     * @param rules     the rules with their places and consequences
     * @param functions the functions of the .drl files: {@code file:line: function name} and body
     * @return every problem, empty when the rules pass
     */
    public static List<String> check(List<Checked> rules, Map<String, String> functions) {
        List<String> problems = new ArrayList<>();
        functions.forEach((where, body) -> {
            if (INSERT.matcher(body).find() || CHANGE.matcher(body).find()) {
                problems.add(where + " inserts, deletes or changes a fact; only a rule's consequence may insert"
                        + " one (the order check reads what each rule inserts from its consequence)");
            }
        });
        Map<Class<?>, String> known = new LinkedHashMap<>();
        Map<Checked, Condition> conditions = new LinkedHashMap<>();
        for (Checked r : rules) {
            Condition c = condition(r.rule());
            conditions.put(r, c);
            c.read().forEach(t -> known.put(t, t.getName()));
        }
        Map<Checked, Inserts> inserts = new LinkedHashMap<>();
        for (Checked r : rules) {
            inserts.put(r, inserts(r, known, problems));
            Matcher change = CHANGE.matcher(r.consequence());
            if (change.find()) {
                problems.add(r.where() + " calls " + change.group(1) + "(…) in its consequence; the order check"
                        + " (and the decisions) rely on facts that only ever arrive during a run: derive a new fact instead");
            }
            for (String u : conditions.get(r).unreadable()) {
                problems.add(r.where() + " has a condition the order check cannot read (" + u + ")");
            }
        }
        Map<Class<?>, List<Checked>> insertedBy = new LinkedHashMap<>();
        Map<Class<?>, List<Checked>> logicallyBy = new LinkedHashMap<>();
        inserts.forEach((r, i) -> {
            i.plain().forEach(t -> insertedBy.computeIfAbsent(t, k -> new ArrayList<>()).add(r));
            i.logical().forEach(t -> {
                insertedBy.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
                logicallyBy.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
            });
        });
        Map<Class<?>, Set<Class<?>>> completes = completionFacts(insertedBy, conditions);
        for (Checked r : rules) {
            Inserts i = inserts.get(r);
            if (i.plain().isEmpty()) {
                continue; // nothing inserted, or only logically: truth maintenance keeps it right
            }
            Condition c = conditions.get(r);
            for (Map.Entry<Class<?>, String> absent : c.absent().entrySet()) {
                List<Checked> by = inserters(absent.getKey(), insertedBy);
                if (by.isEmpty()) {
                    continue; // a fixed type: all there before the rules fire
                }
                boolean gated = false;
                for (Class<?> gate : c.required()) {
                    if (completes.getOrDefault(gate, Set.of()).stream().anyMatch(t -> related(t, absent.getKey()))) {
                        gated = true;
                    }
                }
                if (!gated) {
                    problems.add(r.where() + " concludes with a plain insert from the absence of "
                            + absent.getKey().getSimpleName() + " (" + absent.getValue() + "), a fact "
                            + (by.size() == 1 ? named(by.get(0)) + " derives" : by.size() + " rules derive (the first: "
                            + named(by.get(0)) + ")")
                            + ", and no condition of it needs a fact derived only once every "
                            + absent.getKey().getSimpleName() + " is there" + gateNames(completes, absent.getKey())
                            + ": it could fire before that fact is derived. Gate it on such a fact, or insert its"
                            + " conclusion logically");
                    break;
                }
            }
            reads:
            for (Class<?> t : c.read()) {
                for (Map.Entry<Class<?>, List<Checked>> logical : logicallyBy.entrySet()) {
                    if (related(t, logical.getKey())) {
                        Checked by = logical.getValue().get(0);
                        problems.add(r.where() + " concludes with a plain insert from " + t.getSimpleName()
                                + ", which " + named(by)
                                + " inserts logically: truth maintenance can withdraw that fact during the run and"
                                + " the plain conclusion would stay; insert both the same way");
                        break reads;
                    }
                }
            }
        }
        return problems;
    }

    /** {@code rule "name" (file:line)}. */
    private static String named(Checked r) {
        return r.where().replaceFirst("^(.*?): (rule .*)$", "$2 ($1)");
    }

    /** " (here: CriteriaDecided)" naming the types that complete {@code t}, or "" if none. */
    private static String gateNames(Map<Class<?>, Set<Class<?>>> completes, Class<?> t) {
        List<String> names = new ArrayList<>();
        completes.forEach((g, ts) -> {
            if (ts.stream().anyMatch(x -> related(x, t))) {
                names.add(g.getSimpleName());
            }
        });
        return names.isEmpty() ? " (the rules derive no such fact)" : " (such as " + String.join(", ", names) + ")";
    }

    private static Checked firstInserter(Class<?> type, Map<Class<?>, List<Checked>> insertedBy) {
        List<Checked> all = inserters(type, insertedBy);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The rules that insert a fact a pattern on {@code type} can match, in rule order. */
    private static List<Checked> inserters(Class<?> type, Map<Class<?>, List<Checked>> insertedBy) {
        Set<Checked> all = new LinkedHashSet<>();
        insertedBy.forEach((t, rules) -> {
            if (related(type, t)) {
                all.addAll(rules);
            }
        });
        return List.copyOf(all);
    }

    /** Whether a pattern on one type can match a fact inserted as the other (either is a subtype). */
    private static boolean related(Class<?> a, Class<?> b) {
        return a.isAssignableFrom(b) || b.isAssignableFrom(a);
    }

    /**
     * The completion facts: G completes T when every rule inserting G needs a forall over a fixed
     * base with T the other patterns, or a fact that completes T. Computed up to a fixed point.
     */
    private static Map<Class<?>, Set<Class<?>>> completionFacts(Map<Class<?>, List<Checked>> insertedBy,
                                                                 Map<Checked, Condition> conditions) {
        Map<Class<?>, Set<Class<?>>> completes = new LinkedHashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<Class<?>, List<Checked>> e : insertedBy.entrySet()) {
                Class<?> g = e.getKey();
                if (INPUT_TYPES.stream().anyMatch(t -> related(t, g))) {
                    continue;
                }
                Set<Class<?>> common = null;
                for (Checked r : e.getValue()) {
                    Set<Class<?>> byThis = new LinkedHashSet<>();
                    Condition c = conditions.get(r);
                    for (Forall f : c.foralls()) {
                        Class<?> base = type(f.getBasePattern());
                        if (base != null && firstInserter(base, insertedBy) == null) {
                            for (Pattern p : f.getRemainingPatterns()) {
                                Class<?> t = type(p);
                                if (t != null && firstInserter(t, insertedBy) != null) {
                                    byThis.add(t);
                                }
                            }
                        }
                    }
                    for (Class<?> required : c.required()) {
                        byThis.addAll(completes.getOrDefault(required, Set.of()));
                    }
                    if (common == null) {
                        common = byThis;
                    } else {
                        common.retainAll(byThis);
                    }
                }
                if (common != null && !common.isEmpty() && !common.equals(completes.get(g))) {
                    completes.put(g, common);
                    changed = true;
                }
            }
        }
        return completes;
    }

    // ---- the condition ----------------------------------------------------------------------------

    private static Condition condition(Rule rule) {
        Condition c = new Condition(new LinkedHashSet<>(), new LinkedHashMap<>(), new LinkedHashSet<>(),
                new ArrayList<>(), new ArrayList<>());
        if (!(rule instanceof RuleImpl impl)) {
            c.unreadable().add("not a Drools rule: " + rule.getClass().getName());
            return c;
        }
        walk(impl.getLhs(), false, null, true, c);
        return c;
    }

    /**
     * @param negative  under an odd number of nots (or the base of a forall)
     * @param aggregate "accumulate" or "collect" when inside one, else null
     * @param top       a conjunct of the rule's condition: a presence here is a gate
     */
    private static void walk(RuleConditionElement e, boolean negative, String aggregate, boolean top, Condition c) {
        if (e instanceof GroupElement g) {
            boolean not = g.getType() == GroupElement.NOT;
            boolean stillTop = top && g.getType() == GroupElement.AND;
            for (RuleConditionElement child : g.getChildren()) {
                walk(child, not != negative, aggregate, stillTop, c);
            }
        } else if (e instanceof Forall f) {
            if (top && !negative && aggregate == null) {
                c.foralls().add(f);
            }
            // "no base fact without the others": the base is read as an absence, the others as presences
            pattern(f.getBasePattern(), !negative, aggregate, false, "forall", c);
            for (Pattern p : f.getRemainingPatterns()) {
                walk(p, negative, aggregate, false, c);
            }
        } else if (e instanceof Pattern p) {
            pattern(p, negative, aggregate, top, "not", c);
        } else if (!(e instanceof EvalCondition)) {
            c.unreadable().add(e.getClass().getSimpleName());
        }
    }

    /** A pattern: its source's patterns (accumulate, collect), or its type as a presence or an absence. */
    private static void pattern(Pattern p, boolean negative, String aggregate, boolean top, String negation,
                                Condition c) {
        PatternSource source = p.getSource();
        if (source instanceof Accumulate a) {
            for (RuleConditionElement inner : a.getNestedElements()) {
                walk(inner, negative, "accumulate", false, c);
            }
            return; // the pattern itself matches the result, not a fact
        }
        if (source instanceof Collect collect) {
            walk(collect.getSourcePattern(), negative, "collect", false, c);
            return;
        }
        if (source instanceof From) {
            return; // matches the elements of a value bound elsewhere, not facts
        }
        if (source != null && !(source instanceof EntryPointId)) {
            c.unreadable().add(source.getClass().getSimpleName());
            return;
        }
        Class<?> t = type(p);
        if (t == null) {
            c.unreadable().add("a pattern of " + p.getObjectType());
            return;
        }
        if (t == org.drools.base.reteoo.InitialFactImpl.class) {
            return;
        }
        c.read().add(t);
        if (aggregate != null) {
            c.absent().putIfAbsent(t, aggregate);
        } else if (negative) {
            c.absent().putIfAbsent(t, negation);
        } else if (top) {
            c.required().add(t);
        }
    }

    private static Class<?> type(Pattern p) {
        return p.getObjectType() instanceof ClassObjectType t ? t.getClassType() : null;
    }

    // ---- the consequence --------------------------------------------------------------------------

    private static Inserts inserts(Checked r, Map<Class<?>, String> known, List<String> problems) {
        Set<Class<?>> plain = new LinkedHashSet<>();
        Set<Class<?>> logical = new LinkedHashSet<>();
        Matcher m = INSERT.matcher(r.consequence());
        while (m.find()) {
            String argument = RuleMetadata.arguments(r.consequence(), m.end());
            Set<Class<?>> types = types(argument, known);
            if (types.isEmpty()) {
                problems.add(r.where() + " inserts " + argument.strip() + ", whose fact type the order check cannot"
                        + " tell; write insert(new T(…)) or insert(T.factory(…))");
                continue;
            }
            (m.group(1).equals("insertLogical") ? logical : plain).addAll(types);
        }
        return new Inserts(plain, logical);
    }

    /** The fact types an insert's argument can have: {@code new T(…)} or {@code T.factory(…)}; empty if unknown. */
    private static Set<Class<?>> types(String argument, Map<Class<?>, String> known) {
        Matcher constructed = NEW.matcher(argument);
        if (constructed.find()) {
            Class<?> t = resolve(constructed.group(1), known);
            return t == null ? Set.of() : Set.of(t);
        }
        Matcher factory = FACTORY.matcher(argument);
        if (factory.find()) {
            Class<?> owner = resolve(factory.group(1), known);
            if (owner == null) {
                return Set.of();
            }
            Set<Class<?>> returned = new LinkedHashSet<>();
            for (Method method : owner.getMethods()) {
                if (method.getName().equals(factory.group(2)) && Modifier.isStatic(method.getModifiers())
                        && method.getReturnType() != void.class && !method.getReturnType().isPrimitive()) {
                    returned.add(method.getReturnType());
                }
            }
            return returned;
        }
        return Set.of();
    }

    private static Class<?> resolve(String name, Map<Class<?>, String> known) {
        for (Class<?> k : known.keySet()) {
            if (k.getName().equals(name) || k.getSimpleName().equals(name)) {
                return k;
            }
        }
        ClassLoader loader = RuleOrderCheck.class.getClassLoader();
        List<String> candidates = new ArrayList<>();
        candidates.add(name);
        if (!name.contains(".")) {
            IMPORTED.forEach(p -> candidates.add(p + name));
        }
        for (String candidate : candidates) {
            try {
                return Class.forName(candidate, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next package
            }
        }
        return null;
    }
}
