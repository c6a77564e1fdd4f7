package nl.zorgregels.tests;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reliability tests report what they did (cases tried, inputs fuzzed, decisions compared,
 * knowledge bases swapped) through this logger, at INFO, one line each beginning with
 * {@code RELIABILITY}; {@code logback-test.xml} sends it to standard output so the figures appear
 * in the build log.
 */
final class Figures {
    private static final Logger LOG = LoggerFactory.getLogger("zorgregels.reliability");

    private Figures() {
    }

    /** @param format an slf4j message format, @param args its arguments */
    static void report(String format, Object... args) {
        LOG.info("RELIABILITY " + format, args);
    }
}
