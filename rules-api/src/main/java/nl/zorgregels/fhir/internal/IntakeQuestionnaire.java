package nl.zorgregels.fhir.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nl.zorgregels.fhir.internal.IntakeFacts.Fact;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.CodeType;

/**
 * Builds the intake Questionnaire from {@link IntakeFacts}: one group per section, one item per
 * fact, the item's type and answer options from the fact's type in the model; texts in Dutch with
 * an English translation, from {@code questionnaire_nl.properties} and {@code questionnaire_en.properties}.
 */
public final class IntakeQuestionnaire {
    private static final Properties NL = texts("nl");
    private static final Properties EN = texts("en");

    private IntakeQuestionnaire() {
    }

    /** @return a new Questionnaire (the caller may change it) */
    public static Questionnaire build() {
        Questionnaire q = new Questionnaire();
        q.setId("intake");
        q.setUrl(FhirNames.QUESTIONNAIRE_URL);
        q.setName("ZorgregelsIntake");
        q.setLanguage("nl");
        text(q.getTitleElement(), "title");
        q.setStatus(Enumerations.PublicationStatus.ACTIVE);
        q.addSubjectType("Patient");
        for (Map.Entry<String, List<Fact>> section : IntakeFacts.sections().entrySet()) {
            QuestionnaireItemComponent group = q.addItem();
            group.setLinkId(section.getKey());
            text(group.getTextElement(), section.getKey());
            group.setType(QuestionnaireItemType.GROUP);
            for (Fact fact : section.getValue()) {
                group.addItem(item(fact));
            }
        }
        return q;
    }

    private static QuestionnaireItemComponent item(Fact fact) {
        QuestionnaireItemComponent item = new QuestionnaireItemComponent();
        item.setLinkId(fact.path());
        text(item.getTextElement(), fact.path());
        item.setType(switch (fact.kind()) {
            case BOOLEAN -> QuestionnaireItemType.BOOLEAN;
            case DATE -> QuestionnaireItemType.DATE;
            case INTEGER -> QuestionnaireItemType.INTEGER;
            case CODING, CODINGS -> QuestionnaireItemType.CHOICE;
        });
        if (fact.path().equals("patient.birthDate")) {
            // prepopulated from the Patient resource (SDC definition-based extraction)
            item.setDefinition("http://hl7.org/fhir/StructureDefinition/Patient#Patient.birthDate");
        }
        item.setRepeats(fact.kind() == IntakeFacts.Kind.CODINGS);
        for (String code : fact.codes()) {
            String key = fact.enumType().getSimpleName() + "." + code;
            Coding coding = new Coding(fact.codeSystem(), code, null);
            text(coding.getDisplayElement(), key);
            item.addAnswerOption().setValue(coding);
        }
        return item;
    }

    private static void text(StringType element, String key) {
        element.setValue(required(NL, key, "nl"));
        Extension translation = element.addExtension().setUrl(FhirNames.TRANSLATION_EXTENSION);
        translation.addExtension("lang", new CodeType("en"));
        translation.addExtension("content", new StringType(required(EN, key, "en")));
    }

    private static String required(Properties texts, String key, String lang) {
        String text = texts.getProperty(key);
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("questionnaire_" + lang + ".properties has no text for " + key);
        }
        return text;
    }

    private static Properties texts(String lang) {
        String name = "/nl/zorgregels/fhir/questionnaire_" + lang + ".properties";
        try (InputStream in = IntakeQuestionnaire.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
