package dev.aigov.audit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code audit} health component: DOWN with the reason when the journal refuses
 * appends (every proxied call is then refused too) or when the backlog waiting for
 * Elasticsearch is over its alarm threshold; UP with the backlog and lag otherwise.
 */
class AuditHealthIndicator implements HealthIndicator {

	private final AuditPipeline pipeline;

	AuditHealthIndicator(AuditPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public Health health() {
		AuditStatus status = this.pipeline.status();
		Health.Builder health = (status.writable() && status.alarm() == null) ? Health.up() : Health.down();
		if (!status.writable()) {
			health.withDetail("reason", "audit journal not writable, calls are refused: " + status.problem());
		}
		else if (status.alarm() != null) {
			health.withDetail("reason", status.alarm());
		}
		health.withDetail("backlog", status.backlog())
			.withDetail("journalBytes", status.journalBytes())
			.withDetail("journalMaxBytes", status.journalMaxBytes())
			.withDetail("lagSeconds", status.lag().toMillis() / 1000.0);
		if (status.shippingError() != null) {
			health.withDetail("shippingError", status.shippingError());
		}
		return health.build();
	}

}
