package nl.zorgregels.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import nl.zorgregels.api.DecisionEngine;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.internal.kb.CodeTable;
import nl.zorgregels.fhir.internal.FhirJson;
import nl.zorgregels.fhir.internal.FhirNames;
import nl.zorgregels.api.internal.kb.IntakeFacts;
import nl.zorgregels.model.LocalizedText;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The conformance resources of what Zorgregels writes and reads in FHIR (CONTRACT.md section 8,
 * "Conformance resources"), so that a FHIR validator can check every output: a
 * {@code StructureDefinition} of each extension we define (shipped as FHIR JSON in this jar, under
 * {@code nl/zorgregels/fhir/}: {@code input-path}) and a {@code CodeSystem} of each code system we
 * define, generated from the knowledge base, never kept by hand:
 * <ul>
 *   <li>{@code override-reason}: the codes the CDS Hooks cards offer, the knowledge base's
 *       {@code card.overrideReasons}, each with its text {@code card.overrideReason.<code>};</li>
 *   <li>each code system of {@code http://zorgregels.nl/fhir/CodeSystem/} that the knowledge base's
 *       {@code codes.csv} names (the Bell score's {@code observation}), its codes the table's, each defined by the
 *       fact it gives;</li>
 *   <li>each code system of the intake's answers ({@code Centre}, {@code TreatmentPathway},
 *       {@code OtherPais}, ...): the codes the intake Questionnaire offers, displayed as it displays them.
 *       {@code OtherPais} is a {@code fragment}: a knowledge base may list more kinds of other PAIS.</li>
 * </ul>
 * Texts are Dutch ({@code language} nl) with an English designation. Every resource's id is the last
 * segment of its URL, and a code system's version is the knowledge base's.
 *
 * <p>Needs HAPI FHIR on the class path. Thread-safe.
 */
public final class FhirConformance {
    /** The extension definitions shipped in this jar, by id. */
    private static final List<String> STRUCTURE_DEFINITIONS = List.of("input-path");
    private static final String RESOURCES = "nl/zorgregels/fhir/";
    private static final String CARD_OVERRIDE_REASONS = "card.overrideReasons";
    private static final String CARD_OVERRIDE_REASON = "card.overrideReason.";
    private static final String DISPLAY_SYSTEM = "http://terminology.hl7.org/CodeSystem/designation-usage";

    private FhirConformance() {
    }

    /** @return the StructureDefinitions shipped in this jar, as new HAPI resources, in id order */
    public static List<StructureDefinition> structureDefinitions() {
        List<StructureDefinition> all = new ArrayList<>();
        for (String id : STRUCTURE_DEFINITIONS) {
            String name = RESOURCES + "StructureDefinition-" + id + ".json";
            try (InputStream in = FhirConformance.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks " + name + "; rebuild rules-api");
                }
                all.add(FhirJson.context().newJsonParser().parseResource(StructureDefinition.class,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /**
     * @param engine the engine whose knowledge base gives the codes, their texts and the version
     * @param codes  the code table the records are read with (its own code systems are published)
     * @return the CodeSystems of every code system Zorgregels defines, as new HAPI resources
     * @throws KnowledgeBaseException if the knowledge base lacks a text a code needs
     */
    public static List<CodeSystem> codeSystems(DecisionEngine engine, FhirCodes codes) {
        Objects.requireNonNull(codes, "codes");
        String version = engine.knowledgeBase().version();
        Function<String, Optional<LocalizedText>> texts = engine::text;
        List<String> missing = new ArrayList<>();
        List<CodeSystem> all = new ArrayList<>();
        CodeSystem reasons = codeSystem(FhirNames.OVERRIDE_REASON_SYSTEM, version, "the reasons a GP gives for setting a"
                + " Zorgregels CDS Hooks card aside (overrideReasons); the knowledge base's card.overrideReasons");
        Optional<LocalizedText> list = texts.apply(CARD_OVERRIDE_REASONS);
        if (list.isEmpty()) {
            missing.add(CARD_OVERRIDE_REASONS);
        } else {
            for (String code : list.get().nl().trim().split("\\s+")) {
                concept(reasons, code, texts.apply(CARD_OVERRIDE_REASON + code), CARD_OVERRIDE_REASON + code, missing);
            }
        }
        all.add(reasons);
        Map<String, CodeSystem> tables = new LinkedHashMap<>();
        for (CodeTable.Mapping row : codes.table().mappings) {
            if (!row.system().startsWith(FhirNames.CODE_SYSTEM_BASE)) {
                continue;
            }
            CodeSystem cs = tables.computeIfAbsent(row.system(), s -> codeSystem(s, version,
                    "codes of the knowledge base's codes.csv (and a deployer's tables) in Zorgregels' own code system"));
            if (cs.getConcept().stream().noneMatch(c -> c.getCode().equals(row.code()))) {
                cs.addConcept().setCode(row.code()).setDefinition("gives the input fact " + row.fact());
            }
        }
        all.addAll(tables.values());
        Map<String, CodeSystem> answers = new LinkedHashMap<>();
        for (IntakeFacts.Fact fact : IntakeFacts.byPath().values()) {
            if (fact.codeSystem() == null || answers.containsKey(fact.codeSystem())) {
                continue;
            }
            CodeSystem cs = codeSystem(fact.codeSystem(), version, "answers of the intake Questionnaire "
                    + FhirNames.QUESTIONNAIRE_URL + " (" + fact.path() + ")");
            if (fact.openCodes()) {
                cs.setContent(CodeSystem.CodeSystemContentMode.FRAGMENT);
            }
            for (String code : fact.codes()) {
                String answer = "answer." + fact.path() + "." + code;
                String key = texts.apply(answer).isPresent() ? answer : "value." + code;
                concept(cs, code, texts.apply(key), key, missing);
            }
            answers.put(fact.codeSystem(), cs);
        }
        all.addAll(answers.values());
        if (!missing.isEmpty()) {
            throw new KnowledgeBaseException("the FHIR CodeSystems need texts the knowledge base's message bundles"
                    + " (messages_nl.properties and messages_en.properties) lack: " + String.join(", ", missing)
                    + "; every code needs its name, see rules-kb/README.md");
        }
        return all;
    }

    /**
     * @param engine the engine whose knowledge base gives the codes, their texts and the version
     * @param codes  the code table the records are read with
     * @return every conformance resource: the StructureDefinitions, then the CodeSystems
     * @throws KnowledgeBaseException if the knowledge base lacks a text a code needs
     */
    public static List<MetadataResource> resources(DecisionEngine engine, FhirCodes codes) {
        List<MetadataResource> all = new ArrayList<>(structureDefinitions());
        all.addAll(codeSystems(engine, codes));
        return all;
    }

    /**
     * @param engine the engine whose knowledge base gives the codes, their texts and the version
     * @param codes  the code table the records are read with
     * @param type   {@code StructureDefinition} or {@code CodeSystem}
     * @param id     the resource's id ({@code input-path}, {@code override-reason})
     * @return the resource as FHIR R4 JSON, indented; empty if there is none of that type and id
     * @throws KnowledgeBaseException if the knowledge base lacks a text a code needs
     */
    public static Optional<String> json(DecisionEngine engine, FhirCodes codes, String type, String id) {
        for (MetadataResource r : resources(engine, codes)) {
            if (r.fhirType().equals(type) && r.getIdElement().getIdPart().equals(id)) {
                return Optional.of(FhirJson.context().newJsonParser().setPrettyPrint(true).encodeResourceToString(r));
            }
        }
        return Optional.empty();
    }

    private static CodeSystem codeSystem(String url, String version, String description) {
        String id = url.substring(url.lastIndexOf('/') + 1);
        CodeSystem cs = new CodeSystem();
        cs.setId(id);
        cs.setUrl(url);
        cs.setVersion(version);
        cs.setName("Zorgregels" + pascal(id));
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setPublisher("Zorgregels");
        cs.setDescription(description);
        cs.setLanguage("nl");
        cs.setCaseSensitive(true);
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        return cs;
    }

    private static void concept(CodeSystem cs, String code, Optional<LocalizedText> text, String key, List<String> missing) {
        if (text.isEmpty()) {
            missing.add(key);
            return;
        }
        CodeSystem.ConceptDefinitionComponent c = cs.addConcept().setCode(code).setDisplay(text.get().nl());
        c.addDesignation().setLanguage("en").setUse(new Coding(DISPLAY_SYSTEM, "display", null))
                .setValue(text.get().en());
    }

    /** {@code override-reason} to {@code OverrideReason}. */
    private static String pascal(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return b.toString();
    }
}
