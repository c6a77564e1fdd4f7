package nl.zorgregels.cli.scenario;

import java.util.Map;
import nl.zorgregels.cli.Main;

/**
 * What one scenario expects of the patient letter, {@code evaluate --format letter --lang <lang>}
 * ({@code expect.letter}, CONTRACT.md §10).
 *
 * @param exit      the exit code every language must give: 0, the letter is written; 3, it is refused
 *                  while the data is in doubt (standard output empty, one line on standard error)
 * @param languages per language ({@code nl}, {@code en}), the texts the letter must and must not
 *                  contain; with exit 3 they apply to the line on standard error. Empty: only the exit
 *                  code (and with exit 3 the empty letter and single stderr line) is checked, in both
 *                  languages
 */
public record LetterExpectation(int exit, Map<String, OutputExpectation> languages) {
    /** The command line's exit code of a letter refused while the data is in doubt. */
    public static final int REFUSED = Main.LETTER_WITHHELD;

    /**
     * Copies the map.
     *
     * @param exit      the exit code every language must give: 0 or {@link #REFUSED}
     * @param languages per language, the texts the letter (or with {@link #REFUSED} the line on
     *                  standard error) must and must not contain
     */
    public LetterExpectation {
        languages = Map.copyOf(languages);
    }
}
