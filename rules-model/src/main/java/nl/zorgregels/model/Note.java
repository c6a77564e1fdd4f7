package nl.zorgregels.model;

import java.util.Objects;

/**
 * Information that goes with a decision but does not change it.
 *
 * @param id      requirement id of the note, e.g. {@code PC-N1}
 * @param message the note in Dutch and English
 */
public record Note(String id, LocalizedText message) {

    /**
     * Checks and copies the components.
     *
     * @param id requirement id of the note, e.g. {@code PC-N1}
     * @param message the note in Dutch and English
     * @throws NullPointerException if any component is null
     */
    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
    }
}
