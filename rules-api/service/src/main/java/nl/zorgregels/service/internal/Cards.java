package nl.zorgregels.service.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.internal.kb.Requirements;
import nl.zorgregels.api.internal.referral.ReferralSummary;
import nl.zorgregels.fhir.internal.FhirNames;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.model.LocalizedText;

/**
 * The CDS Hooks response: one card per decided part (post-COVID, ALK), each with a summary of at
 * most 140 characters, a Markdown detail (outcome, criteria, what would change it, the questions
 * for missing facts, centre, options, warnings, notes, numbered sources), an indicator, a source
 * label naming Zorgregels and the knowledge-base version, what the GP can do (links, a suggestion,
 * override reasons) and in its {@code extension} what it shows (part, outcome, each criterion's
 * status). The whole §5 decision is in the response's {@code extension}, once: the bytes
 * {@link DecisionJson#writeLine(Decision)} writes. The detail is written from that JSON, so every
 * property the decision has reaches the GP.
 *
 * <p>What the GP can do comes from the knowledge base's bundles: the links of a part and outcome
 * ({@code card.links.<part>.<outcome>}, each {@code card.link.<name>.label} and {@code .url}); on
 * INSUFFICIENT_DATA a link to the intake questionnaire and a suggestion that creates a FHIR
 * {@code Task} to complete it for the patient; on an ELIGIBLE post-COVID card the referral summary
 * ({@link ReferralSummary}); on every decided card the override reasons
 * ({@code card.overrideReasons}, each {@code card.overrideReason.<code>}).
 *
 * <p>While the decision has safety items (its {@code safety}, CONTRACT.md §10) every card is a
 * {@code warning}, its summary begins with a flag and its detail with the items, before the outcome
 * and the criteria. An INSUFFICIENT_DATA post-COVID card frames the centre and the notes on
 * registration as holding once every criterion is met. Every word comes from the knowledge base's
 * bundles ({@code card.*}, {@code report.*}, {@code value.*}); which note and centre rule hold
 * whatever the outcome comes from the requirements' roles ({@code requirements.json}).
 */
public final class Cards {
    /** Longest summary CDS Hooks allows. */
    public static final int MAX_SUMMARY = 140;
    /** The extension key of the decision. */
    public static final String DECISION_EXTENSION = "nl.zorgregels.decision";
    /** The extension key of what a card shows: its part, outcome and each criterion's status. */
    public static final String CARD_EXTENSION = "nl.zorgregels.card";
    /** The code system of the override reasons offered on the cards. */
    public static final String OVERRIDE_REASON_SYSTEM = FhirNames.OVERRIDE_REASON_SYSTEM;
    /** The SDC code system of the task's code and input type (complete-questionnaire, questionnaire). */
    private static final String SDC_TEMP = "http://hl7.org/fhir/uv/sdc/CodeSystem/temp";
    /** The extension key of the error of a record that cannot be assessed. */
    public static final String ERROR_EXTENSION = "nl.zorgregels.error";
    /** The extension key of the list of prefetch slots that could not be read. */
    public static final String UNREADABLE_EXTENSION = "nl.zorgregels.unreadable";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final Map<String, String> MARK = Map.of("MET", "✅", "NOT_MET", "❌", "UNKNOWN", "❔");
    /** The prefix of the labels this class reads from the knowledge base's bundles. */
    private static final String KB_LABEL_PREFIX = "report.";
    private final String lang;
    private final Labels l;
    private final Function<String, Optional<LocalizedText>> texts;
    /** The serving knowledge base's requirements, for their roles. */
    private final Supplier<List<Requirement>> requirements;

    /**
     * @param lang         the language of summaries and details: {@code nl} or {@code en}
     * @param texts        the serving knowledge base's texts by key (the labels {@code card.<key>},
     *                     {@code report.<key>} for the safety banner and the conditional framing, the
     *                     centre names {@code value.<CENTRE>})
     * @param requirements the serving knowledge base's requirements: the note of role age-transition
     *                     and the centre rules of role continuity hold whatever the outcome
     */
    public Cards(String lang, Function<String, Optional<LocalizedText>> texts, Supplier<List<Requirement>> requirements) {
        this.lang = lang;
        this.l = new Labels(lang, texts);
        this.texts = texts;
        this.requirements = requirements;
    }

