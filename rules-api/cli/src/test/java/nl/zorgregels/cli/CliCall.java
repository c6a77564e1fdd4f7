package nl.zorgregels.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The command line run in this JVM for the tests: what it printed and its exit code. */
final class CliCall {
    private CliCall() {
    }

    /**
     * @param code the exit code
     * @param out  standard output (UTF-8)
     * @param err  standard error (UTF-8)
     */
    record Result(int code, String out, String err) {
    }

    /**
     * @param stdin standard input
     * @param args  the command and its options
     * @return what {@link Main#run} printed, and its exit code
     */
    static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
