package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.zorgregels.api.internal.audit.AuditTrail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.slf4j.LoggerFactory;

/**
 * {@code evaluate --audit} and {@code batch --audit} leave one audit record per decision on the
 * service's audit logger, channel {@code cli}, without the facts; without {@code --audit}, none.
 * The records are caught from the logger itself (the test logging keeps it at WARN otherwise).
 */
@ResourceLock("nl.zorgregels.audit")
class CliAuditTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Logger audit = (Logger) LoggerFactory.getLogger(AuditTrail.LOGGER);
    private final ListAppender<ILoggingEvent> records = new ListAppender<>();
    private Level level;

    @BeforeEach
    void catchTheAuditTrail() {
        level = audit.getLevel();
        audit.setLevel(Level.INFO);
        records.start();
        audit.addAppender(records);
    }

    @AfterEach
    void release() {
        audit.detachAppender(records);
        audit.setLevel(level);
    }

    private List<JsonNode> records() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ILoggingEvent e : records.list) {
            out.add(JSON.readTree(e.getFormattedMessage()));
        }
        return out;
    }

    @Test
    void evaluateWritesOneRecordWithAuditAndNoneWithout() throws Exception {
        String example = Files.readString(Path.of("../../examples/adult-eligible.json"));
        CliCall.Result plain = CliCall.run("", "evaluate", "../../examples/adult-eligible.json");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(records.list).isEmpty();

        CliCall.Result audited = CliCall.run("", "evaluate", "../../examples/adult-eligible.json", "--audit");
        assertThat(audited.code()).as(audited.err()).isZero();
        assertThat(audited.out()).as("the decision is the same with the audit trail").isEqualTo(plain.out());
        List<JsonNode> written = records();
        assertThat(written).hasSize(1);
        JsonNode r = written.get(0);
        JsonNode decision = JSON.readTree(plain.out());
        assertThat(r.path("event").asText()).isEqualTo("decision");
        assertThat(r.path("channel").asText()).isEqualTo("cli");
        assertThat(r.path("user").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(r.path("outcome").path("postCovid").asText()).isEqualTo(decision.path("postCovid").path("outcome").asText());
        assertThat(r.path("knowledgeBase").path("checksum").asText()).isEqualTo(decision.path("knowledgeBase").path("checksum").asText());
        assertThat(r.path("case").isNull()).isTrue();
        List<String> fields = new ArrayList<>();
        r.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("time", "event", "channel", "client", "user", "patient", "hookInstance", "case",
                "outcome", "knowledgeBase", "durationMicros");
        String birthDate = JSON.readTree(example).path("patient").path("birthDate").asText();
        assertThat(birthDate).isNotEmpty();
        assertThat(records.list.get(0).getFormattedMessage()).doesNotContain(birthDate).doesNotContain("birthDate");
    }

    @Test
    void batchWritesOneRecordPerLineWithItsNumber() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../../examples/cases-10k.ndjson")).subList(0, 3);
        String input = lines.get(0) + "\n" + "{\"assessmentDate\":\"not a date\"}" + "\n" + lines.get(1) + "\n";
        CliCall.Result plain = CliCall.run(input, "batch", "-", "-", "--threads", "2");
        assertThat(plain.code()).as(plain.err()).isEqualTo(Main.INVALID); // line 2 is invalid
        assertThat(records.list).isEmpty();

        CliCall.Result audited = CliCall.run(input, "batch", "-", "-", "--threads", "2", "--audit");
        assertThat(audited.code()).isEqualTo(Main.INVALID);
        assertThat(audited.out()).isEqualTo(plain.out());
        List<JsonNode> written = records();
        assertThat(written).hasSize(3);
        List<String> cases = written.stream().map(r -> r.path("case").asText()).sorted().toList();
        assertThat(cases).containsExactly("1", "2", "3");
        List<String> out = plain.out().lines().toList();
        for (JsonNode r : written) {
            assertThat(r.path("channel").asText()).isEqualTo("cli");
            if (r.path("case").asText().equals("2")) {
                assertThat(r.path("event").asText()).isEqualTo("cannot-assess");
                assertThat(r.path("field").asText()).isEqualTo(JSON.readTree(out.get(1)).path("error").path("field").asText());
            } else {
                JsonNode decision = JSON.readTree(out.get(Integer.parseInt(r.path("case").asText()) - 1));
                assertThat(r.path("event").asText()).isEqualTo("decision");
                assertThat(r.path("outcome").path("alk").asText()).isEqualTo(decision.path("alk").path("outcome").asText());
            }
        }
        for (ILoggingEvent e : records.list) {
            assertThat(e.getFormattedMessage()).doesNotContain("birthDate").doesNotContain("not a date");
        }
    }

    @Test
    void auditIsAnOptionOfEvaluateAndBatchOnly() {
        CliCall.Result r = CliCall.run("", "questionnaire", "--audit");
        assertThat(r.code()).isEqualTo(Main.INVALID);
        assertThat(r.err()).contains("--audit is an option of evaluate and batch");
        assertThat(records.list).isEmpty();
    }
}
