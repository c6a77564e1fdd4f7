/**
 * FHIR R4 in and out (CONTRACT.md section 8), for an EHR that holds its record as FHIR.
 * {@link nl.zorgregels.fhir.FhirAssessments} reads a patient's record (a Bundle) into an
 * {@link nl.zorgregels.model.Assessment}, {@link nl.zorgregels.fhir.FhirQuestionnaire} publishes the
 * intake Questionnaire whose answers it reads, and {@link nl.zorgregels.fhir.FhirGuidance} writes a
 * {@link nl.zorgregels.model.Decision} as a GuidanceResponse.
 *
 * <p>These classes need HAPI FHIR ({@code ca.uhn.hapi.fhir:hapi-fhir-structures-r4}), an optional
 * dependency of this library: an application that calls them declares it itself; one that only uses
 * the JSON contract ({@link nl.zorgregels.api.DecisionJson}) never loads it.
 */
package nl.zorgregels.fhir;
