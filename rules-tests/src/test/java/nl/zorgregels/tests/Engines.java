package nl.zorgregels.tests;

import nl.zorgregels.api.ZorgregelsEngine;

/** One packaged engine per test JVM: building it takes a moment, and it is meant to be shared. */
final class Engines {
    private Engines() {
    }

    /** @return the shared engine, built on first use */
    static ZorgregelsEngine shared() {
        return Holder.ENGINE;
    }

    private static final class Holder {
        static final ZorgregelsEngine ENGINE = ZorgregelsEngine.packaged();
    }
}
