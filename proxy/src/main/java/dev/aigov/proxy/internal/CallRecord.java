package dev.aigov.proxy.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.aigov.audit.AuditRecord;
import dev.aigov.detect.Hit;
import dev.aigov.detect.Redaction;
import dev.aigov.policy.Finding;
import dev.aigov.policy.RuntimeDecision;
import dev.aigov.proxy.ApplicationKey;

/**
 * What is known about one call as it proceeds, turned into exactly one
 * {@link AuditRecord} at the end. Used by the one thread handling the call.
 */
final class CallRecord {

	final Instant time = Instant.now();

	final long started = System.nanoTime();

	final String requestId;

	final String action;

	final ApplicationKey key;

	final String clientAddress;

	String user;

	String requestedModel;

	String modelVersion;

	String route;

	String upstream;

	String packVersion;

	final List<String> rulesFired = new ArrayList<>();

	String decision = "allow";

	final List<AuditRecord.DetectorHit> detections = new ArrayList<>();

	AuditRecord.Content prompt;

	AuditRecord.Content response;

	long inputTokens;

	long outputTokens;

	long upstreamNanos;

	long policyNanos;

	Double timeToFirstTokenMs;

	Double energyWh;

	int httpStatus = 200;

	String errorType;

	boolean streamed;

	CallRecord(String requestId, String action, ApplicationKey key, String clientAddress) {
		this.requestId = requestId;
		this.action = action;
		this.key = key;
		this.clientAddress = clientAddress;
	}

	void decided(RuntimeDecision decision) {
		if (decision.packVersion() != null) {
			this.packVersion = decision.packVersion();
		}
		for (Finding finding : decision.findings()) {
			if (!this.rulesFired.contains(finding.ruleId())) {
				this.rulesFired.add(finding.ruleId());
			}
		}
	}

	void hits(String direction, List<Hit> hits) {
		for (Hit hit : hits) {
			this.detections
				.add(new AuditRecord.DetectorHit(direction, hit.type(), hit.start(), hit.end(), hit.confidence()));
		}
	}

	/** The text as seen and with every hit replaced, whatever the decision. */
	static AuditRecord.Content content(String text, List<Hit> hits) {
		if (text == null) {
			return null;
		}
		java.util.Set<String> all = new java.util.HashSet<>();
		hits.forEach((hit) -> all.add(hit.type()));
		return new AuditRecord.Content(text, all.isEmpty() ? text : Redaction.of(text, hits, all).text());
	}

	/**
	 * A text the detectors could not finish checking: the audit log keeps its hash and
	 * length (and in {@code encrypted} mode the text encrypted), no redacted form.
	 */
	static AuditRecord.Content unchecked(String text) {
		return (text != null) ? new AuditRecord.Content(text, null) : null;
	}

	void failed(OpenAiException ex) {
		this.httpStatus = ex.status();
		this.errorType = ex.type();
		if (ex.decision() != null) {
			this.decision = ex.decision();
		}
	}

	AuditRecord toAuditRecord() {
		double total = (System.nanoTime() - this.started) / 1e6;
		AuditRecord.Inference inference = new AuditRecord.Inference(this.requestedModel, this.modelVersion, this.route,
				this.upstream, this.packVersion, this.rulesFired, this.decision, this.detections, this.prompt,
				this.response, this.inputTokens, this.outputTokens, new AuditRecord.Latency(total,
						this.upstreamNanos / 1e6, this.policyNanos / 1e6, this.timeToFirstTokenMs),
				this.energyWh, this.httpStatus, this.errorType, this.streamed);
		return new AuditRecord(this.time, this.requestId, "inference", this.action,
				(this.httpStatus < 400) ? "success" : "failure",
				new AuditRecord.Actor(this.key.id(), this.key.application(), this.user, null, this.clientAddress),
				inference, null);
	}

}
