package nl.zorgregels.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.MessageOrigin;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;

/**
 * A decision as a draft letter to the patient, or for a patient under 18 to the parents or carers,
 * in Dutch or English ({@code --format letter}). Every sentence is a {@code letter.*} text of the
 * knowledge base's bundles; this class only picks them by the decision's structure and fills them in.
 *
 * <p><b>Which texts.</b> The frame ({@code letter.draft}, {@code letter.header}, {@code letter.subject},
 * {@code letter.dear}, {@code letter.closing}); the safety items of kind {@code safety}
 * ({@code letter.<message key>} or {@code letter.<id>}); per post-COVID outcome
 * {@code letter.outcome.<OUTCOME>}, with NOT_ELIGIBLE one reason per NOT_MET criterion
 * ({@code letter.criterion.<message key>}, {@code letter.criterion.<id>.NOT_MET}, else
 * {@code letter.criterion.NOT_MET}) and {@code letter.reassessFrom}, with INSUFFICIENT_DATA one line
 * per missing fact ({@code letter.missing.<input path>}, else {@code letter.missing}) and nothing
 * else of the post-COVID part (no note, no centre: nothing is promised while data is missing);
 * otherwise the notes ({@code letter.<id>}), the centre ({@code letter.<message key>},
 * {@code letter.<rule>.<status>}), its notes and, after a centre paragraph, {@code letter.accommodations};
 * {@code letter.helpdesk} with every post-COVID part; the ALK part likewise ({@code letter.alk.*},
 * the notes and warnings as {@code letter.<id>}, the options of the patient's own column with
 * {@code letter.option.<option id>.referral|reimbursement} where the bundle words them for the
 * patient, else the decision's text, and their notes as {@code letter.option.<id>}). A note, item or
 * centre whose letter text is absent is left out: the GP's texts never reach the letter.
 *
 * <p><b>Variants.</b> A key is looked for first with a context, then without:
 * {@code <key>.<context>.child}, {@code <key>.<context>}, …, {@code <key>.child}, {@code <key>}, the
 * contexts being the ids of the decision's safety items (banner order), the post-COVID outcome and
 * the centre's status; {@code .child} only for a patient under 18. The first key the bundles have
 * counts, and an empty text writes nothing: that is how, say, a patient already in treatment
 * ({@code SAFE-TREATMENT}) gets no registration paragraph, without an id in this class.
 *
 * <p><b>Data in doubt.</b> While the decision carries a safety item whose requirement is of kind
 * {@code data-doubt}, the letter is withheld ({@link Draft#withheld()}: one line, {@code letter.withheld}
 * with the items' messages), unless forced; a forced letter opens, right after the draft line, with
 * {@code letter.doubt} and each such item's letter text.
 *
 * <p>Placeholders are filled with the facts of the criterion, or those read back from the item's
 * message ({@link ZorgregelsEngine#messageOrigin}), the centres by name ({@code value.<CENTRE>}),
 * dates as {@code letter.date} ({@code letter.dayMonth} and {@code letter.monthYear} for a centre's
 * {@code availableFrom} as the FAQ writes it).
 */
final class LetterReport {
    private static final String PREFIX = "letter.";
    private static final String CHILD = ".child";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern EMBEDDED_ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");

    /** The knowledge base as the letter reads it. */
    interface Texts {
        /**
         * @param key a message key
         * @return its template, placeholders unfilled, or empty if the bundles lack it
         */
        Optional<LocalizedText> template(String key);

        /**
         * @param id      a requirement id
         * @param message a message the knowledge base made for it
         * @return its key and filled-in values, or empty
         */
        Optional<MessageOrigin> origin(String id, LocalizedText message);

        /**
         * @param id a requirement id
         * @return its kind, or null if the knowledge base has no such requirement
         */
        Requirement.Kind kind(String id);

