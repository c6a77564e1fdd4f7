package nl.zorgregels.api;

import java.util.List;
import java.util.Objects;

/**
 * One rule of a knowledge base, where it is and what it derives, as the knowledge-base check read
 * it from the {@code .drl} sources.
 *
 * @param name        the rule's name
 * @param id          its {@code @id} (a requirement id)
 * @param source      its {@code @source} (seed file and passage)
 * @param file        its {@code .drl} file, relative to the knowledge base's root
 *                    (e.g. {@code nl/zorgregels/kb/postcovid-adult.drl})
 * @param line        the line of its {@code rule} keyword
 * @param messageKeys the message keys of what it derives (a criterion result, centre offer or
 *                    note): {@code <id>.<STATUS>}, {@code <id>} for a note, or its
 *                    {@code @message}; empty for a rule that derives knowledge only
 * @param noteIds     ids of notes it attaches to what it derives (e.g. {@code PC-R7} on a centre
 *                    offer); the rule then also implements those requirements
 */
public record RuleInfo(String name, String id, String source, String file, int line, List<String> messageKeys,
                       List<String> noteIds) {

    /**
     * Checks the fields are present and copies the lists.
     * Checks and copies the components.
     *
     * @param name the rule's name
     * @param id its {@code @id} (a requirement id)
     * @param source its {@code @source} (seed file and passage)
     * @param file its {@code .drl} file, relative to the knowledge base's root (e.g. {@code nl/zorgregels/kb/postcovid-adult.drl})
     * @param line the line of its {@code rule} keyword
     * @param messageKeys the message keys of what it derives (a criterion result, centre offer or note): {@code <id>.<STATUS>}, {@code <id>} for a note, or its {@code @message}; empty for a rule that derives knowledge only
     * @param noteIds ids of notes it attaches to what it derives (e.g. {@code PC-R7} on a centre offer); the rule then also implements those requirements
     */
    public RuleInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(file, "file");
        messageKeys = List.copyOf(messageKeys);
        noteIds = List.copyOf(noteIds);
    }

    /** @return {@code file:line} */
    public String location() {
        return file + ":" + line;
    }
}
