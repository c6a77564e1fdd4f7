package nl.zorgregels.api.internal.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.RuleInfo;
import nl.zorgregels.kb.fact.DecisionPart;
import nl.zorgregels.kb.fact.Finding;
import nl.zorgregels.kb.fact.PatientAge;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.Assessment;

/**
 * Fail closed (CONTRACT.md §1): after the rules fired, every criterion that {@code requirements.json}
 * expects for each part the assessment has and the patient's age group has exactly one result, and
 * no criterion has a result where none is expected. Otherwise the decision is refused with a
 * {@link KnowledgeBaseException} naming the criterion and the files of its rules. Driven by the
 * {@code decisions} list only: it knows no criterion. Immutable and thread-safe. Not API.
 */
public final class CompletenessCheck {
    private final Map<DecisionPart, Map<AgeGroup, List<String>>> expected;
    /** Every criterion some part expects, with its part. */
    private final Map<String, DecisionPart> partOf = new LinkedHashMap<>();
    /** The .drl files of each requirement id's rules, for the message. */
    private final Map<String, Set<String>> files = new TreeMap<>();

    /** The requirement of the age group, for the message. */
    private final String ageGroupId;

    /**
     * @param expected     the criteria each part and age group must decide ({@code decisions})
     * @param rules        the rules, for the files named in a refusal
     * @param requirements the register, for the age-group requirement named in a refusal
     */
    public CompletenessCheck(Map<DecisionPart, Map<AgeGroup, List<String>>> expected, List<RuleInfo> rules,
                             List<nl.zorgregels.api.Requirement> requirements) {
        this.expected = expected;
        this.ageGroupId = String.join(", ", Requirements.ofKind(requirements,
                nl.zorgregels.api.Requirement.Kind.AGE_GROUP, "").stream().map(nl.zorgregels.api.Requirement::id).toList());
        expected.forEach((part, byGroup) -> byGroup.values().forEach(ids -> ids.forEach(id -> partOf.put(id, part))));
        for (RuleInfo r : rules) {
            files.computeIfAbsent(r.id(), k -> new LinkedHashSet<>()).add(r.file());
        }
    }

    /**
     * @param assessment the case
     * @param facts      what the rules derived for it
     * @throws KnowledgeBaseException naming the first criterion without exactly one result
     */
    public void check(Assessment assessment, List<Object> facts) {
        List<PatientAge> ages = new ArrayList<>(1);
        Map<String, List<Finding>> byId = new TreeMap<>();
        for (Object fact : facts) {
            if (fact instanceof Finding f) {
                byId.computeIfAbsent(f.id(), k -> new ArrayList<>(1)).add(f);
            } else if (fact instanceof PatientAge a) {
                ages.add(a);
            }
        }
        List<DecisionPart> parts = new ArrayList<>(2);
        if (assessment.postCovid() != null) {
            parts.add(DecisionPart.POST_COVID);
        }
        if (assessment.alk() != null) {
            parts.add(DecisionPart.ALK);
        }
        if (parts.isEmpty() && byId.isEmpty()) {
            return;
        }
        if (ages.size() != 1) {
            throw new KnowledgeBaseException("the rules derived " + ages.size() + " age groups (" + ageGroupId
                    + ") where exactly one is expected; rules in " + filesOf(ageGroupId));
        }
        AgeGroup group = ages.get(0).ageGroup();
        Set<String> wanted = new LinkedHashSet<>();
        for (DecisionPart part : parts) {
            for (String id : expected.getOrDefault(part, Map.of()).getOrDefault(group, List.of())) {
                wanted.add(id);
                List<Finding> results = byId.getOrDefault(id, List.of());
                if (results.size() != 1) {
                    throw new KnowledgeBaseException("criterion " + id + " has " + (results.isEmpty() ? "no result"
                            : results.size() + " results (" + results.stream().map(f -> f.status() + " " + f.messageKey())
                            .sorted().toList() + ")") + " where exactly one is expected (part " + part + ", age group " + group + ": "
                            + Requirements.FILE + ", decisions); rules of " + id + " in " + filesOf(id));
                }
            }
        }
        for (Map.Entry<String, List<Finding>> e : byId.entrySet()) {
            if (!wanted.contains(e.getKey())) {
                DecisionPart part = partOf.get(e.getKey());
                throw new KnowledgeBaseException("criterion " + e.getKey() + " has a result where none is expected ("
                        + (part == null ? "no entry of the decisions list in " + Requirements.FILE + " expects it"
                        : "it is expected in a " + part + " decision, but not for a " + group + " patient"
                        + (parts.contains(part) ? "" : " or the assessment has no " + part + " facts"))
                        + "); rules of " + e.getKey() + " in " + filesOf(e.getKey()));
            }
        }
    }

    private String filesOf(String id) {
        Set<String> f = files.get(id);
        return f == null || f.isEmpty() ? "(no rule has @id(\"" + id + "\"))" : String.join(", ", f);
    }
}