        /**
         * @param engine the engine whose knowledge base made the decision
         * @return its texts and requirement kinds
         */
        static Texts of(ZorgregelsEngine engine) {
            Map<String, Requirement.Kind> kinds = new HashMap<>();
            engine.requirements().forEach(r -> kinds.put(r.id(), r.kind()));
            return new Texts() {
                @Override
                public Optional<LocalizedText> template(String key) {
                    return engine.template(key);
                }

                @Override
                public Optional<MessageOrigin> origin(String id, LocalizedText message) {
                    return engine.messageOrigin(id, message);
                }

                @Override
                public Requirement.Kind kind(String id) {
                    return kinds.get(id);
                }
            };
        }
    }

    /**
     * The letter, or why it was not written.
     *
     * @param letter   the letter; null when withheld
     * @param withheld one line saying what the GP must settle first; null when written
     */
    record Draft(String letter, String withheld) {
    }

    private final String lang;
    private final Texts texts;
    private final boolean child;
    private final List<String> contexts = new ArrayList<>();
    private final StringBuilder s = new StringBuilder(4096);

    private LetterReport(String lang, Texts texts, boolean child) {
        this.lang = lang;
        this.texts = texts;
        this.child = child;
    }

    /**
     * @param decision the decision
     * @param audience the patient's age group (CHILD: the letter is to the parents or carers)
     * @param lang     {@code nl} or {@code en}
     * @param force    write the letter even while data is in doubt
     * @param texts    the knowledge base's texts
     * @return the letter, or why it was withheld
     * @throws KnowledgeBaseException if a letter text needs a value the paragraph does not give,
     *                                or a bundle lacks a frame text of the letter
     */
    static Draft render(Decision decision, AgeGroup audience, String lang, boolean force, Texts texts) {
        return new LetterReport(lang, texts, audience == AgeGroup.CHILD).letter(decision, force);
    }

    private Draft letter(Decision decision, boolean force) {
        List<Note> doubts = new ArrayList<>();
        List<Note> items = new ArrayList<>();
        for (Note item : decision.safety()) {
            (texts.kind(item.id()) == Requirement.Kind.DATA_DOUBT ? doubts : items).add(item);
            if (!contexts.contains(item.id())) {
                contexts.add(item.id());
            }
        }
        if (!doubts.isEmpty() && !force) {
            List<String> messages = new ArrayList<>();
            for (Note d : doubts) {
                String message = d.message().in(lang);
                messages.add(lang.equals("nl") ? EMBEDDED_ISO_DATE.matcher(message).replaceAll("$3-$2-$1") : message);
            }
            String line = required("withheld", Map.of("items", String.join(" ", messages)));
            return new Draft(null, line.replaceAll("\\s*\\R\\s*", " ").strip());
        }
        PostCovidDecision pc = decision.postCovid();
        if (pc != null) {
            contexts.add(pc.outcome().name());
            if (pc.centre() != null) {
                contexts.add(pc.centre().status().name());
            }
        }
        paragraph(required("draft", Map.of()));
        if (!doubts.isEmpty()) {
            paragraph(required("doubt", Map.of()));
            doubts.forEach(d -> item("", d));
        }
        paragraph(required("header", Map.of("date", date(decision.assessmentDate()))));
        paragraph(required("subject", Map.of()));
        paragraph(required("dear", Map.of()));
        items.forEach(i -> item("", i));
        if (pc != null) {
            postCovid(pc);
        }
        if (decision.alk() != null) {
            alk(decision.alk());
        }
        paragraph(required("closing", Map.of()));
        return new Draft(s.toString(), null);
    }

    private void postCovid(PostCovidDecision pc) {
        String outcome = "outcome." + pc.outcome().name();
        switch (pc.outcome()) {
            case NOT_ELIGIBLE -> {
                List<String> reasons = new ArrayList<>();
                for (CriterionResult c : pc.criteria()) {
                    if (c.status() == CriterionStatus.NOT_MET) {
                        reasons.add(reason(c));
                    }
                }
                paragraph(list(text(outcome, Map.of()), reasons));
                if (pc.reassessFrom() != null) {
                    paragraph(text("reassessFrom", Map.of("date", date(pc.reassessFrom()))));
                }
            }
            case INSUFFICIENT_DATA -> {
                paragraph(list(text(outcome, Map.of()), missing(pc.missingFacts())));
                paragraph(text("insufficient.next", Map.of()));
            }
            case ELIGIBLE -> paragraph(text(outcome, Map.of()));
        }
        if (pc.outcome() != Outcome.INSUFFICIENT_DATA) {
            pc.notes().forEach(n -> item("", n));
            centre(pc.centre());
        }
        paragraph(text("helpdesk", Map.of()));
    }

