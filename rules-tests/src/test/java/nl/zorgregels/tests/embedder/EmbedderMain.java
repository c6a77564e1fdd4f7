package nl.zorgregels.tests.embedder;

import java.nio.file.Files;
import java.nio.file.Path;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;

/**
 * What an EHR that embeds the engine writes: decide a JSON case with the packaged knowledge base and
 * print the decision (as {@code evaluate} does); with {@code --kb DIR}, compile a knowledge base from a
 * directory instead. Run by {@code EmbedderClassPathTest} on exactly the class path the engine artifact
 * (rules-api) brings, in a process of its own; it references nothing but the engine's API.
 */
public final class EmbedderMain {
    private EmbedderMain() {
    }

    /**
     * @param args the case's JSON file; or {@code --kb DIR}
     * @throws Exception when reading fails
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--kb")) {
            try {
                ZorgregelsEngine.fromDirectory(Path.of(args[1]));
                System.out.println("compiled");
            } catch (KnowledgeBaseException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
            return;
        }
        ZorgregelsEngine engine = ZorgregelsEngine.packaged();
        System.out.println(DecisionJson.write(engine.evaluate(DecisionJson.readAssessment(Files.readString(Path.of(args[0]))))));
    }
}
