/**
 * Internals of the FHIR mapping: not API. Anything here may change or disappear in any release;
 * use {@link nl.zorgregels.fhir.FhirAssessments}, {@link nl.zorgregels.fhir.FhirQuestionnaire} and
 * {@link nl.zorgregels.fhir.FhirGuidance}.
 */
package nl.zorgregels.fhir.internal;
