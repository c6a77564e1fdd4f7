package nl.zorgregels.fhir.internal;

import nl.zorgregels.api.internal.kb.IntakeFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.api.internal.kb.IntakeFacts.Fact;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.CodeType;

/**
 * Builds the intake Questionnaire from {@link IntakeFacts} and the knowledge base's texts: one group
 * per section, one item per fact, the item's type and answer options from the fact's type in the
 * model. Every text is the knowledge base's, in Dutch with an English translation: the title
 * {@code intake.title}, a section's {@code section.<section>}, a fact's question
 * {@code question.<input path>} (the same question a decision asks when the fact is missing) and an
 * answer's {@code answer.<input path>.<code>}, or else the code's display name {@code value.<code>}.
 * The Questionnaire's version is the knowledge base's.
 */
public final class IntakeQuestionnaire {

    private IntakeQuestionnaire() {
    }

    /**
     * @param texts   the knowledge base's texts by key ({@link nl.zorgregels.api.DecisionEngine#text})
     * @param version the knowledge base's version
     * @return a new Questionnaire (the caller may change it)
     * @throws KnowledgeBaseException naming every text the knowledge base lacks
     */
    public static Questionnaire build(Function<String, Optional<LocalizedText>> texts, String version) {
        List<String> missing = new ArrayList<>();
        Questionnaire q = new Questionnaire();
        q.setId("intake");
        q.setUrl(FhirNames.QUESTIONNAIRE_URL);
        q.setVersion(version);
        q.setName("ZorgregelsIntake");
        q.setLanguage("nl");
        text(q.getTitleElement(), texts, missing, "intake.title");
        q.setStatus(Enumerations.PublicationStatus.ACTIVE);
        q.addSubjectType("Patient");
        for (Map.Entry<String, List<Fact>> section : IntakeFacts.sections().entrySet()) {
            QuestionnaireItemComponent group = q.addItem();
            group.setLinkId(section.getKey());
            text(group.getTextElement(), texts, missing, "section." + section.getKey());
            group.setType(QuestionnaireItemType.GROUP);
            for (Fact fact : section.getValue()) {
                group.addItem(item(fact, texts, missing));
            }
        }
        if (!missing.isEmpty()) {
            throw new KnowledgeBaseException("the intake Questionnaire needs texts the knowledge base's message bundles"
                    + " (messages_nl.properties and messages_en.properties) lack: " + String.join(", ", missing)
                    + "; every input fact needs its question (question.<input path>) and every answer a name"
                    + " (answer.<input path>.<code> or value.<code>), see rules-kb/README.md");
        }
        return q;
    }

    private static QuestionnaireItemComponent item(Fact fact, Function<String, Optional<LocalizedText>> texts,
                                                   List<String> missing) {
        QuestionnaireItemComponent item = new QuestionnaireItemComponent();
        item.setLinkId(fact.path());
        text(item.getTextElement(), texts, missing, "question." + fact.path());
        item.setType(switch (fact.kind()) {
            case BOOLEAN -> QuestionnaireItemType.BOOLEAN;
            case DATE -> QuestionnaireItemType.DATE;
            case INTEGER -> QuestionnaireItemType.INTEGER;
            case CODING, CODINGS -> QuestionnaireItemType.CHOICE;
        });
        if (fact.path().equals(BundleReader.BIRTH_DATE)) {
            // prepopulated from the Patient resource (SDC definition-based extraction)
            item.setDefinition("http://hl7.org/fhir/StructureDefinition/Patient#Patient.birthDate");
        }
        item.setRepeats(fact.kind() == IntakeFacts.Kind.CODINGS);
        for (String code : fact.codes()) {
            Coding coding = new Coding(fact.codeSystem(), code, null);
            String answer = "answer." + fact.path() + "." + code;
            if (texts.apply(answer).isEmpty() && texts.apply("value." + code).isEmpty()) {
                missing.add(answer + " (or value." + code + ")");
            } else {
                text(coding.getDisplayElement(), texts, missing,
                        texts.apply(answer).isPresent() ? answer : "value." + code);
            }
            item.addAnswerOption().setValue(coding);
        }
        return item;
    }

    private static void text(StringType element, Function<String, Optional<LocalizedText>> texts,
                             List<String> missing, String key) {
        Optional<LocalizedText> text = texts.apply(key);
        if (text.isEmpty()) {
            missing.add(key);
            return;
        }
        element.setValue(text.get().nl());
        Extension translation = element.addExtension().setUrl(FhirNames.TRANSLATION_EXTENSION);
        translation.addExtension("lang", new CodeType("en"));
        translation.addExtension("content", new StringType(text.get().en()));
    }
}
