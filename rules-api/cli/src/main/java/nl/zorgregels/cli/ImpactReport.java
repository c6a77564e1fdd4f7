package nl.zorgregels.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import nl.zorgregels.cli.DecisionDiff.Change;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.KnowledgeBaseInfo;

/**
 * Writes the impact report as the cases come in: a header naming both knowledge bases and what is
 * compared, one entry per changed, invalid or undecided case (in input order), then the totals. A
 * case whose decision is the same but whose wording changed has no entry of its own: it is counted,
 * per place, in the totals.
 */
abstract class ImpactReport {
    /** Where the report goes; flushed by {@link #end}, never closed. */
    final Writer out;

    ImpactReport(Writer out) {
        this.out = out;
    }

    /** @return the report for {@code format}: {@code text} or {@code json} */
    static ImpactReport of(String format, Writer out) throws IOException {
        return format.equals("json") ? new Json(out) : new Text(out);
    }

    /**
     * @param laterDates whether the decisions include what they say about later dates (reassessFrom)
     */
    abstract void start(KnowledgeBaseInfo baseline, KnowledgeBaseInfo candidate, String input, boolean laterDates)
            throws IOException;

    /**
     * @param changes the differences of the decision, not empty
     * @param texts   the places whose wording differs as well; may be empty
     */
    abstract void changed(long line, List<Change> changes, List<String> texts) throws IOException;

    /** What the header says is compared. */
    static String compared(boolean laterDates) {
        return laterDates ? "every part of the decisions by ids and values, later dates included, and their texts"
                : "every part of the decisions by ids and values, and their texts; not what they say about later"
                        + " dates (reassessFrom, the criteria that change at 18): --later-dates compares those";
    }

    abstract void invalid(long line, InvalidInputException e) throws IOException;

    /** @param side {@code baseline} or {@code candidate}: the knowledge base that failed */
    abstract void notDecided(long line, String side, String message) throws IOException;

    abstract void end(ImpactTotals totals) throws IOException;

    /** The readable report. */
    static final class Text extends ImpactReport {
        private static final String ABSENT = "—";
        /** Columns of the totals: names, then right-aligned counts. */
        private static final int NAME_WIDTH = 56;
        private static final int COUNT_WIDTH = 8;

        Text(Writer out) {
            super(out);
        }

        @Override
        void start(KnowledgeBaseInfo baseline, KnowledgeBaseInfo candidate, String input, boolean laterDates)
                throws IOException {
            out.write("Impact of a knowledge-base change on " + input + "\n");
            out.write("  baseline:  " + baseline.version() + " (" + baseline.checksum() + ")\n");
            out.write("  candidate: " + candidate.version() + " (" + candidate.checksum() + ")\n");
            out.write("  compared:  " + compared(laterDates) + "\n\n");
        }

        @Override
        void changed(long line, List<Change> changes, List<String> texts) throws IOException {
            out.write("line " + line + ":\n");
            for (int i = 0; i < changes.size(); i++) {
                Change c = changes.get(i);
                if (!c.listItem()) {
                    out.write("  " + label(c) + ": " + transition(c, c.before(), c.after()) + "\n");
                    continue;
                }
                // the items of one list on one line: "post-COVID notes: -PC-N2 +PC-N7"
                StringBuilder items = new StringBuilder("  " + listLabel(c) + ":");
                int j = i;
                for (; j < changes.size() && changes.get(j).part().equals(c.part())
                        && changes.get(j).what().equals(c.what()); j++) {
                    Change item = changes.get(j);
                    items.append(' ').append(item.before() == null ? "+" + item.id() : item.after() == null ? "-" + item.id()
                            : item.id() + " (" + item.before() + " → " + item.after() + ")");
                }
                out.write(items + "\n");
                i = j - 1;
            }
            if (!texts.isEmpty()) {
                out.write("  texts: " + String.join(", ", texts) + "\n");
            }
        }

        @Override
        void invalid(long line, InvalidInputException e) throws IOException {
            out.write("line " + line + ": invalid input: " + e.field() + ": " + e.rule() + "\n");
        }

        @Override
        void notDecided(long line, String side, String message) throws IOException {
            out.write("line " + line + ": not decided: the " + side + " knowledge base failed: " + message + "\n");
        }

