package nl.zorgregels.kb.fact;

/** A part of a decision, decided apart from the other: the post-COVID referral and the ALK advice. */
public enum DecisionPart {
    /** The post-COVID referral (input section {@code postCovid}). */
    POST_COVID,
    /** The ALK advice (input section {@code alk}). */
    ALK
}
