package nl.zorgregels.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.BiFunction;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.InvalidInputException;

/** The packaged engine, built once, and servers on a free loopback port. */
final class TestServers {
    private static ZorgregelsEngine engine;

    /**
     * A stand-in for the FHIR reader in the protocol and security tests, which are about HTTP:
     * the example adult case with the prefetched Patient's birth date; a Patient with
     * {@code birthDate} "invalid" is refused as the reader would, with a FHIR path.
     */
    static final BiFunction<String, LocalDate, Assessment> READER = (bundle, date) -> {
        try {
            JsonNode b = JsonMapper.builder().build().readTree(bundle);
            String birth = b.path("entry").get(0).path("resource").path("birthDate").asText();
            if (birth.equals("invalid")) {
                throw new InvalidInputException("Bundle.entry[0].resource.birthDate", "must be a full date YYYY-MM-DD");
            }
            String json = Files.readString(Path.of("../examples/adult-eligible.json"))
                    .replace("\"2026-11-23\"", "\"" + date + "\"").replace("\"1980-04-02\"", "\"" + birth + "\"");
            return DecisionJson.readAssessment(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    static final String QUESTIONNAIRE = "{\"resourceType\":\"Questionnaire\",\"url\":\"http://zorgregels.nl/fhir/Questionnaire/intake\"}";

    private TestServers() {
    }

    static synchronized ZorgregelsEngine engine() {
        if (engine == null) {
            engine = ZorgregelsEngine.packaged();
        }
        return engine;
    }

    static CdsHooksServer.Builder builder(ReloadableEngine engine) {
        return CdsHooksServer.builder(engine).port(0).fhir(READER, () -> QUESTIONNAIRE);
    }
}
