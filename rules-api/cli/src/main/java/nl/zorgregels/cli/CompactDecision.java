package nl.zorgregels.cli;

import java.util.List;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.PostCovidDecision;

/**
 * The compact projection of a decision ({@code batch --format compact}, CONTRACT.md §6.1): what a
 * population screening needs, one JSON object per line, written straight from the {@link Decision}
 * (no JSON tree, no texts). Keys in this fixed order, each with the meaning of the same name in the
 * full decision (§5); an absent part or value is left out, lists are always written:
 *
 * <pre>
 * {"line":N,"kb":{"version":…,"checksum":…},"safety":[ID,…],
 *  "postCovid":{"ageGroup":…,"outcome":…,"criteria":{ID:STATUS,…},"missingFacts":[…],
 *               "centre":{"status":…,"centres":[…],"ruleId":…,"availableFrom":…,"missingFacts":[…],"notes":[ID,…]},
 *               "warnings":[ID,…],"notes":[ID,…]},
 *  "alk":{"outcome":…,"severity":…,"criteria":{ID:STATUS,…},"missingFacts":[…],
 *         "options":{"primary":[ID,…],"lighter":[ID,…],"notes":{ID:[ID,…],…}},"warnings":[ID,…],"notes":[ID,…]}}
 * </pre>
 *
 * The notes, warnings and safety items appear by id only, their texts left out.
 * {@code impact} compares two decisions by this projection ({@link #sameProjection}) without the
 * line and the knowledge base: with {@link DecisionDiff#sameBeyondProjection} (each criterion's own
 * missing facts, the later dates) it holds everything {@link DecisionDiff} compares, so equal
 * projections mean no change of the decision, and only the cases whose projections differ get the
 * detailed diff.
 */
final class CompactDecision {
    /** The value of {@code --format} that selects this layout. */
    static final String FORMAT = "compact";

    /** Two buffers per thread for {@link #sameProjection}, reused case after case. */
    private static final ThreadLocal<LineBuffer[]> COMPARE = ThreadLocal.withInitial(
            () -> new LineBuffer[] {new LineBuffer(1024), new LineBuffer(1024)});

    private CompactDecision() {
    }

    /**
     * Writes the compact line of one decision, without the line break.
     *
     * @param line     the number of the input line the decision is for (from 1)
     * @param decision the decision
     * @param out      where the UTF-8 bytes go
     */
    static void write(long line, Decision decision, LineBuffer out) {
        out.ascii("{\"line\":");
        out.number(line);
        KnowledgeBaseInfo kb = decision.knowledgeBase();
        out.ascii(",\"kb\":{\"version\":");
        out.string(kb.version());
        out.ascii(",\"checksum\":");
        out.string(kb.checksum());
        out.write('}');
        parts(decision, out);
        out.write('}');
    }

    /**
     * Whether two decisions (on the same case, by two knowledge bases) have the same compact
     * projection, the line and the knowledge base left aside.
     *
     * @param a one decision
     * @param b the other
     * @return true when every value of the compact line but {@code line} and {@code kb} is the same
     */
    static boolean sameProjection(Decision a, Decision b) {
        LineBuffer[] buffers = COMPARE.get();
        buffers[0].reset();
        buffers[1].reset();
        parts(a, buffers[0]);
        parts(b, buffers[1]);
        return buffers[0].sameBytes(buffers[1]);
    }

    /** {@code ,"safety":[…]}, then {@code ,"postCovid":{…}} and {@code ,"alk":{…}}, each when the decision has it. */
    private static void parts(Decision d, LineBuffer out) {
        out.ascii(",\"safety\":");
        ids(d.safety(), out);
        PostCovidDecision pc = d.postCovid();
        if (pc != null) {
            out.ascii(",\"postCovid\":{\"ageGroup\":\"");
            out.ascii(pc.ageGroup().name());
            out.ascii("\",\"outcome\":\"");
            out.ascii(pc.outcome().name());
            out.write('"');
            criteria(pc.criteria(), out);
            out.ascii(",\"missingFacts\":");
            strings(pc.missingFacts(), out);
            CentreOffer centre = pc.centre();
            if (centre != null) {
                out.ascii(",\"centre\":{\"status\":\"");
                out.ascii(centre.status().name());
                out.ascii("\",\"centres\":[");
                List<Centre> centres = centre.centres();
                for (int i = 0; i < centres.size(); i++) {
                    out.ascii(i == 0 ? "\"" : ",\"");
                    out.ascii(centres.get(i).name());
                    out.write('"');
                }
                out.ascii("],\"ruleId\":");
                out.string(centre.ruleId());
                if (centre.availableFrom() != null) {
                    out.ascii(",\"availableFrom\":\"");
                    out.ascii(centre.availableFrom().toString());
                    out.write('"');
                }
                out.ascii(",\"missingFacts\":");
                strings(centre.missingFacts(), out);
                out.ascii(",\"notes\":");
                ids(centre.notes(), out);
                out.write('}');
            }
            out.ascii(",\"warnings\":");
            ids(pc.warnings(), out);
            out.ascii(",\"notes\":");
            ids(pc.notes(), out);
            out.write('}');
        }
        AlkAdvice alk = d.alk();
        if (alk != null) {
            out.ascii(",\"alk\":{\"outcome\":\"");
            out.ascii(alk.outcome().name());
            out.write('"');
            if (alk.severity() != null) {
                out.ascii(",\"severity\":\"");
                out.ascii(alk.severity().name());
                out.write('"');
            }
            criteria(alk.criteria(), out);
            out.ascii(",\"missingFacts\":");
            strings(alk.missingFacts(), out);
            out.ascii(",\"options\":{\"primary\":[");
            options(alk.options(), true, out);
            out.ascii("],\"lighter\":[");
            options(alk.options(), false, out);
            out.ascii("],\"notes\":{");
            boolean first = true;
            for (AlkOption o : alk.options()) {
                if (!o.notes().isEmpty()) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    out.string(o.id());
                    out.write(':');
                    ids(o.notes(), out);
                }
            }
            out.ascii("}},\"warnings\":");
            ids(alk.warnings(), out);
            out.ascii(",\"notes\":");
            ids(alk.notes(), out);
            out.write('}');
        }
    }

    /** {@code [ID,…]}: the ids of notes, warnings or safety items, in the decision's order. */
    private static void ids(List<Note> notes, LineBuffer out) {
        out.write('[');
        for (int i = 0; i < notes.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.string(notes.get(i).id());
        }
        out.write(']');
    }

    /** {@code ,"criteria":{"ID":"STATUS",…}} in the decision's order (by id). */
    private static void criteria(List<CriterionResult> criteria, LineBuffer out) {
        out.ascii(",\"criteria\":{");
        for (int i = 0; i < criteria.size(); i++) {
            CriterionResult c = criteria.get(i);
            if (i > 0) {
                out.write(',');
            }
            out.string(c.id());
            out.ascii(":\"");
            out.ascii(c.status().name());
            out.write('"');
        }
        out.write('}');
    }

    /** The ids of the options that are (or are not) primary, in the decision's order, comma-separated. */
    private static void options(List<AlkOption> options, boolean primary, LineBuffer out) {
        boolean first = true;
        for (AlkOption o : options) {
            if (o.primary() == primary) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.string(o.id());
            }
        }
    }

    private static void strings(List<String> values, LineBuffer out) {
        out.write('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.string(values.get(i));
        }
        out.write(']');
    }
}