        @Override
        void end(ImpactTotals t) throws IOException {
            out.write("\nTotals\n");
            row("cases read", t.casesRead);
            row("invalid lines", t.invalid);
            row("not decided", t.errors);
            row("unchanged", t.unchanged);
            row("texts changed only", t.textsOnly);
            row("changed", t.changed);
            out.write("\nChanged cases per kind of change\n");
            if (t.changes.isEmpty()) {
                out.write("  (none)\n");
            }
            for (ImpactTotals.Count c : t.changes.values()) {
                row(label(c.example), c.cases);
            }
            out.write("\nTransitions\n");
            if (t.transitions.isEmpty()) {
                out.write("  (none)\n");
            }
            for (Map.Entry<ImpactTotals.Transition, Long> e : t.transitions.entrySet()) {
                ImpactTotals.Transition tr = e.getKey();
                row(label(tr.example()) + ": " + transition(tr.example(), tr.before(), tr.after()), e.getValue());
            }
            String textsHeading = "\nChanged texts (cases, decision changed or not)";
            out.write(textsHeading + " ".repeat(Math.max(1, NAME_WIDTH + 1 - textsHeading.length()))
                    + pad("cases", COUNT_WIDTH) + pad("first line", COUNT_WIDTH + 3) + "\n");
            if (t.texts.isEmpty()) {
                out.write("  (none)\n");
            }
            for (Map.Entry<String, ImpactTotals.TextCount> e : t.texts.entrySet()) {
                String name = "  " + e.getKey();
                out.write(name + " ".repeat(Math.max(1, NAME_WIDTH - name.length())) + pad(e.getValue().cases, COUNT_WIDTH)
                        + pad(e.getValue().firstLine, COUNT_WIDTH + 3) + "\n");
            }
            String heading = "\nDistribution (cases)";
            out.write(heading + " ".repeat(NAME_WIDTH + 1 - heading.length()) + pad("baseline", COUNT_WIDTH)
                    + pad("candidate", COUNT_WIDTH + 3) + "\n");
            for (String dimension : t.baseline.counts.keySet()) {
                Map<String, Long> b = t.baseline.counts.get(dimension);
                Map<String, Long> c = t.candidate.counts.get(dimension);
                java.util.Set<String> values = new java.util.LinkedHashSet<>(b.keySet());
                values.addAll(c.keySet());
                for (String v : values) {
                    String name = "  " + dimension + " " + v;
                    out.write(name + " ".repeat(Math.max(1, NAME_WIDTH - name.length()))
                            + pad(b.getOrDefault(v, 0L), COUNT_WIDTH) + pad(c.getOrDefault(v, 0L), COUNT_WIDTH + 3) + "\n");
                }
            }
            out.flush();
        }

        private void row(String name, long n) throws IOException {
            String text = "  " + name;
            out.write(text + " ".repeat(Math.max(1, NAME_WIDTH - text.length())) + pad(n, COUNT_WIDTH) + "\n");
        }

        /** Digits only, right-aligned: no locale's grouping or digits. */
        private static String pad(long n, int width) {
            return pad(Long.toString(n), width);
        }

        private static String pad(String s, int width) {
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }

        private static String part(Change c) {
            return switch (c.part()) {
                case DecisionDiff.SAFETY -> "safety";
                case "postCovid" -> "post-COVID";
                default -> "ALK";
            };
        }

        /** The name of one kind of change, e.g. {@code PC-A3}, {@code post-COVID note PC-N2}, {@code safety SAFE-DATA}. */
        private static String label(Change c) {
            String part = part(c);
            return switch (c.what()) {
                case "item" -> part + " " + c.id();
                case "criterion" -> c.id();
                case "centre" -> "centre";
                case "option" -> "ALK option " + c.id();
                case "ageGroup" -> part + " age group";
                case "missingFact" -> part + " missing fact " + c.id();
                case "warning", "note" -> part + " " + c.what() + " " + c.id();
                default -> part + " " + c.what();
            };
        }

        /** The name of a list of ids, e.g. {@code post-COVID notes}, {@code safety}. */
        private static String listLabel(Change c) {
            return switch (c.what()) {
                case "item" -> part(c);
                case "missingFact" -> part(c) + " missing facts";
                default -> part(c) + " " + c.what() + "s";
            };
        }

