package nl.zorgregels.tests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.zorgregels.cli.Main;

/**
 * Test access to the command line's testable entry point {@link Main#run} (package-private in
 * rules-api) for the tests of rules-tests, which live in another package.
 */
public final class CliRunner {
    private CliRunner() {
    }

    /**
     * What one command gave.
     *
     * @param exitCode the exit code
     * @param out      standard output, decoded as UTF-8
     * @param err      standard error, decoded as UTF-8
     */
    public record Result(int exitCode, String out, String err) {
    }

    /**
     * Runs one command in this JVM, as {@code java -jar zorgregels.jar args...} would.
     *
     * @param stdin what standard input holds (read for {@code -})
     * @param args  the arguments
     * @return exit code, standard output and standard error
     */
    public static Result run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, new ByteArrayInputStream(stdin), o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** @return the command line's usage text, as {@code --help} prints it */
    public static String usage() {
        return Main.USAGE;
    }

    /** @return the command line's exit codes: evaluated, internal error, invalid input or usage, letter withheld */
    public static List<Integer> exitCodes() {
        return List.of(Main.OK, Main.INTERNAL_ERROR, Main.INVALID, Main.LETTER_WITHHELD);
    }
}
