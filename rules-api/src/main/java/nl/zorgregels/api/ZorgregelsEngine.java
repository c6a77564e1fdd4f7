package nl.zorgregels.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import nl.zorgregels.api.internal.kb.CompletenessCheck;
import nl.zorgregels.api.internal.kb.EngineKnowledgeBase;
import nl.zorgregels.api.internal.kb.KnowledgeBase;
import nl.zorgregels.api.internal.kb.KnowledgeBaseProof;
import nl.zorgregels.api.internal.kb.ProofCertificate;
import nl.zorgregels.api.internal.session.DecisionAssembler;
import nl.zorgregels.api.internal.session.EngineSessions;
import nl.zorgregels.api.internal.session.LaterDates;
import nl.zorgregels.api.internal.session.ScreeningDecisions;
import nl.zorgregels.api.internal.session.SessionPool;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.model.LocalizedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides referral questions from a patient's facts with the Zorgregels knowledge base.
 *
 * <p>Build one engine at start-up ({@link #packaged()} compiles nothing at run time but still
 * takes a moment) and share it: {@link #evaluate(Assessment)} is safe to call from any number of
 * threads at once. Each call runs the rules in a session no other call uses meanwhile (sessions
 * are reused, each starting from the same state: see {@code SessionPool}); the decision depends
 * only on the assessment and the knowledge base, never on the clock.
 *
 * <pre>{@code
 * ZorgregelsEngine engine = ZorgregelsEngine.packaged();
 * Decision decision = engine.evaluate(DecisionJson.readAssessment(json));
 * decision.postCovid().outcome();   // ELIGIBLE, NOT_ELIGIBLE or INSUFFICIENT_DATA
 * }</pre>
 */
public final class ZorgregelsEngine implements DecisionEngine {
    static {
        // the session-reuse tests read the pool through an internal accessor, not through the API
        EngineSessions.grant(engine -> engine.sessions);
        // batch --format compact decides without the later dates of CONTRACT.md §9, which it does not show
        ScreeningDecisions.grant((engine, a) -> engine.assembler.decision(a, engine.derive(a), LaterDates.none()));
        // check-kb reads the ids a scenario file may name (the options table) from the knowledge base
        EngineKnowledgeBase.grant(engine -> engine.kb);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ZorgregelsEngine.class);

    private final KnowledgeBase kb;
    private final SessionPool sessions;
    private final DecisionAssembler assembler;
    private final CompletenessCheck completeness;
    private final LaterDates later;

    private ZorgregelsEngine(KnowledgeBase kb) {
        this.kb = kb;
        this.sessions = new SessionPool(kb.kieBase, kb.knowledgeFacts);
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        kb.requirements.forEach(r -> sources.put(r.id(), r.source()));
        this.assembler = new DecisionAssembler(kb.info, kb.messages, sources, kb.tables.optionTexts,
                kb.requirements, kb.expected);
        this.completeness = new CompletenessCheck(kb.expected, kb.rules, kb.requirements);
        this.later = new LaterDates(this::derive, kb.requirements);
    }

    /** An engine for a knowledge base that has passed its proof ({@link KnowledgeBaseProof}); never one that has not. */
    private static ZorgregelsEngine proven(KnowledgeBase kb) {
        ZorgregelsEngine engine = new ZorgregelsEngine(kb);
        KnowledgeBaseProof.Summary proof = KnowledgeBaseProof.prove(engine::evaluate, kb);
        LOG.debug("knowledge base {} proven on {} cases in {} ms", kb.info, proof.cases(), proof.nanos() / 1_000_000);
        return engine;
    }

    /**
     * An engine with the knowledge base packaged in the {@code rules-kb} jar.
     *
     * @return the engine
     * @throws KnowledgeBaseException if the packaged knowledge base cannot be loaded or fails its
     *                                proof (see {@code check-kb}: the engine decides a covering set of
     *                                cases before it is returned; the build of rules-api does this
     *                                and records it, and the proof is not repeated while the
     *                                knowledge base and the classes are the ones it recorded)
     */
    public static ZorgregelsEngine packaged() {
        long start = System.nanoTime();
        KnowledgeBase kb = KnowledgeBase.packaged();
        ZorgregelsEngine engine;
        if (ProofCertificate.holds(kb)) {
            // proven when rules-api was built, on these very classes and sources (ProofCertificate)
            engine = new ZorgregelsEngine(kb);
            LOG.debug("knowledge base {} proven at build time (record {})", kb.info, ProofCertificate.RESOURCE);
        } else {
            engine = proven(kb);
        }
        LOG.debug("knowledge base {} loaded in {} ms", engine.knowledgeBase(), (System.nanoTime() - start) / 1_000_000);
        return engine;
    }

    /**
     * An engine with the knowledge base in a directory of {@code .drl} files and message bundles,
     * laid out like {@code rules-kb/src/main/resources} (searched recursively), for trying an edit
     * without rebuilding. The rules are compiled now, to the executable model, with the packaged
     * knowledge base's settings; a directory holding the packaged sources gives the same decisions
     * and the same checksum. The version recorded is {@code local:} and the directory.
     *
     * <p><b>A {@code .drl} file is code:</b> its rule consequences run Java inside this process
     * with this process's rights. Load a directory only from an author you trust.
     *
     * @param dir the directory
     * @return the engine; never one built from a partly compiled knowledge base
     * @throws KnowledgeBaseException listing every compile error with file, line and column, every
     *                                rule without {@code @id} or {@code @source} or whose {@code @id}
     *                                is not in {@code requirements.json}, rules sharing an {@code @id}
     *                                across files or deriving the same message, a message key missing
     *                                from a bundle, or a missing bundle or requirements list, a table
     *                                value that is not one of the model's constants (file and line), or
     *                                a failed proof: a case of the covering set that leaves an expected
     *                                criterion without a result or with two, crashes, or breaks an
     *                                invariant (naming the criterion, its rule files and a minimal case)
     */
    public static ZorgregelsEngine fromDirectory(java.nio.file.Path dir) {
        return proven(KnowledgeBase.fromDirectory(Objects.requireNonNull(dir, "dir")));
    }

    /** @return version and checksum of the knowledge base this engine decides with */
    @Override
    public KnowledgeBaseInfo knowledgeBase() {
        return kb.info;
    }

    /**
     * @return the requirements the knowledge base lists ({@code requirements.json}), in file order;
     *         every rule's {@code @id} is one of them
     */
    public List<Requirement> requirements() {
        return kb.requirements;
    }

    /** @return every rule of the knowledge base with its requirement id, file and line, by file and line */
    public List<RuleInfo> rules() {
        return kb.rules;
    }

    /**
     * Decides every part the assessment has facts for.
     *
     * @param assessment the facts; already validated by its constructor
     * @return the decision, with a post-COVID part if the assessment has post-COVID facts and an
     *         ALK part if it has ALK facts
     * @throws NullPointerException   if {@code assessment} is null
     * @throws InvalidInputException  if it names a kind of other PAIS the knowledge base does not list
     *                                (its table {@code other-pais.csv}): the field, e.g.
     *                                {@code postCovid.otherPais[1]}, and the codes allowed
     * @throws KnowledgeBaseException if the rules derive something inconsistent, such as an expected
     *                                criterion without exactly one result (a defect in the knowledge
     *                                base, never a property of the input): no decision is given
     */
    @Override
    public Decision evaluate(Assessment assessment) {
        Objects.requireNonNull(assessment, "assessment");
        return assembler.decision(assessment, derive(assessment), later);
    }

    /** The rules' facts for a case, checked for completeness (also for the later dates of CONTRACT.md §9). */
    private List<Object> derive(Assessment assessment) {
        kb.otherPais.check(assessment); // the kinds of other PAIS are the knowledge base's (other-pais.csv)
        List<Object> facts = sessions.derive(assessment);
        completeness.check(assessment, facts);
        return facts;
    }

    /**
     * A text of the knowledge base's message bundles, for presenting a decision: the display name
     * of a code ({@code value.UMCG}) or the description of a Bell CFIDS level ({@code bell.60}).
     *
     * @param key the message key
     * @return the text in Dutch and English, or empty if the bundles have no such key (or it needs facts)
     */
    @Override
    public Optional<LocalizedText> text(String key) {
        Objects.requireNonNull(key, "key");
        if (!kb.messages.missingIn(key).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(kb.messages.format(key, Map.of()));
        } catch (KnowledgeBaseException e) {
            return Optional.empty(); // a template with placeholders: not a plain text
        }
    }

    /**
     * A message of the knowledge base's bundles as written, its {@code {name}} placeholders
     * unfilled: for a presenter that fills in its own values (the patient letter's {@code letter.*}
     * texts).
     *
     * @param key the message key
     * @return the template in Dutch and English, or empty if the bundles have no such key
     */
    public Optional<LocalizedText> template(String key) {
        return kb.messages.template(Objects.requireNonNull(key, "key"));
    }

    /**
     * Which message a text of a decision is: the key (the id itself or one beginning with
     * {@code id.}) whose template gives exactly this text, and the values filled into it as shown.
     * A note or safety item carries only its id and text; this tells, for example, which of
     * {@code SAFE-MECVS.meCvs} and {@code SAFE-MECVS.meCvsOrPem} an item is, and its date.
     *
     * @param id      the item's requirement id
     * @param message the item's message, as this engine made it
     * @return the key and the filled-in values, or empty if no message of the id gives the text
     */
    public Optional<MessageOrigin> messageOrigin(String id, LocalizedText message) {
        return kb.messages.origin(Objects.requireNonNull(id, "id"), Objects.requireNonNull(message, "message"));
    }

}
