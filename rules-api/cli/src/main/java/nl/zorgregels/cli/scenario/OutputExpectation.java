package nl.zorgregels.cli.scenario;

import java.util.List;

/**
 * What one scenario expects of an output of the command line in one language: the text report
 * ({@code expect.report.<lang>}) or the patient letter ({@code expect.letter.<lang>}).
 *
 * @param contains    texts the output must contain (case-sensitive)
 * @param notContains texts the output must not contain (case-sensitive)
 */
public record OutputExpectation(List<String> contains, List<String> notContains) {

    /**
     * Copies the lists.
     *
     * @param contains    texts the output must contain (case-sensitive)
     * @param notContains texts the output must not contain (case-sensitive)
     */
    public OutputExpectation {
        contains = List.copyOf(contains);
        notContains = List.copyOf(notContains);
    }
}
