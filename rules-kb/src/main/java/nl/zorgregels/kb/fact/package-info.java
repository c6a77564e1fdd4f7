/**
 * Facts the rules derive and insert: the age classification, one {@link nl.zorgregels.kb.fact.Finding}
 * per criterion, the outcome and the notes. They carry message keys, not texts; the API turns them
 * into a {@link nl.zorgregels.model.Decision}. Part of the knowledge base's contract with the API,
 * not of the public API.
 */
package nl.zorgregels.kb.fact;
