package nl.zorgregels.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;

/** The packaged engine, built once, and servers on a free loopback port. */
final class TestServers {
    private static ZorgregelsEngine engine;

    /** The example request of the README (examples/cds-hooks/request.json): an adult, post-COVID eligible, ALK moderate. */
    static String exampleRequest() {
        try {
            return Files.readString(Path.of("../../examples/cds-hooks/request.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same facts as section 4 JSON (examples/cds-hooks/request-facts.json), decided by the engine, as one line. */
    static String exampleDecision(String date) {
        try {
            String json = Files.readString(Path.of("../../examples/cds-hooks/request-facts.json")).replace("\"2026-11-23\"", "\"" + date + "\"");
            return DecisionJson.writeLine(engine().evaluate(DecisionJson.readAssessment(json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestServers() {
    }

    static synchronized ZorgregelsEngine engine() {
        if (engine == null) {
            engine = ZorgregelsEngine.packaged();
        }
        return engine;
    }

    static CdsHooksServer.Builder builder(ReloadableEngine engine) {
        return CdsHooksServer.builder(engine).port(0);
    }
}
