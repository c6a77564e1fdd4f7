package nl.zorgregels.kb.fact;

/**
 * Knowledge: one treatment option of the ALK card (ALK-T), inserted by the catalogue rules of
 * {@code alk-options.drl}. Its texts are in the message bundles under {@code ALK-T.<id>.*}.
 *
 * @param id        option id, e.g. {@code BASIS_GGZ}
 * @param column    MILD, MODERATE, SEVERE, or ALL (the medical specialist, in every column)
 * @param cardOrder position on the card (1 = first), for a stable order
 * @param source    the card passage the option rests on
 */
public record AlkOptionInfo(String id, String column, int cardOrder, String source) {
}
