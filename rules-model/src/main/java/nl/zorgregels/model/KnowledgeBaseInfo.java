package nl.zorgregels.model;

import java.util.Objects;

/**
 * Which knowledge base made a decision, so that it can be audited and replayed.
 *
 * @param version  the knowledge-base version
 * @param checksum {@code sha256:} followed by the hex SHA-256 of the rule sources and message
 *                 bundles (file paths and contents, in path order)
 */
public record KnowledgeBaseInfo(String version, String checksum) {

    /**
     * Checks and copies the components.
     *
     * @param version the knowledge-base version
     * @param checksum {@code sha256:} followed by the hex SHA-256 of the rule sources and message bundles (file paths and contents, in path order)
     * @throws NullPointerException if any component is null
     */
    public KnowledgeBaseInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(checksum, "checksum");
    }
}
