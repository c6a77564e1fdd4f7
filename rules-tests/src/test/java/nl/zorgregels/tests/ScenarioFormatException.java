package nl.zorgregels.tests;

/**
 * A scenario file an author wrote that the runner cannot read: unknown key, wrong type, missing
 * required key, duplicate name. The message names the file and the key path, e.g.
 * {@code postcovid/pc-a3.yaml: scenarios[2].expect.postCovid.outcme: unknown key}.
 */
final class ScenarioFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScenarioFormatException(String file, String path, String problem) {
        super(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }
}
