package nl.zorgregels.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.model.LocalizedText;

/**
 * An engine whose knowledge base can be replaced while it serves, for an EHR that takes guideline
 * updates without a restart.
 *
 * <p>{@link #reload(Supplier)} builds the new engine first and only then swaps it in, atomically:
 * evaluations already running finish on the engine they started with, later ones use the new one,
 * and every {@link Decision} records the knowledge base (version and checksum) it was made with. A
 * build that fails leaves the current engine serving; {@link ZorgregelsEngine#fromDirectory} fails
 * for every knowledge base {@code check-kb} refuses, including one that fails its proof on the
 * covering set, so such a knowledge base is never served. Safe to use from any number of threads.
 *
 * <pre>{@code
 * ReloadableEngine engine = new ReloadableEngine(ZorgregelsEngine.packaged());
 * engine.evaluate(assessment);                                  // from many threads
 * engine.reload(() -> ZorgregelsEngine.fromDirectory(dir));     // when the rules change
 * }</pre>
 */
public final class ReloadableEngine implements DecisionEngine {
    private final AtomicReference<ZorgregelsEngine> current;

    /**
     * @param initial the engine to serve with until the first reload
     * @throws NullPointerException if {@code initial} is null
     */
    public ReloadableEngine(ZorgregelsEngine initial) {
        current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /**
     * Decides with the engine current when the call starts.
     *
     * @param assessment the facts
     * @return the decision; its knowledge base says which engine made it
     */
    @Override
    public Decision evaluate(Assessment assessment) {
        return current.get().evaluate(assessment);
    }

    /** @return the knowledge base now serving */
    @Override
    public KnowledgeBaseInfo knowledgeBase() {
        return current.get().knowledgeBase();
    }

    /**
     * A text of the knowledge base now serving, as {@link ZorgregelsEngine#text(String)} gives it
     * (labels, centre names, …), for presenting its decisions.
     *
     * @param key the message key, e.g. {@code value.UMCG} or {@code report.safety}
     * @return the text in Dutch and English, or empty if that knowledge base has no such text
     */
    @Override
    public Optional<LocalizedText> text(String key) {
        return current.get().text(key);
    }

    /**
     * The requirements of the knowledge base now serving, as {@link ZorgregelsEngine#requirements()}
     * gives them (their parts and roles tell a presentation which note holds whatever the outcome).
     *
     * @return the requirements in the order of {@code requirements.json}
     */
    public List<Requirement> requirements() {
        return current.get().requirements();
    }

    /**
     * Builds a new engine and, if that succeeds, makes it the current one.
     *
     * @param build builds the new engine, e.g. {@code () -> ZorgregelsEngine.fromDirectory(dir)}
     * @return the knowledge base now serving
     * @throws KnowledgeBaseException if the build fails; the engine serving before keeps serving
     */
    public KnowledgeBaseInfo reload(Supplier<ZorgregelsEngine> build) {
        ZorgregelsEngine next = Objects.requireNonNull(build.get(), "the build gave no engine");
        current.set(next);
        return next.knowledgeBase();
    }
}
