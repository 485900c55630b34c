package dev.aigov.audit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The audit pipeline's metrics: {@code aigov.audit.journal.lag} (seconds the oldest
 * unshipped record has waited), {@code aigov.audit.backlog} (entries not yet in
 * Elasticsearch), {@code aigov.audit.journal.size}, {@code aigov.audit.journal.writable}
 * (1 or 0), and the counters {@code aigov.audit.appends},
 * {@code aigov.audit.append.failures}, {@code aigov.audit.shipped} and
 * {@code aigov.audit.shipping.failures}.
 */
class AuditMetrics implements MeterBinder {

	private final AuditPipeline pipeline;

	AuditMetrics(AuditPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("aigov.audit.journal.lag", this.pipeline, (p) -> p.status().lag().toMillis() / 1000.0)
			.baseUnit("seconds")
			.description("How long the oldest audit record not yet in Elasticsearch has waited")
			.register(registry);
		Gauge.builder("aigov.audit.backlog", this.pipeline, (p) -> p.status().backlog())
			.description("Audit journal entries not yet shipped to Elasticsearch")
			.register(registry);
		Gauge.builder("aigov.audit.journal.size", this.pipeline, (p) -> p.status().journalBytes())
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("aigov.audit.journal.writable", this.pipeline, (p) -> p.status().writable() ? 1 : 0)
			.description("1 when audit appends are accepted, 0 when calls are refused")
			.register(registry);
		FunctionCounter.builder("aigov.audit.appends", this.pipeline, (p) -> p.appends())
			.description("Audit records made durable")
			.register(registry);
		FunctionCounter.builder("aigov.audit.append.failures", this.pipeline, (p) -> p.appendFailures())
			.description("Audit appends refused (the call they describe was refused)")
			.register(registry);
		FunctionCounter.builder("aigov.audit.shipped", this.pipeline, (p) -> p.status().shipped()).register(registry);
		FunctionCounter.builder("aigov.audit.shipping.failures", this.pipeline, (p) -> p.status().shippingFailures())
			.register(registry);
	}

}
