package nl.zorgregels.api.internal.kb;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.zorgregels.api.internal.kb.DrlSources.Code;
import nl.zorgregels.api.internal.kb.DrlSources.ParsedFunction;
import nl.zorgregels.api.internal.kb.DrlSources.ParsedRule;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;

/**
 * The order check (part of the knowledge-base check, so of {@code check-kb} and of every engine
 * build): a rule that concludes with a plain {@code insert} from the <em>absence</em> of a derived
 * fact must not be able to fire before that fact is derived. Not API; the reasoning is in
 * {@code rules-kb/README.md}, "The order of the rules".
 *
 * <p>It reads the rules' descriptors ({@link DrlSources}): each pattern's fact type, resolved by
 * the file's imports, as a presence or an absence (under an odd number of {@code not}s, the first
 * pattern of a {@code forall}, inside an {@code accumulate} or {@code collect}); and each
 * consequence's {@code insert(new T(…))}, {@code insert(T.factory(…))} and {@code insertLogical}
 * calls (a factory's declared return type). A type no rule inserts is <em>fixed</em>. A type G
 * <em>completes</em> a derived type T when every rule inserting G needs, present, a {@code forall}
 * over a fixed base whose other patterns are T, or a fact that completes T; G is never one of the
 * types the engine inserts before the rules fire.
 *
 * <p>Refused, each with file, line and rule: a plain insert with an absence of a derived T and no
 * top-level presence of a type completing T; a plain insert reading a type some rule inserts
 * logically; a consequence that deletes, retracts, modifies or updates a fact, or a function that
 * inserts or changes one; an insert whose type cannot be told; a condition it cannot read.
 * It reads types, not constraints, and trusts Java called from a consequence not to insert.
 */
public final class RuleOrderCheck {
    private static final Set<String> CHANGES = Set.of("delete", "retract", "modify", "update");
    private static final Set<String> INSERTS = Set.of("insert", "insertLogical");

    /**
     * A rule to check.
     *
     * @param rule  the rule's descriptor and consequence
     * @param where {@code file:line: rule "name"}, for messages
     */
    public record Checked(ParsedRule rule, String where) {
    }

    /** What a rule's condition reads: top-level presences (gates), absences with how, all types, foralls. */
    private record Condition(Set<Class<?>> required, Map<Class<?>, String> absent, Set<Class<?>> read,
                             List<ForallDescr> foralls, List<String> unreadable) {
    }

    private RuleOrderCheck() {
    }