    /** The centre paragraph, its notes and the accommodations for limited energy after it. */
    private void centre(CentreOffer centre) {
        if (centre == null) {
            return;
        }
        Map<String, String> facts = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (Centre c : centre.centres()) {
            names.add(value(c.name()));
        }
        facts.put("centres", String.join(", ", names));
        if (centre.availableFrom() != null) {
            LocalDate from = centre.availableFrom();
            facts.put("availableFrom", date(from));
            facts.put("availableFromDayMonth", required("dayMonth", dateParts(from)));
            facts.put("availableFromMonthYear", required("monthYear", dateParts(from)));
        }
        List<String> bases = new ArrayList<>();
        texts.origin(centre.ruleId(), centre.message()).ifPresent(o -> {
            bases.add(o.key());
            o.facts().forEach((name, value) -> facts.putIfAbsent(name, shown(value.in(lang))));
        });
        bases.add(centre.ruleId() + "." + centre.status().name());
        bases.add(centre.ruleId());
        String text = text(bases, facts);
        if (!text.isEmpty()) {
            paragraph(text);
            centre.notes().forEach(n -> item("", n));
            paragraph(text("accommodations", Map.of()));
        }
    }

    private void alk(AlkAdvice alk) {
        String intro = text("alk." + alk.outcome().name(), Map.of());
        if (alk.outcome() == AlkOutcome.INSUFFICIENT_DATA) {
            paragraph(list(intro, missing(alk.missingFacts())));
            paragraph(text("alk.insufficient.next", Map.of()));
            return;
        }
        paragraph(intro);
        alk.warnings().forEach(w -> item("", w));
        alk.notes().forEach(n -> item("", n));
        if (alk.outcome() == AlkOutcome.NOT_APPLICABLE) {
            if (alk.reassessFrom() != null) {
                paragraph(text("alk.reassessFrom", Map.of("date", date(alk.reassessFrom()))));
            }
            return;
        }
        if (alk.options().isEmpty()) {
            paragraph(list(text("alk.severityUnknown", Map.of()), missing(alk.missingFacts())));
            return;
        }
        StringBuilder options = new StringBuilder(text("alk.options", Map.of()));
        boolean lighter = false;
        for (AlkOption o : alk.options()) {
            if (!o.primary()) {
                lighter = true;
                continue;
            }
            String option = text("alk.option", Map.of("name", o.name().in(lang),
                    "referral", optionText(o, "referral", o.referral()),
                    "reimbursement", optionText(o, "reimbursement", o.reimbursement())));
            options.append('\n').append(option);
            for (Note n : o.notes()) {
                String note = noteText("option.", n);
                if (!note.isEmpty()) {
                    options.append("\n  ").append(note);
                }
            }
        }
        paragraph(options.toString());
        if (lighter) {
            paragraph(text("alk.lighter", Map.of()));
        }
        paragraph(text("alk.choose", Map.of()));
    }

    /** An option's referral or reimbursement: the bundle's wording for the patient if it has one, else the decision's. */
    private String optionText(AlkOption option, String what, LocalizedText decided) {
        Optional<String> own = find(List.of("option." + option.id() + "." + what), Map.of());
        return own.orElse(decided.in(lang));
    }

    private String reason(CriterionResult c) {
        Map<String, String> facts = new HashMap<>();
        c.facts().forEach((name, value) -> facts.put(name, shown(value)));
        List<String> bases = new ArrayList<>();
        texts.origin(c.id(), c.message()).ifPresent(o -> bases.add("criterion." + o.key()));
        bases.add("criterion." + c.id() + "." + c.status().name());
        bases.add("criterion." + c.status().name());
        return text(bases, facts);
    }

