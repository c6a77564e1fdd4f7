package nl.zorgregels.fhir.internal;

import nl.zorgregels.api.internal.kb.IntakeFacts;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.OtherPais;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * A pre-filled intake: the QuestionnaireResponse to the intake Questionnaire holding every fact the
 * record already gives (read as a decision reads it, {@link BundleReader}), so the GP answers only
 * what is missing. One group per section, one item per fact present, with the answer's type from
 * {@link IntakeFacts}; a fact the record does not give has no item. Status {@code in-progress}.
 * Nothing is guessed: the answers are exactly the facts a decision would use. Not API.
 */
public final class IntakePrefill {

    private IntakePrefill() {
    }

    /**
     * @param facts     the facts read from the record
     * @param patient   the Patient's reference ({@code Patient/<id>}), or null
     * @param version   the Questionnaire's (the knowledge base's) version
     * @return a new QuestionnaireResponse
     */
    public static QuestionnaireResponse populate(Assessment facts, String patient, String version) {
        QuestionnaireResponse qr = new QuestionnaireResponse();
        qr.setQuestionnaire(FhirNames.QUESTIONNAIRE_URL + "|" + version);
        qr.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
        if (patient != null) {
            qr.getSubject().setReference(patient);
        }
        for (Map.Entry<String, List<IntakeFacts.Fact>> section : IntakeFacts.sections().entrySet()) {
            Object values = component(facts, section.getKey());
            if (values == null) {
                continue;
            }
            QuestionnaireResponseItemComponent group = new QuestionnaireResponseItemComponent();
            group.setLinkId(section.getKey());
            for (IntakeFacts.Fact fact : section.getValue()) {
                Object value = component(values, fact.path().substring(section.getKey().length() + 1));
                if (value == null) {
                    continue;
                }
                QuestionnaireResponseItemComponent item = group.addItem().setLinkId(fact.path());
                if (value instanceof List<?> list) {
                    list.forEach(v -> item.addAnswer().setValue(answer(fact, v)));
                } else {
                    item.addAnswer().setValue(answer(fact, value));
                }
            }
            if (group.hasItem()) {
                qr.addItem(group);
            }
        }
        return qr;
    }

    private static Type answer(IntakeFacts.Fact fact, Object value) {
        return switch (fact.kind()) {
            case BOOLEAN -> new BooleanType((Boolean) value);
            case DATE -> new DateType(((LocalDate) value).toString());
            case INTEGER -> new IntegerType((Integer) value);
            case CODING, CODINGS -> new Coding(fact.codeSystem(),
                    value instanceof OtherPais p ? p.code() : ((Enum<?>) value).name(), null);
        };
    }

    /** A record component's value by name (the model's records: a section of the assessment, a fact of a section). */
    private static Object component(Object record, String name) {
        try {
            Method accessor = record.getClass().getMethod(name);
            return accessor.invoke(record);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("the input model has no component " + name + " in "
                    + record.getClass().getSimpleName(), e);
        }
    }
}