    /**
     * @param rules      the rules with their places
     * @param functions  the functions of the .drl files
     * @param inputTypes the types of the facts the engine inserts before the rules fire (the case and
     *                   the knowledge facts): never a completion fact
     * @return every problem, empty when the rules pass
     */
    public static List<String> check(List<Checked> rules, List<ParsedFunction> functions, Collection<Class<?>> inputTypes) {
        List<String> problems = new ArrayList<>();
        for (ParsedFunction f : functions) {
            if (f.body().calls().stream().anyMatch(c -> CHANGES.contains(c.name()) || INSERTS.contains(c.name()))) {
                problems.add(f.where() + " inserts, deletes or changes a fact; only a rule's consequence may insert"
                        + " one (the order check reads what each rule inserts from its consequence)");
            }
        }
        Map<Checked, Condition> conditions = new LinkedHashMap<>();
        Map<Class<?>, List<Checked>> insertedBy = new LinkedHashMap<>();
        Map<Class<?>, List<Checked>> logicallyBy = new LinkedHashMap<>();
        Map<Checked, Boolean> plain = new LinkedHashMap<>();
        for (Checked r : rules) {
            Condition c = new Condition(new LinkedHashSet<>(), new LinkedHashMap<>(), new LinkedHashSet<>(),
                    new ArrayList<>(), new ArrayList<>());
            walk(r.rule().descr().getLhs(), false, null, true, r.rule(), c);
            conditions.put(r, c);
            plain.put(r, false);
            for (Code.Call call : r.rule().consequence().calls()) {
                if (CHANGES.contains(call.name()) && !call.constructor()) {
                    problems.add(r.where() + " calls " + call.name() + "(…) in its consequence; the order check (and"
                            + " the decisions) rely on facts that only ever arrive during a run: derive a new fact instead");
                } else if (INSERTS.contains(call.name()) && !call.constructor()) {
                    Set<Class<?>> types = call.arguments().isEmpty() ? Set.of() : types(call.arguments().get(0), r.rule());
                    if (types.isEmpty()) {
                        problems.add(r.where() + " inserts " + (call.arguments().isEmpty() ? "nothing"
                                : Code.text(call.arguments().get(0))) + ", whose fact type the order check cannot"
                                + " tell; write insert(new T(…)) or insert(T.factory(…))");
                    }
                    boolean logical = call.name().equals("insertLogical");
                    plain.put(r, plain.get(r) || !logical && !types.isEmpty());
                    for (Class<?> t : types) {
                        insertedBy.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
                        if (logical) {
                            logicallyBy.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
                        }
                    }
                }
            }
            c.unreadable().forEach(u -> problems.add(r.where() + " has a condition the order check cannot read (" + u + ")"));
        }
        Map<Class<?>, Set<Class<?>>> completes = completionFacts(insertedBy, conditions, inputTypes);
        for (Checked r : rules) {
            if (!plain.get(r)) {
                continue; // nothing inserted, or only logically: truth maintenance keeps it right
            }
            Condition c = conditions.get(r);
            for (Map.Entry<Class<?>, String> absent : c.absent().entrySet()) {
                List<Checked> by = inserters(absent.getKey(), insertedBy);
                if (!by.isEmpty() && c.required().stream().noneMatch(gate -> completes.getOrDefault(gate, Set.of())
                        .stream().anyMatch(t -> related(t, absent.getKey())))) {
                    String type = absent.getKey().getSimpleName();
                    problems.add(r.where() + " concludes with a plain insert from the absence of " + type + " ("
                            + absent.getValue() + "), a fact " + (by.size() == 1 ? named(by.get(0)) + " derives"
                            : by.size() + " rules derive (the first: " + named(by.get(0)) + ")")
                            + ", and no condition of it needs a fact derived only once every " + type + " is there"
                            + gateNames(completes, absent.getKey()) + ": it could fire before that fact is derived."
                            + " Gate it on such a fact, or insert its conclusion logically");
                    break;
                }
            }
            c.read().stream().flatMap(t -> logicallyBy.entrySet().stream().filter(l -> related(t, l.getKey()))
                    .map(l -> r.where() + " concludes with a plain insert from " + t.getSimpleName() + ", which "
                            + named(l.getValue().get(0)) + " inserts logically: truth maintenance can withdraw that"
                            + " fact during the run and the plain conclusion would stay; insert both the same way"))
                    .findFirst().ifPresent(problems::add);
        }
        return problems;
    }

    /** {@code rule "name" (file:line)}. */
    private static String named(Checked r) {
        return r.where().replaceFirst("^(.*?): (rule .*)$", "$2 ($1)");
    }

    /** " (such as CriteriaDecided)" naming the types that complete {@code t}. */
    private static String gateNames(Map<Class<?>, Set<Class<?>>> completes, Class<?> t) {
        List<String> names = completes.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(x -> related(x, t)))
                .map(e -> e.getKey().getSimpleName()).toList();
        return names.isEmpty() ? " (the rules derive no such fact)" : " (such as " + String.join(", ", names) + ")";
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

