package dev.aigov.proxy.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.aigov.audit.AuditRecord;
import dev.aigov.detect.Hit;
import dev.aigov.detect.Redaction;
import dev.aigov.detect.ScanFailedException;
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

	/** The pseudonyms the upstream was given for the end user. */
	List<String> endUserPseudonyms = List.of();

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

	String errorCode;

	boolean streamed;

	String declaredDataClass;

	int unscannedParts;

	/** Whether the call's audit record was written. */
	boolean audited;

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

	/**
	 * Scans the prompt ({@code request}) or the answer ({@code response}) and records its
	 * hits and its content: the text as seen and with every hit replaced, whatever the
	 * decision.
	 * @param scan runs the detectors over {@code text}
	 * @return the hits
	 * @throws ScanFailedException when the scan cannot finish; the record then keeps the
	 * text for its hash (and in {@code encrypted} mode the text encrypted), with no
	 * redacted form
	 */
	List<Hit> scan(String direction, String text, Supplier<List<Hit>> scan) {
		List<Hit> hits;
		try {
			hits = scan.get();
		}
		catch (ScanFailedException ex) {
			content(direction, (text != null) ? new AuditRecord.Content(text, null) : null);
			throw ex;
		}
		hits(direction, hits);
		content(direction, content(text, hits));
		return hits;
	}

	private void content(String direction, AuditRecord.Content content) {
		if ("request".equals(direction)) {
			this.prompt = content;
		}
		else {
			this.response = content;
		}
	}

	private static AuditRecord.Content content(String text, List<Hit> hits) {
		if (text == null) {
			return null;
		}
		java.util.Set<String> all = new java.util.HashSet<>();
		hits.forEach((hit) -> all.add(hit.type()));
		return new AuditRecord.Content(text, all.isEmpty() ? text : Redaction.of(text, hits, all).text());
	}

	void failed(OpenAiException ex) {
		this.httpStatus = ex.status();
		this.errorType = ex.type();
		this.errorCode = ex.code();
		if (ex.decision() != null) {
			this.decision = ex.decision();
		}
	}

	AuditRecord toAuditRecord() {
		double total = (System.nanoTime() - this.started) / 1e6;
		AuditRecord.Inference inference = new AuditRecord.Inference(this.requestedModel, this.modelVersion, this.route,
				this.upstream, this.packVersion, this.rulesFired, this.decision, this.detections, this.prompt,
				this.response, this.inputTokens, this.outputTokens,
				new AuditRecord.Latency(total, this.upstreamNanos / 1e6, this.policyNanos / 1e6,
						this.timeToFirstTokenMs),
				this.energyWh, this.httpStatus, this.errorType, this.errorCode, this.streamed, this.declaredDataClass,
				this.unscannedParts, this.endUserPseudonyms);
		return new AuditRecord(this.time, this.requestId, "inference", this.action,
				(this.httpStatus < 400) ? "success" : "failure",
				new AuditRecord.Actor(this.key.id(), this.key.application(), this.user, null, this.clientAddress),
				inference, null);
	}

}