        private static String transition(Change kind, String before, String after) {
            if (kind.what().equals("option") || kind.listItem()) {
                String bracket = kind.listItem() ? "" : " (" + (before == null ? after : "was " + before) + ")";
                if (before == null) {
                    return "added" + bracket;
                }
                if (after == null) {
                    return "removed" + bracket;
                }
            }
            return (before == null ? ABSENT : before) + " → " + (after == null ? ABSENT : after);
        }
    }

    /** The machine-readable report: one JSON document, keys in a fixed order. */
    static final class Json extends ImpactReport {
        private static final JsonFactory FACTORY = JsonFactory.builder().build();
        private final JsonGenerator g;

        Json(Writer out) throws IOException {
            super(out);
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            Separators separators = Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("");
            g = FACTORY.createGenerator(out)
                    .setPrettyPrinter(new DefaultPrettyPrinter(separators).withObjectIndenter(indenter)
                            .withArrayIndenter(indenter));
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }

        @Override
        void start(KnowledgeBaseInfo baseline, KnowledgeBaseInfo candidate, String input, boolean laterDates)
                throws IOException {
            g.writeStartObject();
            g.writeStringField("input", input);
            kb("baseline", baseline);
            kb("candidate", candidate);
            g.writeBooleanField("laterDates", laterDates);
            g.writeStringField("compared", compared(laterDates));
            g.writeArrayFieldStart("cases");
        }

        private void kb(String name, KnowledgeBaseInfo info) throws IOException {
            g.writeObjectFieldStart(name);
            g.writeStringField("version", info.version());
            g.writeStringField("checksum", info.checksum());
            g.writeEndObject();
        }

        @Override
        void changed(long line, List<Change> changes, List<String> texts) throws IOException {
            g.writeStartObject();
            g.writeNumberField("line", line);
            g.writeArrayFieldStart("changes");
            for (Change c : changes) {
                g.writeStartObject();
                g.writeStringField("change", c.kind());
                g.writeStringField("before", c.before());
                g.writeStringField("after", c.after());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("texts");
            for (String place : texts) {
                g.writeString(place);
            }
            g.writeEndArray();
            g.writeEndObject();
        }

        @Override
        void invalid(long line, InvalidInputException e) throws IOException {
            g.writeStartObject();
            g.writeNumberField("line", line);
            g.writeObjectFieldStart("invalid");
            g.writeStringField("field", e.field());
            g.writeStringField("rule", e.rule());
            g.writeEndObject();
            g.writeEndObject();
        }

        @Override
        void notDecided(long line, String side, String message) throws IOException {
            g.writeStartObject();
            g.writeNumberField("line", line);
            g.writeObjectFieldStart("notDecided");
            g.writeStringField("knowledgeBase", side);
            g.writeStringField("message", message);
            g.writeEndObject();
            g.writeEndObject();
        }

        @Override
        void end(ImpactTotals t) throws IOException {
            g.writeEndArray();
            g.writeObjectFieldStart("totals");
            g.writeNumberField("casesRead", t.casesRead);
            g.writeNumberField("invalid", t.invalid);
            g.writeNumberField("notDecided", t.errors);
            g.writeNumberField("unchanged", t.unchanged);
            g.writeNumberField("textsOnly", t.textsOnly);
            g.writeNumberField("changed", t.changed);
            g.writeObjectFieldStart("changes");
            for (ImpactTotals.Count c : t.changes.values()) {
                g.writeNumberField(c.kind, c.cases);
            }
            g.writeEndObject();
            g.writeArrayFieldStart("transitions");
            for (Map.Entry<ImpactTotals.Transition, Long> e : t.transitions.entrySet()) {
                g.writeStartObject();
                g.writeStringField("change", e.getKey().kind());
                g.writeStringField("before", e.getKey().before());
                g.writeStringField("after", e.getKey().after());
                g.writeNumberField("cases", e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("texts");
            for (Map.Entry<String, ImpactTotals.TextCount> e : t.texts.entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                g.writeNumberField("cases", e.getValue().cases);
                g.writeNumberField("firstLine", e.getValue().firstLine);
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("distribution");
            distribution("baseline", t.baseline);
            distribution("candidate", t.candidate);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
            out.write("\n");
            out.flush();
        }

        private void distribution(String name, ImpactTotals.Distribution d) throws IOException {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, Map<String, Long>> dim : d.counts.entrySet()) {
                g.writeObjectFieldStart(dim.getKey());
                for (Map.Entry<String, Long> v : dim.getValue().entrySet()) {
                    g.writeNumberField(v.getKey(), v.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }
}
