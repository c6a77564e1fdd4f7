package nl.zorgregels.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.model.Question;

/**
 * A decision as a plain-text letter to the patient, in Dutch or English ({@code --format letter}):
 * what the decision means for them. Each paragraph is written only when the decision supports it:
 * the lottery, the ZorgDomein e-mail (check spam), the definitive referral, costs and the
 * registration that stays valid only with an outcome that is not NOT_ELIGIBLE and the notes that
 * say so (PC-N1, PC-N2, PC-N4, PC-N5, PC-N6), and only when ELIGIBLE (with data missing the letter
 * asks the open questions and promises nothing); the centre only as the decision gives it; the second
 * opinion only with PC-N7; the helpdesk with every post-COVID decision (the FAQ gives it to
 * patients); the ALK options only when the card applies. The paragraphs are the FAQ's and the
 * card's facts in the patient's words; dates dd-mm-jjjj in Dutch.
 */
final class LetterReport {
    private static final Map<String, Map<String, String>> T = Map.of(
            "nl", Map.ofEntries(
                    Map.entry("subject", "Betreft: uw beoordeling van "),
                    Map.entry("dear", "Beste meneer, mevrouw,"),
                    Map.entry("child", "Deze brief is ook bedoeld voor de ouders of verzorgers."),
                    Map.entry("eligible", "Ik heb met u bekeken of u in aanmerking komt voor verwijzing naar een post-COVID-expertisecentrum. U voldoet aan de criteria."),
                    Map.entry("lottery", "Dat betekent nog niet dat u een plek krijgt. De plekken worden per regio via loting verdeeld onder de mensen op de aanmeldlijst; ik heb daar als huisarts geen invloed op."),
                    Map.entry("zorgdomein", "Ik meld u aan via ZorgDomein. U krijgt daarna automatisch een bevestiging per e-mail van ZorgDomein. Kijk ook in de map met ongewenste e-mail (spam). Heeft u geen bevestiging gekregen, of twijfelt u of de aanmelding gelukt is? Neem dan contact op met de praktijk."),
                    Map.entry("valid", "Gaan er nieuwe expertisecentra open, dan blijft uw aanmelding geldig: u hoeft niets te doen."),
                    Map.entry("definitive", "Wordt u ingeloot, dan hoort u dat van mij of van het expertisecentrum zodra er een plek is. Daarna maak ik een definitieve verwijzing."),
                    Map.entry("centre", "Als u wordt ingeloot, wordt u een plek aangeboden bij: "),
                    Map.entry("centres", "Als u wordt ingeloot, kan de plek zijn bij een van deze centra: "),
                    Map.entry("further", "Een plek verder van huis hoeft u niet te accepteren. Wilt u liever wachten op een centrum dichterbij, dan moet ik u opnieuw aanmelden en komt u weer op de aanmeldlijst; een plek in uw eigen regio is dan niet gegarandeerd."),
                    Map.entry("noneYet", "Op dit moment kan er voor u nog geen plek worden aangeboden. Dat kan vanaf "),
                    Map.entry("current", "U bent al in behandeling bij {centre}. Die behandeling loopt gewoon door; deze beoordeling gaat over een nieuwe verwijzing."),
                    Map.entry("costs", "Kosten: zorgverzekeraars vergoeden de zorg in de expertisecentra. Wel kan uw eigen risico gelden, zoals gebruikelijk is bij ziekenhuiszorg. Soms zijn er kosten voor bepaalde medicijnen; de arts bespreekt dat vooraf met u."),
                    Map.entry("insufficient", "Ik heb met u bekeken of u in aanmerking komt voor verwijzing naar een post-COVID-expertisecentrum. Dat kan ik nog niet beoordelen, omdat er nog gegevens ontbreken:"),
                    Map.entry("insufficientAfter", "Zodra die bekend zijn, beoordeel ik het opnieuw."),
                    Map.entry("notEligible", "Ik heb met u bekeken of u in aanmerking komt voor verwijzing naar een post-COVID-expertisecentrum. Op dit moment komt u daarvoor niet in aanmerking. De reden:"),
                    Map.entry("reassess", "Met de gegevens van nu kunt u vanaf {date} wel in aanmerking komen. Maak dan een nieuwe afspraak, zodat ik het opnieuw kan beoordelen."),
                    Map.entry("secondOpinion", "Bent u het niet eens met mijn beoordeling? Dan kunt u een second opinion vragen bij een andere huisarts."),
                    Map.entry("helpdesk", "Heeft u vragen over de post-COVID-expertisecentra? U kunt mailen naar helpdesk@postcovidexpertisecentra.nl."),
                    Map.entry("alkApplies", "We hebben ook gekeken naar uw aanhoudende lichamelijke klachten, met de keuzekaart ALK. Bij de ernst van uw klachten passen deze behandelmogelijkheden:"),
                    Map.entry("alkUnknownSeverity", "We hebben ook gekeken naar uw aanhoudende lichamelijke klachten, met de keuzekaart ALK. Om de passende behandelmogelijkheden te kiezen, moeten we nog bespreken hoe ernstig de klachten zijn en hoeveel ze u beperken."),
                    Map.entry("alkMeCvs", "Omdat u ME/CVS of post-exertionele malaise (PEM) heeft, zoeken we bij voorkeur zorgverleners met kennis van ME/CVS."),
                    Map.entry("alkShort", "Uw lichamelijke klachten bestaan nog korter dan drie maanden. Zulke klachten onderzoek en behandel ik als huisarts zelf, eventueel met de praktijkondersteuner (POH-ggz)."),
                    Map.entry("alkReassess", "Heeft u de klachten vanaf {date} nog, dan bekijken we samen de keuzekaart."),
                    Map.entry("alkNotApplicable", "We hebben ook gekeken naar uw lichamelijke klachten. De keuzekaart ALK is daarvoor niet van toepassing."),
                    Map.entry("alkInsufficient", "Voor de keuzekaart ALK ontbreken nog gegevens:"),
                    Map.entry("referral", "verwijzing"),
                    Map.entry("reimbursement", "vergoeding"),
                    Map.entry("regards", "Met vriendelijke groet,"),
                    Map.entry("gp", "uw huisarts"),
                    Map.entry("basis", "Deze brief volgt de beoordeling met Zorgregels, kennisbank ")),
            "en", Map.ofEntries(
                    Map.entry("subject", "Re: your assessment of "),
                    Map.entry("dear", "Dear Sir or Madam,"),
                    Map.entry("child", "This letter is also meant for the parents or carers."),
                    Map.entry("eligible", "We looked together at whether you can be referred to a post-COVID expertise centre. You meet the criteria."),
                    Map.entry("lottery", "This does not yet mean you will get a place. Places are allocated per region by lottery among the people on the registration list; as your GP I have no say in this."),
                    Map.entry("zorgdomein", "I will register you via ZorgDomein. You will then automatically receive a confirmation e-mail from ZorgDomein. Please also check your spam folder. If you have not received a confirmation, or are unsure whether the registration worked, please contact the practice."),
                    Map.entry("valid", "If new expertise centres open, your registration stays valid: you need not do anything."),
                    Map.entry("definitive", "If you are allotted a place, you will hear so from me or from the expertise centre as soon as a place is available. I will then make a definitive referral."),
                    Map.entry("centre", "If you are allotted a place, it will be offered at: "),
                    Map.entry("centres", "If you are allotted a place, it may be at one of these centres: "),
                    Map.entry("further", "You need not accept a place further from home. If you prefer to wait for a centre closer to home, I must register you again and you go back on the registration list; a place in your own region is then not guaranteed."),
                    Map.entry("noneYet", "At the moment no place can be offered to you yet. That is possible from "),
                    Map.entry("current", "You are already being treated at {centre}. That treatment simply continues; this assessment concerns a new referral."),
                    Map.entry("costs", "Costs: health insurers reimburse the care in the expertise centres. Your deductible may apply, as is usual for hospital care. There may be costs for certain medication; the doctor will discuss that with you beforehand."),
                    Map.entry("insufficient", "We looked together at whether you can be referred to a post-COVID expertise centre. I cannot decide that yet, because some information is still missing:"),
                    Map.entry("insufficientAfter", "As soon as it is known, I will assess it again."),
                    Map.entry("notEligible", "We looked together at whether you can be referred to a post-COVID expertise centre. At the moment you cannot be referred. The reason:"),
                    Map.entry("reassess", "With the information of today you may qualify from {date}. Please make a new appointment then, so that I can assess it again."),
                    Map.entry("secondOpinion", "Do you disagree with my assessment? You can ask another GP for a second opinion."),
                    Map.entry("helpdesk", "Do you have questions about the post-COVID expertise centres? You can e-mail helpdesk@postcovidexpertisecentra.nl."),
                    Map.entry("alkApplies", "We also looked at your persistent physical symptoms, with the PPS (ALK) options card. These treatment options fit the severity of your symptoms:"),
                    Map.entry("alkUnknownSeverity", "We also looked at your persistent physical symptoms, with the PPS (ALK) options card. To choose the fitting options we still need to discuss how severe the symptoms are and how much they limit you."),
                    Map.entry("alkMeCvs", "Because you have ME/CFS or post-exertional malaise (PEM), we prefer care providers with knowledge of ME/CFS."),
                    Map.entry("alkShort", "Your physical symptoms have lasted less than three months. As your GP I examine and treat such symptoms myself, possibly with the practice mental-health nurse."),
                    Map.entry("alkReassess", "If you still have the symptoms from {date}, we will look at the options card together."),
                    Map.entry("alkNotApplicable", "We also looked at your physical symptoms. The PPS (ALK) options card does not apply to them."),
                    Map.entry("alkInsufficient", "For the PPS (ALK) options card some information is still missing:"),
                    Map.entry("referral", "referral"),
                    Map.entry("reimbursement", "reimbursement"),
                    Map.entry("regards", "Kind regards,"),
                    Map.entry("gp", "your GP"),
                    Map.entry("basis", "This letter follows the assessment made with Zorgregels, knowledge base ")));

    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");

