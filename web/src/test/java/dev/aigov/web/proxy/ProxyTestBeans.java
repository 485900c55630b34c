package dev.aigov.web.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aigov.audit.AuditLog;
import dev.aigov.audit.AuditRecord;
import dev.aigov.audit.AuditUnavailableException;
import dev.aigov.detect.Hit;
import dev.aigov.detect.ScanFailedException;
import dev.aigov.detect.TextScanner;
import dev.aigov.policy.DataClass;
import dev.aigov.policy.Finding;
import dev.aigov.policy.RuntimeCall;
import dev.aigov.policy.RuntimeDecision;
import dev.aigov.policy.RuntimePolicy;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Small stand-ins for the detectors, the runtime pack and the audit journal, so that the
 * proxy's own behaviour is tested against the contracts alone. {@code @Primary} so that
 * they also win once the real implementations are on the classpath.
 */
@TestConfiguration(proxyBeanMethods = false)
class ProxyTestBeans {

	@Bean
	@Primary
	TextScanner testScanner() {
		return new RegexScanner();
	}

	@Bean
	@Primary
	RuntimePolicy testPolicy() {
		return new TestPolicy();
	}

	@Bean
	@Primary
	RecordingAuditLog testAuditLog() {
		return new RecordingAuditLog();
	}

	/**
	 * E-mail addresses (PII), AWS access key ids (secret), the marker 機密 / TOP-SECRET,
	 * FAULT-TRIGGER, on which the test pack breaks in an answer, and OVERFLOW-TRIGGER, on
	 * which it overflows its stack; gives up on any text with "said: GIVE-UP" (as a
	 * marker pattern that backtracks without bound would).
	 */
	static final class RegexScanner implements TextScanner {

		private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

		private static final Pattern AWS = Pattern.compile("AKIA[0-9A-Z]{16}");

		private static final Pattern MARKER = Pattern.compile("機密|TOP-SECRET");

		private static final Pattern FAULT = Pattern.compile("FAULT-TRIGGER");

		private static final Pattern OVERFLOW = Pattern.compile("OVERFLOW-TRIGGER");

		@Override
		public List<Hit> scan(CharSequence text) {
			if (text.toString().contains("said: GIVE-UP")) {
				throw new ScanFailedException("the confidential marker pattern TEST gave up on this text");
			}
			List<Hit> hits = new ArrayList<>();
			find(hits, EMAIL.matcher(text), "EMAIL", Hit.Category.PII);
			find(hits, AWS.matcher(text), "AWS_ACCESS_KEY", Hit.Category.SECRET);
			find(hits, MARKER.matcher(text), "CONFIDENTIAL_MARKER", Hit.Category.CONFIDENTIAL);
			find(hits, FAULT.matcher(text), "TEST_FAULT", Hit.Category.PII);
			find(hits, OVERFLOW.matcher(text), "TEST_OVERFLOW", Hit.Category.PII);
			hits.sort((a, b) -> Integer.compare(a.start(), b.start()));
			return hits;
		}

		private static void find(List<Hit> hits, Matcher matcher, String type, Hit.Category category) {
			while (matcher.find()) {
				hits.add(new Hit(type, category, matcher.start(), matcher.end(), 0.99));
			}
		}

	}

	/**
	 * Secrets in a prompt are blocked, marked documents go on-prem, e-mail addresses are
	 * redacted, a secret in an answer is redacted, and a declared RESTRICTED class makes
	 * the pack fail (to test fail-closed).
	 */
	static final class TestPolicy implements RuntimePolicy {

		static final String PACK = "test-pack-1";

		@Override
		public RuntimeDecision evaluate(RuntimeCall call) {
			Set<String> types = new java.util.HashSet<>();
			call.detections().forEach((d) -> types.add(d.type()));
			if (call.declaredDataClass() == DataClass.RESTRICTED) {
				return new RuntimeDecision(RuntimeDecision.Action.ERROR, null, Set.of(), List.of(), PACK,
						"test pack cannot decide on restricted data");
			}
			if (call.direction() == RuntimeCall.Direction.RESPONSE) {
				if (types.contains("TEST_FAULT")) {
					// A fault that escapes the engine, as no real pack's rule should.
					throw new IllegalStateException("test pack broke on an answer");
				}
				if (types.contains("TEST_OVERFLOW")) {
					// What a rule that recurses without end would throw.
					throw new StackOverflowError();
				}
				return types.contains("AWS_ACCESS_KEY")
						? decision(RuntimeDecision.Action.REDACT, null, Set.of("AWS_ACCESS_KEY"), "response.secret")
						: allow();
			}
			if (types.contains("AWS_ACCESS_KEY")) {
				return decision(RuntimeDecision.Action.BLOCK, null, Set.of(), "prompt.secret");
			}
			if (types.contains("CONFIDENTIAL_MARKER") && call.upstream().location() == RuntimeCall.Location.EXTERNAL) {
				return (call.onPremRoute() != null)
						? decision(RuntimeDecision.Action.REROUTE, call.onPremRoute(), Set.of(), "prompt.confidential")
						: decision(RuntimeDecision.Action.BLOCK, null, Set.of(), "prompt.confidential");
			}
			if (types.contains("EMAIL")) {
				return decision(RuntimeDecision.Action.REDACT, null, Set.of("EMAIL"), "prompt.pii");
			}
			return allow();
		}

		private static RuntimeDecision allow() {
			return new RuntimeDecision(RuntimeDecision.Action.ALLOW, null, Set.of(), List.of(), PACK, null);
		}

		private static RuntimeDecision decision(RuntimeDecision.Action action, String route, Set<String> types,
				String rule) {
			Finding finding = new Finding(rule, "runtime", PACK, Finding.Severity.WARN,
					new Finding.Text("Rule " + rule + " fired.", "規則 " + rule + " 觸發。"), java.util.Map.of(),
					new Finding.Text("Remove credentials from the prompt.", "請移除提示中的憑證。"), List.of());
			return new RuntimeDecision(action, route, types, List.of(finding), PACK, null);
		}

	}

	/** Keeps every record in memory; can be told to fail like a full disk. */
	static final class RecordingAuditLog implements AuditLog {

		final List<AuditRecord> records = new CopyOnWriteArrayList<>();

		final AtomicBoolean failing = new AtomicBoolean();

		private final AtomicLong sequence = new AtomicLong();

		@Override
		public AuditReceipt append(AuditRecord record) {
			if (this.failing.get()) {
				throw new AuditUnavailableException("journal is full (test)", null);
			}
			this.records.add(record);
			long n = this.sequence.incrementAndGet();
			return new AuditReceipt(record.requestId(), "test", n, "hash-" + n);
		}

		List<AuditRecord> of(String requestId) {
			return this.records.stream().filter((r) -> requestId.equals(r.requestId())).toList();
		}

	}

}
