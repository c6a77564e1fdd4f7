package nl.zorgregels.tests;

import java.util.List;

/**
 * What one scenario expects of an output of the command line in one language: the text report
 * ({@code expect.report.<lang>}) or the patient letter ({@code expect.letter.<lang>}).
 *
 * @param contains    texts the output must contain (case-sensitive)
 * @param notContains texts the output must not contain (case-sensitive)
 */
record OutputExpectation(List<String> contains, List<String> notContains) {

    OutputExpectation {
        contains = List.copyOf(contains);
        notContains = List.copyOf(notContains);
    }
}
