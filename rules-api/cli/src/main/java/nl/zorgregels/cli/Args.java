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
