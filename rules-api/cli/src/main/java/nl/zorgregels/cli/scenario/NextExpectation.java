package nl.zorgregels.cli.scenario;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one scenario expects of "what to do next" (CONTRACT.md §9), {@code expect.postCovid.next} or
 * {@code expect.alk.next}. A null component is not checked.
 *
 * @param reassessFrom            null: not checked; empty: there must be no reassessFrom; else that date
 * @param questions               the exact list of the facts asked about, in order
 * @param warnings                the exact list of the post-COVID warning ids (PC-W1); not for alk
 * @param toMeetContains          per criterion id, texts its toMeet must contain in Dutch and English
 *                                (the criterion must have a toMeet)
 * @param noteContains            per note id, texts the note (or warning) must contain in Dutch and
 *                                English (the note must be there)
 * @param severityMessageContains alk only: texts the severity message must contain in both languages
 */
public record NextExpectation(Optional<LocalDate> reassessFrom, List<String> questions, List<String> warnings,
                       Map<String, List<String>> toMeetContains, Map<String, List<String>> noteContains,
                       List<String> severityMessageContains) {
}