    /** G completes T when every rule inserting G needs a forall over a fixed base with T the others, or a G' completing T. */
    private static Map<Class<?>, Set<Class<?>>> completionFacts(Map<Class<?>, List<Checked>> insertedBy,
                                                                 Map<Checked, Condition> conditions,
                                                                 Collection<Class<?>> inputTypes) {
        Map<Class<?>, Set<Class<?>>> completes = new LinkedHashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<Class<?>, List<Checked>> e : insertedBy.entrySet()) {
                if (inputTypes.stream().anyMatch(t -> related(t, e.getKey()))) {
                    continue;
                }
                Set<Class<?>> common = null;
                for (Checked r : e.getValue()) {
                    Set<Class<?>> byThis = new LinkedHashSet<>();
                    for (ForallDescr f : conditions.get(r).foralls()) {
                        Class<?> base = type(f.getBasePattern(), r.rule());
                        if (base != null && inserters(base, insertedBy).isEmpty()) {
                            for (BaseDescr p : f.getRemainingPatterns()) {
                                Class<?> t = p instanceof PatternDescr pattern ? type(pattern, r.rule()) : null;
                                if (t != null && !inserters(t, insertedBy).isEmpty()) {
                                    byThis.add(t);
                                }
                            }
                        }
                    }
                    conditions.get(r).required().forEach(g -> byThis.addAll(completes.getOrDefault(g, Set.of())));
                    if (common == null) {
                        common = byThis;
                    } else {
                        common.retainAll(byThis);
                    }
                }
                if (common != null && !common.isEmpty() && !common.equals(completes.get(e.getKey()))) {
                    completes.put(e.getKey(), common);
                    changed = true;
                }
            }
        }
        return completes;
    }

    /**
     * @param negative  under an odd number of nots (or the base of a forall)
     * @param aggregate "accumulate" or "collect" when inside one, else null
     * @param top       a conjunct of the rule's condition: a presence here is a gate
     */
    private static void walk(BaseDescr e, boolean negative, String aggregate, boolean top, ParsedRule rule, Condition c) {
        if (e instanceof AndDescr || e instanceof OrDescr || e instanceof NotDescr || e instanceof ExistsDescr) {
            boolean not = e instanceof NotDescr;
            boolean stillTop = top && e instanceof AndDescr;
            for (Object child : ((org.drools.drl.ast.descr.ConditionalElementDescr) e).getDescrs()) {
                walk((BaseDescr) child, not != negative, aggregate, stillTop, rule, c);
            }
        } else if (e instanceof ForallDescr f) {
            if (top && !negative && aggregate == null) {
                c.foralls().add(f);
            }
            // "no base fact without the others": the base is read as an absence, the others as presences
            pattern(f.getBasePattern(), !negative, aggregate, false, "forall", rule, c);
            for (BaseDescr p : f.getRemainingPatterns()) {
                walk(p, negative, aggregate, false, rule, c);
            }
        } else if (e instanceof PatternDescr p) {
            pattern(p, negative, aggregate, top, "not", rule, c);
        } else if (!(e instanceof EvalDescr)) {
            c.unreadable().add(e.getClass().getSimpleName().replace("Descr", "") + " at line " + e.getLine());
        }
    }

    /** A pattern: its source's patterns (accumulate, collect), or its type as a presence or an absence. */
    private static void pattern(PatternDescr p, boolean negative, String aggregate, boolean top, String negation,
                                ParsedRule rule, Condition c) {
        if (p.getSource() instanceof AccumulateDescr a) {
            walk(a.getInput(), negative, "accumulate", false, rule, c);
            return; // the pattern itself matches the result, not a fact
        }
        if (p.getSource() instanceof CollectDescr collect) {
            walk(collect.getInputPattern(), negative, "collect", false, rule, c);
            return;
        }
        if (p.getSource() instanceof FromDescr) {
            return; // matches the elements of a value bound elsewhere, not facts
        }
        Class<?> t = p.isQuery() || p.getSource() != null && !(p.getSource() instanceof EntryPointDescr) ? null : type(p, rule);
        if (t == null) {
            c.unreadable().add("a pattern of " + p.getObjectType() + " at line " + p.getLine());
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

    private static Class<?> type(PatternDescr p, ParsedRule rule) {
        return resolve(p.getObjectType(), rule.imports(), rule.packageName());
    }

    /** A type name as a .drl file resolves it: qualified, imported, in its package or java.lang; null if none. */
    static Class<?> resolve(String name, List<String> imports, String packageName) {
        List<String> candidates = new ArrayList<>(List.of(name));
        for (String i : imports) {
            if (i.endsWith("." + name)) {
                candidates.add(0, i);
            } else if (i.endsWith(".*")) {
                candidates.add(i.substring(0, i.length() - 1) + name);
            }
        }
        candidates.add(packageName + "." + name);
        candidates.add("java.lang." + name);
        for (String candidate : candidates) {
            try {
                return Class.forName(candidate, false, RuleOrderCheck.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next one
            }
        }
        return null;
    }

    /** The fact types an insert's argument can have: {@code new T(…)} or {@code T.factory(…)}; empty if unknown. */
    private static Set<Class<?>> types(List<Code.Token> argument, ParsedRule rule) {
        String[] named = Code.insertedType(argument);
        Class<?> owner = named == null ? null : resolve(named[0], rule.imports(), rule.packageName());
        if (owner == null || named[1] == null) {
            return owner == null ? Set.of() : Set.of(owner);
        }
        Set<Class<?>> returned = new LinkedHashSet<>();
        for (Method method : owner.getMethods()) {
            if (method.getName().equals(named[1]) && Modifier.isStatic(method.getModifiers())
                    && method.getReturnType() != void.class && !method.getReturnType().isPrimitive()) {
                returned.add(method.getReturnType());
            }
        }
        return returned;
    }
}