    private List<String> missing(List<String> facts) {
        Set<String> lines = new LinkedHashSet<>(); // two facts may ask the same of the patient
        for (String fact : facts) {
            lines.add(text(List.of("missing." + fact, "missing"), Map.of()));
        }
        lines.remove("");
        return new ArrayList<>(lines);
    }

    /** A note, warning or safety item: its letter text, if the bundles have one. */
    private void item(String prefix, Note note) {
        paragraph(noteText(prefix, note));
    }

    private String noteText(String prefix, Note note) {
        Map<String, String> facts = new HashMap<>();
        List<String> bases = new ArrayList<>();
        texts.origin(note.id(), note.message()).ifPresent(o -> {
            bases.add(prefix + o.key());
            o.facts().forEach((name, value) -> facts.put(name, shown(value.in(lang))));
        });
        bases.add(prefix + note.id());
        return text(bases, facts);
    }

    private String text(String base, Map<String, String> facts) {
        return text(List.of(base), facts);
    }

    /** The first of the bases' letter texts, most specific variant first, filled in; empty if none. */
    private String text(List<String> bases, Map<String, String> facts) {
        return find(bases, facts).orElse("");
    }

    private Optional<String> find(List<String> bases, Map<String, String> facts) {
        List<String> suffixes = new ArrayList<>();
        for (String context : contexts) {
            if (child) {
                suffixes.add("." + context + CHILD);
            }
            suffixes.add("." + context);
        }
        if (child) {
            suffixes.add(CHILD);
        }
        suffixes.add("");
        for (String suffix : suffixes) {
            for (String base : new LinkedHashSet<>(bases)) {
                String key = PREFIX + base + suffix;
                Optional<LocalizedText> template = texts.template(key);
                if (template.isPresent()) {
                    return Optional.of(fill(key, template.get().in(lang), facts));
                }
            }
        }
        return Optional.empty();
    }

    /** A text the letter cannot do without (the frame, the date). */
    private String required(String base, Map<String, String> facts) {
        String key = PREFIX + base;
        Optional<String> text = find(List.of(base), facts);
        if (text.isEmpty()) {
            throw new KnowledgeBaseException("the message bundles have no " + key + ", which the patient letter needs");
        }
        return text.get();
    }

    private static String fill(String key, String template, Map<String, String> facts) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String value = facts.get(m.group(1));
            if (value == null) {
                throw new KnowledgeBaseException("letter text " + key + " uses {" + m.group(1)
                        + "}, which this paragraph of the letter does not give; it gives " + new java.util.TreeSet<>(facts.keySet()));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A fact as the letter shows it: a code by its {@code value.X} text, a date as {@code letter.date}, a list joined. */
    private String shown(Object value) {
        if (value instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            c.forEach(v -> parts.add(shown(v)));
            return String.join(", ", parts);
        }
        if (value instanceof LocalDate d) {
            return date(d);
        }
        String raw = String.valueOf(value);
        if (ISO_DATE.matcher(raw).matches()) {
            try {
                return date(LocalDate.parse(raw));
            } catch (DateTimeParseException e) {
                return raw;
            }
        }
        return value(raw);
    }

    /** A code by its {@code value.X} text, if the bundles have one. */
    private String value(String raw) {
        return texts.template("value." + raw).map(t -> t.in(lang)).orElse(raw);
    }

    private String date(LocalDate date) {
        return required("date", dateParts(date));
    }

    private Map<String, String> dateParts(LocalDate date) {
        return Map.of("day", Integer.toString(date.getDayOfMonth()),
                "month", required("month." + date.getMonthValue(), Map.of()),
                "year", Integer.toString(date.getYear()));
    }

    /** An introduction and its items, one a line. */
    private static String list(String intro, List<String> items) {
        StringBuilder p = new StringBuilder(intro);
        for (String item : items) {
            p.append("\n- ").append(item);
        }
        return p.toString();
    }

    private void paragraph(String text) {
        if (!text.isEmpty()) {
            s.append(text).append("\n\n");
        }
    }
}
