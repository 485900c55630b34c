package dev.aigov.policy.facts;

import java.time.LocalDate;

/**
 * A dataset version the model version was trained or evaluated on.
 *
 * @param id the dataset version's id
 * @param use {@code training} or {@code evaluation}
 * @param sensitivity {@code public}, {@code internal}, {@code confidential} or
 * {@code restricted}, {@code null} if not recorded
 * @param confidential whether it is confidential or restricted
 * @param containsPersonalData whether it holds personal data, {@code null} if not
 * recorded
 * @param legalBasis the DPV legal basis ({@code consent}, {@code contract}, ...),
 * {@code null} if none
 * @param consentRecorded whether consent is recorded, {@code null} if not stated
 * @param retentionUntil the end of its retention period, {@code null} if none
 * @param retentionExpired whether that date lies before the evaluation date
 * @param anonymisationMethod the anonymisation or privacy-enhancing technique applied,
 * {@code null} if none
 */
public record DatasetFact(String id, String use, String sensitivity, boolean confidential, Boolean containsPersonalData,
		String legalBasis, Boolean consentRecorded, LocalDate retentionUntil, boolean retentionExpired,
		String anonymisationMethod) {
}
