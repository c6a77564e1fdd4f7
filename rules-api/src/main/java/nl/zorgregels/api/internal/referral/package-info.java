/**
 * Internal: the referral summary a GP pastes into the registration (not API; may change without notice).
 */
package nl.zorgregels.api.internal.referral;
