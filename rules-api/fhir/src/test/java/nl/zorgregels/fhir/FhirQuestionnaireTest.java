package nl.zorgregels.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.fhir.internal.IntakeQuestionnaire;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.LocalizedText;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

/**
 * The intake Questionnaire cannot drift from the JSON contract: its linkIds are exactly the input
 * paths of CONTRACT.md section 4 (a complete case, every field present, as the JSON binding reads it),
 * and an answer of each item's type and each answer option is read into the fact of its path.
 */
class FhirQuestionnaireTest {
    /** Every field of CONTRACT.md section 4. */
    private static final String FULL = """
            { "assessmentDate": "2026-11-23",
              "patient": { "birthDate": "1980-04-02", "umcRegion": "UMCG",
                           "dutchGeneralPractitioner": true, "dutchHealthInsurance": true },
              "postCovid": { "complaintsAttributedToCovid": true, "otherCausesInvestigated": true,
                             "positiveTest": false, "complaintOnsetDate": "2025-01-10", "bellScore": 50,
                             "reducedFunctioning": true, "complaintsFromPreExistingDisease": false,
                             "treatmentPathway": "COMPLETED", "otherPais": ["LYME"],
                             "currentCentre": "AMSTERDAM_UMC" },
              "alk": { "complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": true,
                       "complaintPattern": "MULTIPLE", "functionalLimitation": "MODERATE",
                       "previousGgzTreatmentWithoutEffect": false, "comorbidityToAccountFor": false,
                       "meCvsOrPem": false } }
            """;
    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final ObjectMapper DATES = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static final ZorgregelsEngine ENGINE = ZorgregelsEngine.packaged();

    private static Questionnaire parsed() {
        return FhirContext.forR4Cached().newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                .parseResource(Questionnaire.class, FhirQuestionnaire.intakeJson(ENGINE));
    }

    /** One question per fact: an item asks what a decision asks when that fact is missing, and the version is the KB's. */
    @Test
    void everyItemAsksTheKnowledgeBasesQuestionForItsFact() {
        Questionnaire q = parsed();
        assertThat(q.getVersion()).isEqualTo(ENGINE.knowledgeBase().version());
        int items = 0;
        for (QuestionnaireItemComponent group : q.getItem()) {
            assertThat(group.getText()).isEqualTo(ENGINE.text("section." + group.getLinkId()).orElseThrow().nl());
            for (QuestionnaireItemComponent item : group.getItem()) {
                LocalizedText question = ENGINE.text("question." + item.getLinkId()).orElseThrow();
                assertThat(item.getText()).as(item.getLinkId()).isEqualTo(question.nl());
                assertThat(item.getTextElement().getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/translation")
                        .getExtensionString("content")).isEqualTo(question.en());
                items++;
            }
        }
        assertThat(items).isEqualTo(21);
        // the question a decision asks for a missing Bell score is the item's text
        Decision d = ENGINE.evaluate(DecisionJson.readAssessment(FULL.replace("\"bellScore\": 50,", "")));
        assertThat(d.postCovid().questions()).anySatisfy(question -> {
            assertThat(question.fact()).isEqualTo("postCovid.bellScore");
            assertThat(question.question().nl()).isEqualTo(item(q, "postCovid.bellScore").getText());
        });
    }

    @Test
    void aKnowledgeBaseWithoutTheQuestionForAFactGivesNoQuestionnaireAndNamesTheText() {
        assertThatThrownBy(() -> IntakeQuestionnaire.build(
                key -> key.equals("question.alk.meCvsOrPem") || key.equals("answer.alk.complaintPattern.SEVERE")
                        ? Optional.empty() : ENGINE.text(key), "test"))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining("lack: answer.alk.complaintPattern.SEVERE (or value.SEVERE), question.alk.meCvsOrPem;")
                .hasMessageContaining("messages_nl.properties");
    }

    private static QuestionnaireItemComponent item(Questionnaire q, String linkId) {
        return q.getItem().stream().flatMap(g -> g.getItem().stream()).filter(i -> i.getLinkId().equals(linkId))
                .findFirst().orElseThrow();
    }

