package nl.zorgregels.api.internal.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import org.junit.jupiter.api.Test;

/** requirements.json is read strictly: every mistake is named, nothing is defaulted. */
class RequirementsTest {
    private static final String A3 = """
            { "id": "PC-A3", "title": "Bell 60 or lower", "spec": "§2 PC-A3", "kind": "criterion", "part": "POST_COVID",
              "cover": ["MET", "NOT_MET", "UNKNOWN"], "seed": "000_b510353f4949bed4.txt",
              "passage": "Criteria voor volwassenen: '…'" }""";

    private static List<Requirement> parse(String json) {
        return Requirements.parse(json.getBytes(StandardCharsets.UTF_8), "kb/requirements.json");
    }

    private static String list(String... requirements) {
        return "{ \"about\": \"test\", \"requirements\": [" + String.join(",", requirements) + "] }";
    }

    @Test
    void readsEveryField() {
        Requirement r = parse(list(A3, """
                { "id": "PC-G3", "title": "No test needed", "kind": "constraint", "cover": [],
                  "seed": "000_b510353f4949bed4.txt", "passage": "'Nee, dat is niet nodig.'" }""")).get(0);
        assertThat(r.id()).isEqualTo("PC-A3");
        assertThat(r.kind()).isEqualTo(Requirement.Kind.CRITERION);
        assertThat(r.cover()).containsExactly("MET", "NOT_MET", "UNKNOWN");
        assertThat(r.spec()).isEqualTo("§2 PC-A3");
        assertThat(r.source()).isEqualTo("000_b510353f4949bed4.txt — Criteria voor volwassenen: '…'");
        assertThat(r.part()).isEqualTo("POST_COVID");
        assertThat(r.role()).isEqualTo(Requirement.Role.NONE);
        assertThat(r.withoutEffect()).isEmpty();
    }

    @Test
    void partRoleAndFactWithoutEffectAreReadAndChecked() {
        String note = """
                { "id": "PC-N3", "title": "Near 18", "kind": "note", "part": "POST_COVID", "role": "age-transition",
                  "cover": ["SHOWN"], "seed": "000_b510353f4949bed4.txt", "passage": "'…'" }""";
        String g3 = """
                { "id": "PC-G3", "title": "No test needed", "kind": "constraint", "cover": [],
                  "withoutEffect": "postCovid.positiveTest", "seed": "000_b510353f4949bed4.txt", "passage": "'…'" }""";
        List<Requirement> read = parse(list(note, g3));
        assertThat(read.get(0).role()).isEqualTo(Requirement.Role.AGE_TRANSITION);
        assertThat(read.get(1).withoutEffect()).isEqualTo("postCovid.positiveTest");
        assertThat(read.get(1).part()).isEmpty();
        assertThat(Requirements.withRole(read, Requirement.Role.AGE_TRANSITION)).containsExactly("PC-N3");
        assertThatThrownBy(() -> parse(list(A3.replace("\"part\": \"POST_COVID\",", ""))))
                .hasMessageContaining("requirements[0] (PC-A3): \"part\" is missing");
        assertThatThrownBy(() -> parse(list(A3.replace("\"POST_COVID\"", "\"POSTCOVID\""))))
                .hasMessageContaining("\"part\" must be one of POST_COVID, ALK but was \"POSTCOVID\"");
        assertThatThrownBy(() -> parse(list(note.replace("age-transition", "age-transit"))))
                .hasMessageContaining("\"role\" must be one of warning, age-transition");
        assertThatThrownBy(() -> parse(list(A3.replace("\"part\"", "\"role\": \"warning\", \"part\""))))
                .hasMessageContaining("role warning is for a requirement of kind note, not criterion");
        assertThatThrownBy(() -> parse(list(g3.replace("postCovid.positiveTest", "positiveTest"))))
                .hasMessageContaining("\"withoutEffect\" must name an input fact as section.name");
        assertThatThrownBy(() -> parse(list(A3.replace("\"part\"", "\"withoutEffect\": \"postCovid.bellScore\", \"part\""))))
                .hasMessageContaining("\"withoutEffect\" is for a requirement of kind constraint, not criterion");
    }

    @Test
    void theSpecReferenceIsOptionalButNothingElseIs() {
        assertThat(parse(list(A3.replace("\"spec\": \"§2 PC-A3\", ", ""))).get(0).spec()).isEmpty();
        assertThatThrownBy(() -> parse(list(A3.replace("\"seed\": \"000_b510353f4949bed4.txt\",", ""))))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining("kb/requirements.json")
                .hasMessageContaining("requirements[0] (PC-A3): \"seed\" is missing");
    }

    @Test
    void aMisspeltFieldAKindOrASideIsNamed() {
        assertThatThrownBy(() -> parse(list(A3.replace("\"title\"", "\"titel\""))))
                .hasMessageContaining("requirements[0] (PC-A3): unknown field \"titel\"");
        assertThatThrownBy(() -> parse(list(A3.replace("\"criterion\"", "\"critrion\""))))
                .hasMessageContaining("\"kind\" must be one of criterion, age-group")
                .hasMessageContaining("but was \"critrion\"");
        assertThatThrownBy(() -> parse(list(A3.replace("\"NOT_MET\"", "\"NOTMET\""))))
                .hasMessageContaining("\"cover\" has NOTMET, not a side of kind criterion (MET, NOT_MET, UNKNOWN)");
        assertThatThrownBy(() -> parse(list(A3.replace("[\"MET\", \"NOT_MET\", \"UNKNOWN\"]", "[]"))))
                .hasMessageContaining("\"cover\" must name at least one side of kind criterion");
        assertThatThrownBy(() -> parse(list(A3.replace("\"criterion\"", "\"constraint\""))))
                .hasMessageContaining("\"cover\" has MET, not a side of kind constraint (a constraint has none: write [])");
    }

    @Test
    void aDuplicateIdOrKeyIsRefused() {
        assertThatThrownBy(() -> parse(list(A3, A3)))
                .hasMessageContaining("requirements[1] (PC-A3): duplicate id PC-A3");
        assertThatThrownBy(() -> parse(list(A3.replace("\"spec\": \"§2 PC-A3\"", "\"title\": \"again\""))))
                .hasMessageContaining("not valid JSON").hasMessageContaining("Duplicate field 'title'");
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        assertThatThrownBy(() -> parse("{ \"requirements\": [\n  { \"id\": \"PC-A3\" \n ] }"))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageMatching("(?s)kb/requirements\\.json:3:\\d+: not valid JSON: .*");
        assertThatThrownBy(() -> parse("{ \"requirements\": [] }"))
                .hasMessageContaining("\"requirements\" must be a non-empty list");
        assertThatThrownBy(() -> parse(list(A3.replace("\"PC-A3\"", "\"pc a3\""))))
                .hasMessageContaining("\"id\" must look like PC-A3 or ALK-D1 but was \"pc a3\"");
    }
}