    private final Map<String, String> t;
    private final String lang;
    private final Function<String, Optional<LocalizedText>> texts;
    private final StringBuilder s = new StringBuilder(2048);

    private LetterReport(String lang, Function<String, Optional<LocalizedText>> texts) {
        this.t = T.get(lang);
        this.lang = lang;
        this.texts = texts;
    }

    /**
     * @param decision the decision
     * @param lang     {@code nl} or {@code en}
     * @param texts    the knowledge base's texts by key (centre names)
     * @return the letter
     */
    static String render(Decision decision, String lang, Function<String, Optional<LocalizedText>> texts) {
        return new LetterReport(lang, texts).letter(decision);
    }

    private String letter(Decision decision) {
        s.append(t.get("subject")).append(date(decision.assessmentDate().toString())).append("\n\n");
        s.append(t.get("dear")).append("\n\n");
        PostCovidDecision pc = decision.postCovid();
        if (pc != null) {
            if (pc.ageGroup() == AgeGroup.CHILD) {
                paragraph(t.get("child"));
            }
            postCovid(pc);
        }
        if (decision.alk() != null) {
            alk(decision.alk());
        }
        s.append(t.get("regards")).append("\n\n").append(t.get("gp")).append("\n\n");
        s.append("--\n").append(t.get("basis")).append(decision.knowledgeBase().version())
                .append(" (").append(decision.knowledgeBase().checksum()).append(").\n");
        return s.toString();
    }

