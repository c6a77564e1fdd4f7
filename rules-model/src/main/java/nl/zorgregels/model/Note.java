package nl.zorgregels.model;

import java.util.Objects;

/**
 * Information that goes with a decision but does not change it.
 *
 * @param id      requirement id of the note, e.g. {@code PC-N1}
 * @param message the note in Dutch and English
 * @param source  the passage the note rests on (seed file and passage); null if not given
 */
public record Note(String id, LocalizedText message, String source) {

    /**
     * Checks and copies the components.
     *
     * @param id requirement id of the note, e.g. {@code PC-N1}
     * @param message the note in Dutch and English
     * @param source the passage the note rests on (seed file and passage); null if not given
     * @throws NullPointerException if {@code id} or {@code message} is null
     */
    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
    }

    /**
     * A note without a source.
     *
     * @param id      requirement id of the note
     * @param message the note in Dutch and English
     */
    public Note(String id, LocalizedText message) {
        this(id, message, null);
    }
}