    /** A label from the knowledge base ({@code report.<key>}); the key itself, visibly, if the bundles lack it. */
    private String kb(String key) {
        return texts.apply(KB_LABEL_PREFIX + key).map(t -> t.in(lang)).orElse(KB_LABEL_PREFIX + key);
    }

    /**
     * @param hookInstance the call's {@code hookInstance}; the cards' uuids derive from it and the part
     * @param decision     the decision
     * @param patientId    the patient ({@code context.patientId}), whom a suggested task is for
     * @param serviceBase  the URL this service is called at (no trailing slash), for the link to its
     *                     intake questionnaire
     * @return the response body {@code {"cards": [...], "extension": {...}}}; no extension when no
     *         part was decided (no cards)
     */
    public byte[] decision(String hookInstance, Decision decision, String patientId, String serviceBase) {
        return decision(hookInstance, decision, patientId, serviceBase, List.of());
    }

    /**
     * @param hookInstance the call's {@code hookInstance}; the cards' uuids derive from it and the part
     * @param decision     the decision
     * @param patientId    the patient ({@code context.patientId}), whom a suggested task is for
     * @param serviceBase  the URL this service is called at (no trailing slash), for the link to its
     *                     intake questionnaire
     * @param unreadable   the prefetch slots that could not be read: after the decision's cards, one
     *                     {@code warning} card names them and why (none when empty)
     * @return the response body {@code {"cards": [...], "extension": {...}}}; no extension when no
     *         part was decided
     */
    public byte[] decision(String hookInstance, Decision decision, String patientId, String serviceBase,
                           List<Unreadable> unreadable) {
        // The decision's bytes are made once, read back for the texts, and written once into the
        // response's extension as they are (no second encoding).
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16_384);
        JsonNode tree;
        try {
            DecisionJson.writeLine(decision, bytes);
            tree = MAPPER.readTree(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RawJson line = new RawJson(bytes.toByteArray());
        // the safety banner (CONTRACT.md §10): every card warns, and says so first
        boolean safety = tree.path("safety").size() > 0;
        String flag = safety ? kb("card.flag") + " " : "";
        Actions actions = new Actions(hookInstance, patientId, serviceBase, decision.knowledgeBase());
        return write(g -> {
            if (tree.has("postCovid")) {
                JsonNode pc = tree.get("postCovid");
                card(g, uuid(hookInstance, "postCovid"), flag + postCovidSummary(pc),
                        postCovidDetail(tree), safety ? "warning" : "info", decision.knowledgeBase(),
                        () -> actions.write(g, "postCovid", pc), CARD_EXTENSION, shows("postCovid", pc));
            }
            if (tree.has("alk")) {
                JsonNode alk = tree.get("alk");
                boolean warning = safety || alk.path("warnings").size() > 0;
                card(g, uuid(hookInstance, "alk"), flag + alkSummary(alk), alkDetail(tree),
                        warning ? "warning" : "info", decision.knowledgeBase(),
                        () -> actions.write(g, "alk", alk), CARD_EXTENSION, shows("alk", alk));
            }
            unreadable(g, hookInstance, unreadable, decision.knowledgeBase());
        }, tree.has("postCovid") || tree.has("alk") ? line : null);
    }

    /** What a card shows, for its extension: the part, its outcome and each criterion's status. */
    private static RawJson shows(String part, JsonNode decided) {
        com.fasterxml.jackson.databind.node.ObjectNode o = MAPPER.createObjectNode();
        o.put("part", part);
        o.put("outcome", decided.path("outcome").asText());
        com.fasterxml.jackson.databind.node.ObjectNode criteria = o.putObject("criteria");
        decided.path("criteria").forEach(c -> criteria.put(c.path("id").asText(), c.path("status").asText()));
        if (decided.path("missingFacts").size() > 0) {
            o.set("missingFacts", decided.get("missingFacts"));
        }
        try {
            return new RawJson(MAPPER.writeValueAsBytes(o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The links, suggestion and override reasons of a decided card, from the knowledge base's bundles. */
    private final class Actions {
        private final String hookInstance;
        private final String patientId;
        private final String serviceBase;
        private final KnowledgeBaseInfo kb;

        Actions(String hookInstance, String patientId, String serviceBase, KnowledgeBaseInfo kb) {
            this.hookInstance = hookInstance;
            this.patientId = patientId;
            this.serviceBase = serviceBase;
            this.kb = kb;
        }

        void write(JsonGenerator g, String part, JsonNode decided) throws IOException {
            String outcome = decided.path("outcome").asText();
            boolean insufficient = outcome.equals("INSUFFICIENT_DATA");
            if (insufficient && patientId != null) {
                // CDS Hooks 2.0: a suggestion creating a Task (SDC: complete-questionnaire) for the patient
                g.writeArrayFieldStart("suggestions");
                g.writeStartObject();
                g.writeStringField("label", l.get("suggest.intake.label"));
                g.writeStringField("uuid", uuid(hookInstance, part + "|suggest-intake"));
                g.writeBooleanField("isRecommended", true);
                g.writeArrayFieldStart("actions");
                g.writeStartObject();
                g.writeStringField("type", "create");
                g.writeStringField("description", l.get("suggest.intake.task"));
                g.writeObjectFieldStart("resource");
                g.writeStringField("resourceType", "Task");
                g.writeStringField("status", "requested");
                g.writeStringField("intent", "order");
                coding(g, "code", SDC_TEMP, "complete-questionnaire");
                g.writeStringField("description", l.get("suggest.intake.task"));
                g.writeObjectFieldStart("for");
                g.writeStringField("reference", "Patient/" + patientId);
                g.writeEndObject();
                g.writeArrayFieldStart("input");
                g.writeStartObject();
                coding(g, "type", SDC_TEMP, "questionnaire");
                g.writeStringField("valueCanonical", FhirNames.QUESTIONNAIRE_URL + "|" + kb.version());
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndArray();
                g.writeStringField("selectionBehavior", "at-most-one");
            }
            g.writeArrayFieldStart("overrideReasons");
            for (String code : names("card.overrideReasons")) {
                g.writeStartObject();
                g.writeStringField("code", code);
                g.writeStringField("system", OVERRIDE_REASON_SYSTEM);
                g.writeStringField("display", l.get("overrideReason." + code));
                g.writeEndObject();
            }
            g.writeEndArray();
            List<String[]> links = new ArrayList<>();
            for (String name : names("card.links." + part + "." + outcome)) {
                Optional<LocalizedText> url = texts.apply("card.link." + name + ".url");
                url.ifPresent(u -> links.add(new String[] {l.get("link." + name + ".label"), u.in(lang)}));
            }
            if (insufficient && serviceBase != null) {
                links.add(new String[] {l.get("link.intake.label"), serviceBase + "/fhir/Questionnaire/intake"});
            }
            if (!links.isEmpty()) {
                g.writeArrayFieldStart("links");
                for (String[] link : links) {
                    g.writeStartObject();
                    g.writeStringField("label", link[0]);
                    g.writeStringField("url", link[1]);
                    g.writeStringField("type", "absolute");
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        }

        private static void coding(JsonGenerator g, String field, String system, String code) throws IOException {
            g.writeObjectFieldStart(field);
            g.writeArrayFieldStart("coding");
            g.writeStartObject();
            g.writeStringField("system", system);
            g.writeStringField("code", code);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** The names a bundle text lists, separated by spaces; none when the bundles lack the key. */
    private List<String> names(String key) {
        return texts.apply(key).map(t -> List.of(t.in(lang).trim().split("\\s+"))).orElse(List.of())
                .stream().filter(n -> !n.isEmpty()).toList();
    }

    /** The override reason codes the cards offer (feedback may name only these). */
    public Set<String> overrideReasonCodes() {
        return Set.copyOf(names("card.overrideReasons"));
    }

    /**
     * The one "cannot assess" card for a record that breaks an input rule.
     *
     * @param hookInstance the call's {@code hookInstance}
     * @param field        the FHIR path at fault, pointing into the request
     * @param rule         the rule broken
     * @param kb           the knowledge base serving
     * @return the response body
     */
    public byte[] cannotAssess(String hookInstance, String field, String rule, KnowledgeBaseInfo kb) {
        return cannotAssess(hookInstance, field, rule, kb, List.of());
    }

    /**
     * The one "cannot assess" card for a record that breaks an input rule, and the card naming the
     * prefetch slots that could not be read, if any.
     *
     * @param hookInstance the call's {@code hookInstance}
     * @param field        the FHIR path at fault, pointing into the request
     * @param rule         the rule broken
     * @param kb           the knowledge base serving
     * @param unreadable   the prefetch slots that could not be read
     * @return the response body
     */
    public byte[] cannotAssess(String hookInstance, String field, String rule, KnowledgeBaseInfo kb, List<Unreadable> unreadable) {
        String error;
        try {
            error = MAPPER.writeValueAsString(Map.of("field", field, "rule", rule));
            // written below as it is
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String detail = l.get("cannotDetail") + "\n\n- **" + l.get("field") + ":** `" + code(field) + "`\n- **"
                + l.get("rule") + ":** " + md(rule) + "\n\n" + l.get("cannotFix") + "\n";
        RawJson raw = new RawJson(error.getBytes(StandardCharsets.UTF_8));
        return write(g -> {
            card(g, uuid(hookInstance, "error"), l.get("cannotSummary"), detail, "warning", kb, null, ERROR_EXTENSION, raw);
            unreadable(g, hookInstance, unreadable, kb);
        }, null);
    }

    /**
     * The card naming the data that could not be read ({@code card.unread*}, {@code card.slot.*}):
     * a {@code warning}, since the decision was made without them; its extension lists each slot,
     * reason and detail for the EHR's integrator.
     */
    private void unreadable(JsonGenerator g, String hookInstance, List<Unreadable> unreadable, KnowledgeBaseInfo kb)
            throws IOException {
        if (unreadable.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        StringBuilder detail = new StringBuilder(l.get("unreadDetail")).append("\n\n");
        List<Map<String, String>> list = new ArrayList<>();
        for (Unreadable u : unreadable) {
            String name = l.get("slot." + u.slot());
            names.add(name);
            detail.append("- **").append(md(name)).append("** (`").append(code(u.slot())).append("`): ")
                    .append(md(l.get("unread." + u.reason().name())))
                    .append(u.detail().isEmpty() ? "" : " " + md(u.detail())).append('\n');
            Map<String, String> item = new java.util.LinkedHashMap<>();
            item.put("slot", u.slot());
            item.put("reason", u.reason().name());
            if (!u.detail().isEmpty()) {
                item.put("detail", u.detail());
            }
            list.add(item);
        }
        detail.append('\n').append(l.get("unreadFix")).append('\n');
        RawJson raw = new RawJson(MAPPER.writeValueAsBytes(list));
        card(g, uuid(hookInstance, "unreadable"), l.get("unreadSummary") + ": " + String.join(", ", names),
                detail.toString(), "warning", kb, null, UNREADABLE_EXTENSION, raw);
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** The actions of a card (links, suggestions, override reasons), written inside it. */
    private interface CardActions {
        void write() throws IOException;
    }

    /** The response: the cards, then the whole decision once in the response's extension (if any). */
    private static byte[] write(Body body, RawJson decision) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("cards");
            body.write(g);
            g.writeEndArray();
            if (decision != null) {
                g.writeObjectFieldStart("extension");
                g.writeFieldName(DECISION_EXTENSION);
                g.writeRawValue(decision);
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void card(JsonGenerator g, String uuid, String summary, String detail, String indicator,
                      KnowledgeBaseInfo kb, CardActions actions, String extensionKey, RawJson extensionJson) throws IOException {
        g.writeStartObject();
        g.writeStringField("uuid", uuid);
        g.writeStringField("summary", summary(summary));
        g.writeStringField("detail", detail);
        g.writeStringField("indicator", indicator);
        g.writeObjectFieldStart("source");
        g.writeStringField("label", l.get("source") + " " + kb.version());
        g.writeStringField("url", "https://zorgregels.nl");
        g.writeEndObject();
        if (actions != null) {
            actions.write();
        }
        g.writeObjectFieldStart("extension");
        g.writeFieldName(extensionKey);
        g.writeRawValue(extensionJson);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Same request, same part, same uuid (a name-based UUID of the hook instance and the part). */
    static String uuid(String hookInstance, String part) {
        return UUID.nameUUIDFromBytes(("zorgregels|" + hookInstance + "|" + part).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** At most {@link #MAX_SUMMARY} characters (code points), cut at a word with an ellipsis if longer. */
    static String summary(String s) {
        if (s.codePointCount(0, s.length()) <= MAX_SUMMARY) {
            return s;
        }
        String cut = s.substring(0, s.offsetByCodePoints(0, MAX_SUMMARY - 1));
        int space = cut.lastIndexOf(' ');
        return (space > MAX_SUMMARY / 2 ? cut.substring(0, space) : cut) + "…";
    }

    private String postCovidSummary(JsonNode pc) {
        String outcome = pc.path("outcome").asText();
        StringBuilder s = new StringBuilder(l.get("pcTitle")).append(": ").append(l.get("pc." + outcome));
        if (outcome.equals("INSUFFICIENT_DATA")) {
            s.append(" (").append(pc.path("missingFacts").size()).append(' ').append(l.get("missingCount")).append(')');
        }
        JsonNode centre = pc.path("centre");
        if (centre.path("status").asText().equals("OFFERED") && centre.path("centres").size() == 1) {
            s.append(" — ").append(l.centre(centre.path("centres").get(0).asText()));
        }
        return s.toString();
    }

    private String alkSummary(JsonNode alk) {
        String outcome = alk.path("outcome").asText();
        StringBuilder s = new StringBuilder(l.get("alkTitle")).append(": ").append(l.get("alk." + outcome));
        if (alk.hasNonNull("severity") && outcome.equals("APPLICABLE")) {
            s.append(", ").append(l.get("severity").toLowerCase(Locale.ROOT)).append(' ')
                    .append(l.get("sev." + alk.get("severity").asText()));
        }
        if (alk.path("warnings").size() > 0) {
            s.append(" — ").append(l.get("seeWarning"));
        }
        return s.toString();
    }

    private String postCovidDetail(JsonNode decision) {
        JsonNode pc = decision.get("postCovid");
        Sources sources = new Sources();
        StringBuilder s = new StringBuilder(2048);
        banner(s, decision.path("safety"), sources);
        // INSUFFICIENT_DATA: the centre and what follows registration hold only once every criterion
        // is met; the note on the 18th birthday and a treatment under way hold whatever the outcome
        boolean conditional = pc.path("outcome").asText().equals("INSUFFICIENT_DATA");
        List<Requirement> register = requirements.get();
        Set<String> continuity = Requirements.withRole(register, Requirement.Role.CONTINUITY);
        Set<String> ageTransition = Requirements.withRole(register, Requirement.Role.AGE_TRANSITION);
        s.append("**").append(l.get("outcome")).append(":** ").append(l.get("pc." + pc.path("outcome").asText()))
                .append(" (").append(l.get(pc.path("ageGroup").asText())).append(")\n\n");
        criteria(s, pc.path("criteria"), sources);
        reassess(s, pc);
        questions(s, pc);
        JsonNode centre = pc.get("centre");
        if (centre != null && !centre.isNull()) {
            boolean onceMet = conditional && !continuity.contains(centre.path("ruleId").asText());
            s.append("**").append(onceMet ? kb("centreConditional") : l.get("centre")).append(":** ")
                    .append(l.get("centre." + centre.path("status").asText()));
            List<String> names = new ArrayList<>();
            centre.path("centres").forEach(c -> names.add(l.centre(c.asText())));
            if (!names.isEmpty()) {
                s.append(" — ").append(String.join(", ", names));
            }
            if (centre.hasNonNull("availableFrom")) {
                s.append(" (").append(l.get("availableFrom")).append(' ').append(l.date(centre.get("availableFrom").asText())).append(')');
            }
            s.append("  \n").append(md(text(centre.path("message")))).append('\n');
            notInBanner(centre.path("notes"), decision.path("safety"))
                    .forEach(n -> s.append("- ").append(md(text(n.path("message")))).append('\n'));
            s.append('\n');
        }
        List<JsonNode> now = new ArrayList<>();
        List<JsonNode> onceMet = new ArrayList<>();
        notInBanner(pc.path("notes"), decision.path("safety"))
                .forEach(n -> (conditional && !ageTransition.contains(n.path("id").asText()) ? onceMet : now).add(n));
        notes(s, l.get("notes"), now);
        notes(s, kb("notesConditional"), onceMet);
        // ELIGIBLE: the referral summary the GP pastes into the registration (the FAQ's next step)
        ReferralSummary.Result referral = ReferralSummary.of(decision, texts, lang);
        if (referral.summary() != null) {
            s.append("**").append(l.get("referralSummary")).append("**\n\n```text\n").append(referral.summary()).append("```\n\n");
        }
        sources.write(s, l);
        footer(s, decision);
        return s.toString();
    }

    /**
     * The safety banner (CONTRACT.md §10) at the top of a card's detail: a bold heading and one bullet per
     * item, with its id and source.
     */
    private void banner(StringBuilder s, JsonNode safety, Sources sources) {
        if (safety.isEmpty()) {
            return;
        }
        s.append("**").append(kb("safety")).append("**\n\n");
        for (JsonNode item : safety) {
            s.append("- ").append(md(text(item.path("message")))).append(" (").append(item.path("id").asText()).append(')');
            if (item.hasNonNull("source")) {
                s.append(' ').append(sources.ref(item.get("source").asText()));
            }
            s.append('\n');
        }
        s.append('\n');
    }

    /** @return the warnings or notes that do not say exactly what a banner item says (those are shown once, in the banner) */
    private static List<JsonNode> notInBanner(JsonNode warnings, JsonNode safety) {
        List<JsonNode> shown = new ArrayList<>();
        for (JsonNode w : warnings) {
            boolean inBanner = false;
            for (JsonNode item : safety) {
                inBanner |= item.path("message").equals(w.path("message"));
            }
            if (!inBanner) {
                shown.add(w);
            }
        }
        return shown;
    }

    private String alkDetail(JsonNode decision) {
        JsonNode alk = decision.get("alk");
        Sources sources = new Sources();
        StringBuilder s = new StringBuilder(2048);
        banner(s, decision.path("safety"), sources);
        s.append("**").append(l.get("outcome")).append(":** ").append(l.get("alk." + alk.path("outcome").asText()));
        if (alk.hasNonNull("severity")) {
            s.append("  \n**").append(l.get("severity")).append(":** ").append(l.get("sev." + alk.get("severity").asText()));
            if (alk.has("severityMessage")) {
                s.append(" — ").append(md(text(alk.get("severityMessage"))));
            }
        }
        s.append("\n\n");
        notes(s, "⚠️ " + l.get("warnings"), notInBanner(alk.path("warnings"), decision.path("safety")));
        criteria(s, alk.path("criteria"), sources);
        reassess(s, alk);
        questions(s, alk);
        for (boolean primary : new boolean[] {true, false}) {
            List<JsonNode> group = new ArrayList<>();
            alk.path("options").forEach(o -> {
                if (o.path("primary").asBoolean() == primary) {
                    group.add(o);
                }
            });
            if (group.isEmpty()) {
                continue;
            }
            s.append("**").append(l.get(primary ? "primary" : "lighter")).append("**\n\n");
            if (primary && alk.hasNonNull("columnReading")) {
                s.append('*').append(md(text(alk.get("columnReading")))).append("*\n\n");
            }
            for (JsonNode o : group) {
                s.append("- **").append(md(text(o.path("name")))).append("**");
                if (o.hasNonNull("source")) {
                    s.append(' ').append(sources.ref(o.get("source").asText()));
                }
                s.append("\n  - ").append(l.get("referral")).append(": ").append(md(text(o.path("referral"))))
                        .append("\n  - ").append(l.get("reimbursement")).append(": ").append(md(text(o.path("reimbursement"))))
                        .append('\n');
                o.path("notes").forEach(n -> s.append("  - ").append(md(text(n.path("message")))).append('\n'));
            }
            s.append('\n');
        }
        notes(s, l.get("notes"), notInBanner(alk.path("notes"), decision.path("safety")));
        sources.write(s, l);
        footer(s, decision);
        return s.toString();
    }

    private void criteria(StringBuilder s, JsonNode criteria, Sources sources) {
        if (criteria.isEmpty()) {
            return;
        }
        s.append("**").append(l.get("criteria")).append("**\n\n");
        for (JsonNode c : criteria) {
            String status = c.path("status").asText();
            s.append("- ").append(MARK.getOrDefault(status, "")).append(" **").append(c.path("id").asText()).append("** (")
                    .append(l.get(status)).append(") ").append(md(text(c.path("message"))));
            if (c.hasNonNull("source")) {
                s.append(' ').append(sources.ref(c.get("source").asText()));
            }
            s.append('\n');
            JsonNode toMeet = c.get("toMeet");
            if (toMeet != null && toMeet.has("message")) {
                s.append("  - ").append(l.get("toMeet")).append(": ").append(md(text(toMeet.get("message")))).append('\n');
            }
        }
        s.append('\n');
    }

    private void reassess(StringBuilder s, JsonNode part) {
        if (part.hasNonNull("reassessFrom")) {
            s.append("**").append(l.get("reassessFrom")).append(":** ").append(l.date(part.get("reassessFrom").asText())).append("\n\n");
        }
    }

    /** The questions for the missing facts if the decision has them, else the missing facts' paths. */
    private void questions(StringBuilder s, JsonNode part) {
        JsonNode questions = part.path("questions");
        if (questions.size() > 0) {
            s.append("**").append(l.get("questions")).append("**\n\n");
            questions.forEach(q -> s.append("- ").append(md(text(q.path("question"))))
                    .append(" (`").append(code(q.path("fact").asText())).append("`)\n"));
            s.append('\n');
        } else if (part.path("missingFacts").size() > 0) {
            s.append("**").append(l.get("missing")).append("**\n\n");
            part.path("missingFacts").forEach(f -> s.append("- `").append(code(f.asText())).append("`\n"));
            s.append('\n');
        }
    }

    private void notes(StringBuilder s, String title, JsonNode notes) {
        List<JsonNode> list = new ArrayList<>();
        notes.forEach(list::add);
        notes(s, title, list);
    }

    private void notes(StringBuilder s, String title, List<JsonNode> notes) {
        if (notes.isEmpty()) {
            return;
        }
        s.append("**").append(title).append("**\n\n");
        notes.forEach(n -> s.append("- ").append(md(text(n.path("message")))).append(" (").append(n.path("id").asText()).append(")\n"));
        s.append('\n');
    }

    private void footer(StringBuilder s, JsonNode decision) {
        JsonNode kb = decision.path("knowledgeBase");
        s.append("---\n").append(l.get("kb")).append(' ').append(md(kb.path("version").asText())).append(" (`")
                .append(code(kb.path("checksum").asText())).append("`), ").append(l.get("assessedOn")).append(' ')
                .append(l.date(decision.path("assessmentDate").asText())).append('\n');
    }

    private String text(JsonNode localized) {
        if (localized.isTextual()) {
            return localized.asText();
        }
        return localized.path(lang).asText("");
    }

    /** Escapes the characters Markdown would read as markup, so a message shows as written. */
    static String md(String s) {
        int first = 0;
        while (first < s.length() && !markup(s.charAt(first))) {
            first++;
        }
        if (first == s.length()) {
            return s; // most messages: nothing to escape
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\`*[]<>".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c == '\n' ? ' ' : c);
        }
        return b.toString();
    }

    private static boolean markup(char c) {
        return switch (c) {
            case '\\', '`', '*', '[', ']', '<', '>', '\n' -> true;
            default -> false;
        };
    }

    private static String code(String s) {
        return s.replace('`', '\'').replace('\n', ' ');
    }

    /** The sources cited, numbered in order of first citation. */
    private static final class Sources {
        private final List<String> list = new ArrayList<>();

        String ref(String source) {
            int i = list.indexOf(source);
            if (i < 0) {
                list.add(source);
                i = list.size() - 1;
            }
            return "[" + (i + 1) + "]";
        }

        void write(StringBuilder s, Labels l) {
            if (list.isEmpty()) {
                return;
            }
            s.append("**").append(l.get("sources")).append("**\n\n");
            for (int i = 0; i < list.size(); i++) {
                s.append(i + 1).append(". ").append(md(list.get(i))).append('\n');
            }
            s.append('\n');
        }
    }

    /**
     * JSON text already written, UTF-8 encoded, for {@link JsonGenerator#writeRawValue(SerializableString)}:
     * the generator copies the bytes into its output as they are.
     */
    private static final class RawJson implements SerializableString {
        private final byte[] utf8;

        RawJson(byte[] utf8) {
            this.utf8 = utf8;
        }

        @Override
        public String getValue() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            throw new UnsupportedOperationException("raw JSON is written unquoted");
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8; // private to Cards; the generator only reads it
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw new UnsupportedOperationException("raw JSON is written unquoted");
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw new UnsupportedOperationException("raw JSON is written unquoted");
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw new UnsupportedOperationException("raw JSON is written unquoted");
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String value = getValue();
            if (offset + value.length() > buffer.length) {
                return -1;
            }
            value.getChars(0, value.length(), buffer, offset);
            return value.length();
        }

        @Override
        public int writeQuotedUTF8(java.io.OutputStream out) {
            throw new UnsupportedOperationException("raw JSON is written unquoted");
        }

        @Override
        public int writeUnquotedUTF8(java.io.OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putQuotedUTF8(java.nio.ByteBuffer buffer) {
            throw new UnsupportedOperationException("raw JSON is written unquoted");
        }

        @Override
        public int putUnquotedUTF8(java.nio.ByteBuffer buffer) {
            if (utf8.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }
    }
}
