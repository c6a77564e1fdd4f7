package nl.zorgregels.cli.scenario;

/**
 * A scenario file an author wrote that the runner cannot read: unknown key, wrong type, missing
 * required key, duplicate name. The message names the file and the key path, e.g.
 * {@code postcovid/pc-a3.yaml: scenarios[2].expect.postCovid.outcme: unknown key}.
 */
public final class ScenarioFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file    the file, below the scenario folder
     * @param path    the key path in it, e.g. {@code scenarios[2].expect.postCovid.outcome}; empty for the file
     * @param problem what is wrong
     */
    public ScenarioFormatException(String file, String path, String problem) {
        super(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }
}