    private void postCovid(PostCovidDecision pc) {
        switch (pc.outcome()) {
            case ELIGIBLE -> paragraph(t.get("eligible"));
            case INSUFFICIENT_DATA -> {
                paragraph(t.get("insufficient") + "\n" + questions(pc.questions()) + t.get("insufficientAfter"));
            }
            case NOT_ELIGIBLE -> {
                StringBuilder reasons = new StringBuilder(t.get("notEligible"));
                for (CriterionResult c : pc.criteria()) {
                    if (c.status() == CriterionStatus.NOT_MET) {
                        reasons.append("\n- ").append(text(c.message()));
                    }
                }
                paragraph(reasons.toString());
                if (pc.reassessFrom() != null) {
                    paragraph(t.get("reassess").replace("{date}", date(pc.reassessFrom().toString())));
                }
            }
        }
        if (pc.outcome() == Outcome.ELIGIBLE) { // with data still missing the letter promises nothing of this
            if (has(pc.notes(), "PC-N1")) {
                paragraph(t.get("lottery"));
            }
            if (pc.outcome() == Outcome.ELIGIBLE && has(pc.notes(), "PC-N2")) {
                paragraph(t.get("zorgdomein"));
            }
            if (pc.outcome() == Outcome.ELIGIBLE && has(pc.notes(), "PC-N4")) {
                paragraph(t.get("definitive"));
            }
            if (pc.outcome() == Outcome.ELIGIBLE && has(pc.notes(), "PC-N5")) {
                paragraph(t.get("valid"));
            }
        }
        centre(pc);
        if (pc.outcome() == Outcome.ELIGIBLE && has(pc.notes(), "PC-N6")) {
            paragraph(t.get("costs"));
        }
        if (has(pc.notes(), "PC-N7")) {
            paragraph(t.get("secondOpinion"));
        }
        paragraph(t.get("helpdesk"));
    }

