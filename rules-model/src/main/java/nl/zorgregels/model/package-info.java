/**
 * The facts a caller hands to Zorgregels and the decision it gets back.
 *
 * <p>Everything here is an immutable record or enum. Input records validate themselves on
 * construction and throw {@link nl.zorgregels.model.InvalidInputException} naming the field path
 * and the rule broken; nothing is repaired or defaulted. A {@code null} optional field means "not
 * known" and makes the criteria that need it {@code UNKNOWN}.
 */
package nl.zorgregels.model;
