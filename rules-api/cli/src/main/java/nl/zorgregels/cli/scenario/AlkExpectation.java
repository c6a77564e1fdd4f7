package nl.zorgregels.cli.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.AlkSeverity;

/**
 * What one scenario expects of the ALK advice ({@code expect.alk}, CONTRACT.md §3). A null component is
 * not checked.
 *
 * @param absent               true: there must be no ALK advice (every other component is null or empty)
 * @param outcome              the expected outcome; required unless {@code absent}
 * @param severity             null: not checked; empty: the advice must have no severity (NOT_APPLICABLE);
 *                             else the expected severity
 * @param criteria             expected results of the listed criteria (only {@code ALK-D1}), by id
 * @param missingFacts         the exact list of the advice's missing facts
 * @param options              the exact list of option ids, in order
 * @param primaryOptions       the exact list of the ids of the options marked primary, in order
 * @param optionCount          the number of options
 * @param warnings             the exact list of warning ids
 * @param notes                the exact list of note ids
 * @param optionNotes          per listed option, the exact list of its note ids
 * @param optionTextContains   per listed option, texts its name, referral, reimbursement and notes must
 *                             contain (case-insensitive), per language
 * @param optionTextExcludes   per listed option, texts none of those may contain, per language
 * @param sameOptionNotesAs    name of another scenario of the file whose options must carry the same
 *                             notes (ids and texts); null if none
 * @param otherOptionNotesThan name of another scenario of the file whose options' notes must differ in
 *                             some option both advices list; null if none
 * @param next                 what to do next (CONTRACT.md §9); null: not checked
 */
public record AlkExpectation(boolean absent, AlkOutcome outcome, Optional<AlkSeverity> severity,
                      Map<String, Expectation.CriterionExpectation> criteria, List<String> missingFacts,
                      List<String> options, List<String> primaryOptions, Integer optionCount,
                      List<String> warnings, List<String> notes, Map<String, List<String>> optionNotes,
                      Map<String, Texts> optionTextContains, Map<String, Texts> optionTextExcludes,
                      String sameOptionNotesAs, String otherOptionNotesThan, NextExpectation next) {

    /** @return the expectation that there is no ALK advice */
    public static AlkExpectation noAdvice() {
        return new AlkExpectation(true, null, null, Map.of(), null, null, null, null, null, null, Map.of(),
                Map.of(), Map.of(), null, null, null);
    }

    /**
     * Texts per language: a plain list in the file applies to both languages.
     *
     * @param nl texts for the Dutch texts
     * @param en texts for the English texts
     */
    public record Texts(List<String> nl, List<String> en) {
        /**
         * Copies the lists.
         *
         * @param nl texts for the Dutch texts
         * @param en texts for the English texts
         */
        public Texts {
            nl = List.copyOf(nl);
            en = List.copyOf(en);
        }
    }
}
