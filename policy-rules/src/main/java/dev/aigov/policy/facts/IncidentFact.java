package dev.aigov.policy.facts;

/**
 * An incident recorded against the model version.
 *
 * @param id the incident's id
 * @param title its title
 * @param severity {@code low}, {@code medium}, {@code high} or {@code critical}
 * @param severe whether it is high or critical
 * @param status {@code open}, {@code mitigated} or {@code closed}
 */
public record IncidentFact(String id, String title, String severity, boolean severe, String status) {
}
