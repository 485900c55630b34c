package dev.aigov.audit;

import java.time.Duration;

/**
 * Where the audit pipeline stands.
 *
 * @param writable whether appends are accepted
 * @param problem why appends are refused, or {@code null}
 * @param backlog journal entries not yet in Elasticsearch
 * @param journalBytes size of the journal on disk
 * @param journalMaxBytes the bound beyond which appends are refused
 * @param lag how long the oldest unshipped record has waited
 * @param shipped entries shipped since start
 * @param shippingFailures failed bulk requests since start
 * @param shippingError the last shipping error, {@code null} when shipping works
 * @param alarm why the backlog is alarming (over its record or size threshold), or
 * {@code null}
 */
public record AuditStatus(boolean writable, String problem, long backlog, long journalBytes, long journalMaxBytes,
		Duration lag, long shipped, long shippingFailures, String shippingError, String alarm) {
}