    @Test
    void everyInputPathHasAnItemAndEveryItemIsAnInputPath() throws Exception {
        DecisionJson.readAssessment(FULL); // the sample is a valid, complete case
        List<String> paths = new ArrayList<>();
        JsonNode full = new ObjectMapper().readTree(FULL);
        for (Iterator<Map.Entry<String, JsonNode>> s = full.properties().iterator(); s.hasNext(); ) {
            Map.Entry<String, JsonNode> section = s.next();
            if (section.getValue().isObject()) {
                paths.add(section.getKey());
                section.getValue().fieldNames().forEachRemaining(f -> paths.add(section.getKey() + "." + f));
            }
        }
        List<String> linkIds = new ArrayList<>();
        for (QuestionnaireItemComponent group : parsed().getItem()) {
            linkIds.add(group.getLinkId());
            assertThat(group.getType()).isEqualTo(Questionnaire.QuestionnaireItemType.GROUP);
            for (QuestionnaireItemComponent item : group.getItem()) {
                linkIds.add(item.getLinkId());
                assertThat(item.getLinkId()).startsWith(group.getLinkId() + ".");
                assertThat(item.hasItem()).isFalse();
            }
        }
        assertThat(linkIds).containsExactlyElementsOf(paths);
    }

    @Test
    void theQuestionnaireIsValidR4WithItsCanonicalUrlAndTextsInDutchAndEnglish() {
        Questionnaire q = parsed();
        assertThat(q.getUrl()).isEqualTo("http://zorgregels.nl/fhir/Questionnaire/intake").isEqualTo(FhirQuestionnaire.URL);
        assertThat(q.getStatus().toCode()).isEqualTo("active");
        assertThat(FhirQuestionnaire.intakeJson(ENGINE)).isSameAs(FhirQuestionnaire.intakeJson(ENGINE));
        for (QuestionnaireItemComponent group : q.getItem()) {
            for (QuestionnaireItemComponent item : concat(group)) {
                assertThat(item.getText()).as(item.getLinkId()).isNotBlank();
                Extension translation = item.getTextElement().getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/translation");
                assertThat(translation).as(item.getLinkId()).isNotNull();
                assertThat(translation.getExtensionString("lang")).isEqualTo("en");
                assertThat(translation.getExtensionString("content")).isNotBlank().isNotEqualTo(item.getText());
            }
        }
    }

    /** An answer of the item's type (each option, for a choice) is read as the fact of its linkId. */
    @Test
    void anAnswerOfEachItemsTypeIsReadIntoItsFact() throws Exception {
        int answered = 0;
        for (QuestionnaireItemComponent group : parsed().getItem()) {
            for (QuestionnaireItemComponent item : group.getItem()) {
                List<Type> answers = new ArrayList<>();
                switch (item.getType()) {
                    case BOOLEAN -> answers.add(new BooleanType(true));
                    case INTEGER -> answers.add(new IntegerType(40));
                    case DATE -> answers.add(new DateType("2026-01-02"));
                    case CHOICE -> item.getAnswerOption().forEach(o -> answers.add(o.getValueCoding().copy()));
                    default -> throw new AssertionError(item.getLinkId() + ": unexpected type " + item.getType());
                }
                assertThat(answers).as(item.getLinkId()).isNotEmpty();
                for (Type answer : answers) {
                    Assessment a = FhirAssessments.read(bundle(item.getLinkId(), answer), DATE);
                    JsonNode fact = DATES.valueToTree(a).at("/" + item.getLinkId().replace('.', '/'));
                    String expected = answer instanceof Coding c ? c.getCode() : answer.primitiveValue();
                    JsonNode value = fact.isArray() ? fact.get(0) : fact;
                    assertThat(value.asText()).as(item.getLinkId()).isEqualTo(expected);
                    if (answer instanceof Coding c) {
                        assertThat(c.getSystem()).isEqualTo("http://zorgregels.nl/fhir/CodeSystem/"
                                + c.getSystem().substring(c.getSystem().lastIndexOf('/') + 1));
                        assertThat(item.getRepeats()).isEqualTo(fact.isArray());
                    }
                    answered++;
                }
            }
        }
        assertThat(answered).isGreaterThan(40);
    }

    private static Bundle bundle(String linkId, Type answer) {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient p = new Patient();
        p.setBirthDateElement(new DateType(linkId.equals("patient.birthDate") ? "2026-01-02" : "1980-04-02"));
        b.addEntry().setResource(p);
        QuestionnaireResponse qr = new QuestionnaireResponse();
        qr.setQuestionnaire(FhirQuestionnaire.URL);
        qr.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        qr.addItem().setLinkId(linkId.substring(0, linkId.indexOf('.'))) // its section's group
                .addItem().setLinkId(linkId).addAnswer().setValue(answer);
        b.addEntry().setResource(qr);
        return b;
    }

    private static List<QuestionnaireItemComponent> concat(QuestionnaireItemComponent group) {
        List<QuestionnaireItemComponent> all = new ArrayList<>();
        all.add(group);
        all.addAll(group.getItem());
        return all;
    }
}
