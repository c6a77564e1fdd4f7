package nl.zorgregels.cli;

/** Reading option values for the commands: one wording of each usage error for all of them. */
final class Args {
    /** Most worker threads a command accepts. */
    static final int MAX_THREADS = 256;
    /**
     * {@code evaluate --format letter} only: write the patient letter even while a safety item of
     * kind {@code data-doubt} stands, opening with what is in doubt (without it: exit 3).
     */
    static final String FORCE_LETTER = "--force-letter";

    private Args() {
    }

    /**
     * A command's one positional argument (its directory or file).
     *
     * @param command  the command, for the error on an unknown option
     * @param arg      the argument read
     * @param already  the positional argument read before, or null
     * @param takesOne the error when there is a second one, e.g. "check-kb takes one directory"
     * @return {@code arg}
     * @throws UsageException if {@code arg} is an unknown option or a second positional argument
     */
    static String positional(String command, String arg, String already, String takesOne) {
        if (arg.startsWith("--")) {
            throw new UsageException(command + ": unknown option " + arg);
        }
        if (already != null) {
            throw new UsageException(takesOne);
        }
        return arg;
    }

    /**
     * @param args   the arguments
     * @param i      the index of the option's value
     * @param option the option, for the error
     * @return the value
     * @throws UsageException if the option is the last argument
     */
    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /**
     * @param value the value of {@code --threads}
     * @return the number of worker threads, 1 to {@link #MAX_THREADS}
     * @throws UsageException if it is not a whole number in that range
     */
    static int threads(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_THREADS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--threads must be a whole number from 1 to " + MAX_THREADS + " but was " + value);
    }
}
