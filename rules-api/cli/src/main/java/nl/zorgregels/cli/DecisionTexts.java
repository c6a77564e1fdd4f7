package nl.zorgregels.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.model.Question;
import nl.zorgregels.model.ToMeet;

/**
 * Where the wording of two decisions on the same case differs, the decisions themselves aside
 * ({@link DecisionDiff}): the texts in Dutch and English, the sources cited, and the facts a
 * criterion reports (which its message quotes). Only what both decisions have is compared: a
 * criterion, note, question or option one of them lacks is a change of the decision, not of its
 * wording.
 *
 * <p>A place is named by its path in the decision and its id, e.g.
 * {@code postCovid.criterion.PC-A3.message}, {@code postCovid.note.PC-N2.source},
 * {@code alk.option.BASIS_GGZ.referral}, {@code safety.SAFE-DATA.message}. {@link #same} answers
 * without naming any (it allocates nothing), for the cases whose wording is the same, which is most.
 */
final class DecisionTexts {
    private final List<String> places;
    private boolean differs;

    private DecisionTexts(List<String> places) {
        this.places = places;
    }

    /**
     * @param a one decision
     * @param b the other, on the same case
     * @return true when every text, source and criterion fact both decisions have is the same
     */
    static boolean same(Decision a, Decision b) {
        DecisionTexts walk = new DecisionTexts(null);
        walk.decision(a, b);
        return !walk.differs;
    }

    /**
     * @param a the baseline's decision
     * @param b the candidate's decision, on the same case
     * @return the places whose wording differs, in the order of the decision; empty when none
     */
    static List<String> changed(Decision a, Decision b) {
        DecisionTexts walk = new DecisionTexts(new ArrayList<>(4));
        walk.decision(a, b);
        return walk.places;
    }

    /** Whether the walk can stop: a difference found and no places to name. */
    private boolean done() {
        return differs && places == null;
    }

    private void differ(String place, String id, String what) {
        differs = true;
        if (places != null) {
            String name = place + (id == null ? "" : "." + id) + (what == null ? "" : "." + what);
            if (!places.contains(name)) {
                places.add(name);
            }
        }
    }

    private void decision(Decision a, Decision b) {
        notes(DecisionDiff.SAFETY, a.safety(), b.safety());
        PostCovidDecision pa = a.postCovid();
        PostCovidDecision pb = b.postCovid();
        if (pa != null && pb != null && !done()) {
            String part = "postCovid";
            criteria(part, pa.criteria(), pb.criteria());
            questions(part, pa.questions(), pb.questions());
            centre(pa.centre(), pb.centre());
            notes(part + ".warning", pa.warnings(), pb.warnings());
            notes(part + ".note", pa.notes(), pb.notes());
        }
        AlkAdvice aa = a.alk();
        AlkAdvice ab = b.alk();
        if (aa != null && ab != null && !done()) {
            String part = "alk";
            text(part, null, "severityMessage", aa.severityMessage(), ab.severityMessage());
            criteria(part, aa.criteria(), ab.criteria());
            questions(part, aa.questions(), ab.questions());
            options(aa.options(), ab.options());
            text(part, null, "columnReading", aa.columnReading(), ab.columnReading());
            notes(part + ".warning", aa.warnings(), ab.warnings());
            notes(part + ".note", aa.notes(), ab.notes());
        }
    }

    private void criteria(String part, List<CriterionResult> a, List<CriterionResult> b) {
        String place = part + ".criterion";
        for (int i = 0; i < a.size() && !done(); i++) {
            CriterionResult x = a.get(i);
            CriterionResult y = i < b.size() && b.get(i).id().equals(x.id()) ? b.get(i) : criterion(b, x.id());
            if (y == null) {
                continue;
            }
            text(place, x.id(), "message", x.message(), y.message());
            string(place, x.id(), "source", x.source(), y.source());
            if (!x.facts().equals(y.facts())) {
                differ(place, x.id(), "facts");
            }
            ToMeet mx = x.toMeet();
            ToMeet my = y.toMeet();
            if (mx != null && my != null && (!same(mx.message(), my.message()) || !mx.facts().equals(my.facts()))) {
                differ(place, x.id(), "toMeet");
            }
        }
    }

    private static CriterionResult criterion(List<CriterionResult> criteria, String id) {
        for (CriterionResult c : criteria) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private void questions(String part, List<Question> a, List<Question> b) {
        String place = part + ".question";
        for (int i = 0; i < a.size() && !done(); i++) {
            Question x = a.get(i);
            Question y = i < b.size() && b.get(i).fact().equals(x.fact()) ? b.get(i) : null;
            for (int j = 0; y == null && j < b.size(); j++) {
                if (b.get(j).fact().equals(x.fact())) {
                    y = b.get(j);
                }
            }
            if (y != null) {
                text(place, x.fact(), null, x.question(), y.question());
            }
        }
    }

    private void centre(CentreOffer a, CentreOffer b) {
        if (a == null || b == null || done()) {
            return;
        }
        text("postCovid.centre", null, "message", a.message(), b.message());
        notes("postCovid.centre.note", a.notes(), b.notes());
    }

    private void options(List<AlkOption> a, List<AlkOption> b) {
        String place = "alk.option";
        for (int i = 0; i < a.size() && !done(); i++) {
            AlkOption x = a.get(i);
            AlkOption y = i < b.size() && b.get(i).id().equals(x.id()) ? b.get(i) : null;
            for (int j = 0; y == null && j < b.size(); j++) {
                if (b.get(j).id().equals(x.id())) {
                    y = b.get(j);
                }
            }
            if (y == null) {
                continue;
            }
            text(place, x.id(), "name", x.name(), y.name());
            text(place, x.id(), "referral", x.referral(), y.referral());
            text(place, x.id(), "reimbursement", x.reimbursement(), y.reimbursement());
            string(place, x.id(), "source", x.source(), y.source());
            if (x.column() != y.column()) {
                differ(place, x.id(), "column");
            }
            notes(place + "." + x.id() + ".note", x.notes(), y.notes());
        }
    }

    /** Notes, warnings or safety items: each one both lists have, matched by id in order. */
    private void notes(String place, List<Note> a, List<Note> b) {
        for (int i = 0; i < a.size() && !done(); i++) {
            Note x = a.get(i);
            Note y = i < b.size() && b.get(i).id().equals(x.id()) ? b.get(i) : null;
            for (int j = 0; y == null && j < b.size(); j++) {
                if (b.get(j).id().equals(x.id())) {
                    y = b.get(j);
                }
            }
            if (y != null) {
                text(place, x.id(), "message", x.message(), y.message());
                string(place, x.id(), "source", x.source(), y.source());
            }
        }
    }

    private void text(String place, String id, String what, LocalizedText a, LocalizedText b) {
        if (!done() && !same(a, b)) {
            differ(place, id, what);
        }
    }

    private void string(String place, String id, String what, String a, String b) {
        if (!done() && !Objects.equals(a, b)) {
            differ(place, id, what);
        }
    }

    private static boolean same(LocalizedText a, LocalizedText b) {
        return a == b || a != null && b != null && a.en().equals(b.en()) && a.nl().equals(b.nl());
    }
}