    private void centre(PostCovidDecision pc) {
        CentreOffer centre = pc.centre();
        if (centre == null || centre.status() == CentreStatus.UNKNOWN) {
            return;
        }
        if ("PC-R6".equals(centre.ruleId())) {
            paragraph(t.get("current").replace("{centre}", names(centre.centres())));
            return;
        }
        if (pc.outcome() != Outcome.ELIGIBLE) {
            return; // a place is only worth naming once the criteria are met
        }
        if (centre.status() == CentreStatus.OFFERED) {
            paragraph(t.get(centre.centres().size() == 1 ? "centre" : "centres") + names(centre.centres()) + ".");
            if (has(centre.notes(), "PC-R7")) {
                paragraph(t.get("further"));
            }
        } else if (centre.status() == CentreStatus.NONE_YET && centre.availableFrom() != null) {
            paragraph(t.get("noneYet") + date(centre.availableFrom().toString()) + ".");
        }
    }

    private void alk(AlkAdvice alk) {
        if (!alk.warnings().isEmpty() && has(alk.warnings(), "ALK-W1")) {
            // said first, as in the GP's report
            paragraph(t.get("alkMeCvs"));
        }
        if (alk.outcome() == AlkOutcome.APPLICABLE) {
            if (alk.options().isEmpty()) {
                paragraph(t.get("alkUnknownSeverity"));
                return;
            }
            StringBuilder p = new StringBuilder(t.get("alkApplies"));
            for (AlkOption o : alk.options()) {
                if (o.primary()) {
                    p.append("\n- ").append(o.name().in(lang)).append(" (").append(t.get("referral")).append(": ")
                            .append(text(o.referral())).append(" ").append(t.get("reimbursement")).append(": ")
                            .append(text(o.reimbursement())).append(')');
                }
            }
            paragraph(p.toString());
        } else if (alk.outcome() == AlkOutcome.NOT_APPLICABLE) {
            if (has(alk.notes(), "ALK-N2")) {
                paragraph(t.get("alkShort"));
                if (alk.reassessFrom() != null) {
                    paragraph(t.get("alkReassess").replace("{date}", date(alk.reassessFrom().toString())));
                }
            } else {
                paragraph(t.get("alkNotApplicable"));
            }
        } else {
            paragraph(t.get("alkInsufficient") + "\n" + questions(alk.questions()).stripTrailing());
        }
    }

    private String questions(List<Question> questions) {
        StringBuilder q = new StringBuilder();
        for (Question question : questions) {
            q.append("- ").append(question.question().in(lang)).append('\n');
        }
        return q.toString();
    }

    private static boolean has(List<Note> notes, String id) {
        return notes.stream().anyMatch(n -> n.id().equals(id));
    }

    private String names(List<Centre> centres) {
        List<String> names = new ArrayList<>();
        for (Centre c : centres) {
            names.add(texts.apply("value." + c.name()).map(x -> x.in(lang)).orElse(c.name()));
        }
        return String.join(", ", names);
    }

    private void paragraph(String text) {
        s.append(text).append("\n\n");
    }

    private String text(LocalizedText x) {
        return date(x.in(lang));
    }

    private String date(String text) {
        return lang.equals("nl") ? ISO_DATE.matcher(text).replaceAll("$3-$2-$1") : text;
    }
}
