package dev.aigov.web.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import dev.aigov.audit.AuditLog;
import dev.aigov.audit.AuditRecord;
import dev.aigov.audit.AuditUnavailableException;
import dev.aigov.policy.PackActivation;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.ResumeEvents;
import dev.aigov.reports.ReportGenerated;
import dev.aigov.web.account.AccountEvents;
import dev.aigov.web.keys.SigningKeyRotated;
import dev.aigov.web.proxy.ApplicationKeyEvents;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records administrative events in the audit log (category {@code admin}): résumé changes
 * and the workflow (submitted, withdrawn, approved, rejected, deployed, retired), policy
 * pack activations (accepted or refused), report exports, account changes, application
 * keys, interactive sign-ins, API sign-ins (HTTP basic: the first per user and client
 * address in each {@value #API_SIGN_IN_WINDOW_MINUTES} minutes, since every API request
 * authenticates), every failed sign-in, and signing key rotation. The events arrive after
 * the change was made, so a refused append cannot undo it: {@link AuditGateFilter}
 * refuses changes while the journal cannot be written, and a refused append is logged as
 * an error and counted.
 */
@Component
class AdminEventAuditor {

	private static final Logger logger = LoggerFactory.getLogger(AdminEventAuditor.class);

	static final int API_SIGN_IN_WINDOW_MINUTES = 60;

	private static final int API_SIGN_INS_REMEMBERED = 10_000;

	private final AuditLog log;

	/** When each user last got an API sign-in record from each address. */
	private final Map<String, Instant> apiSignIns = new java.util.concurrent.ConcurrentHashMap<>();

	AdminEventAuditor(AuditLog log) {
		this.log = log;
	}

	@EventListener
	void on(ResumeEvents.ModelVersionSubmitted event) {
		record(event.at(), "model-version.submitted", event.actor(), "success",
				Map.of("model_version", event.version().iri()));
	}

	@EventListener
	void on(ResumeEvents.ModelVersionWithdrawn event) {
		record(event.at(), "model-version.withdrawn", event.actor(), "success",
				Map.of("model_version", event.version().iri()));
	}

	@EventListener
	void on(ResumeEvents.ModelVersionApproved event) {
		record(event.at(), "model-version.approved", event.actor(), "success",
				Map.of("model_version", event.version().iri(), "approval", event.approval().iri()));
	}

	@EventListener
	void on(ResumeEvents.ModelVersionRejected event) {
		record(event.at(), "model-version.rejected", event.actor(), "success",
				Map.of("model_version", event.version().iri(), "approval", event.approval().iri()));
	}

	@EventListener
	void on(ResumeEvents.ModelVersionDeployed event) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("model_version", event.version().iri());
		details.put("deployment", event.deployment().iri());
		putIfPresent(details, "environment", event.environment());
		putIfPresent(details, "proxy_route", event.proxyRoute());
		record(event.at(), "model-version.deployed", event.actor(), "success", details);
	}

	@EventListener
	void on(ResumeEvents.ModelVersionRetired event) {
		record(event.at(), "model-version.retired", event.actor(), "success",
				Map.of("model_version", event.version().iri()));
	}

	@EventListener
	void on(AccountEvents.AccountCreated event) {
		record(event.at(), "account.created", event.actor(), "success",
				Map.of("account", event.username(), "roles", new TreeSet<>(event.roles()).toString()));
	}

	@EventListener
	void on(AccountEvents.AccountChanged event) {
		record(event.at(), "account.changed", event.actor(), "success", Map.of("account", event.username(), "roles",
				new TreeSet<>(event.roles()).toString(), "enabled", Boolean.toString(event.enabled())));
	}

	@EventListener
	void on(AccountEvents.PasswordChanged event) {
		record(event.at(), "account.password-changed", event.actor(), "success", Map.of("account", event.username()));
	}

	@EventListener
	void on(InteractiveAuthenticationSuccessEvent event) {
		record(Instant.ofEpochMilli(event.getTimestamp()), "user.signed-in",
				bounded(event.getAuthentication().getName()), "success", Map.of());
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		if (!basicAuthenticated()) {
			return;
		}
		String user = bounded(event.getAuthentication().getName());
		Instant at = Instant.ofEpochMilli(event.getTimestamp());
		String key = user + " " + clientAddress();
		Instant last = this.apiSignIns.get(key);
		if (last != null && last.plus(java.time.Duration.ofMinutes(API_SIGN_IN_WINDOW_MINUTES)).isAfter(at)) {
			return;
		}
		if (this.apiSignIns.size() >= API_SIGN_INS_REMEMBERED) {
			this.apiSignIns.clear();
		}
		this.apiSignIns.put(key, at);
		record(at, "user.api-signed-in", user, "success", Map.of("method", "basic"));
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		record(Instant.ofEpochMilli(event.getTimestamp()), "user.sign-in-failed",
				bounded(event.getAuthentication().getName()), "failure",
				Map.of("reason", event.getException().getClass().getSimpleName()));
	}

	@EventListener
	void on(ApplicationKeyEvents.KeyCreated event) {
		record(event.at(), "application-key.created", event.actor(), "success",
				Map.of("key_id", event.keyId(), "application", event.application(), "allowed_models",
						new TreeSet<>(event.allowedModels()).toString(), "allowed_data_classes",
						new TreeSet<>(event.allowedDataClasses()).toString()));
	}

	@EventListener
	void on(ApplicationKeyEvents.KeyRevoked event) {
		record(event.at(), "application-key.revoked", event.actor(), "success",
				Map.of("key_id", event.keyId(), "application", event.application()));
	}

	@EventListener
	void on(SigningKeyRotated event) {
		record(event.at(), "signing-key.rotated", event.actor(), "success",
				Map.of("active_key_id", event.activeKeyId(), "previous_key_id", event.previousKeyId()));
	}

	/** Entities registered, revised or imported (ids only, never their content). */
	@EventListener
	void on(ResumeEvents.ResumeChanged event) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("entities", String.join(" ", event.entities().stream().map(EntityRef::iri).toList()));
		if (!event.versions().isEmpty()) {
			details.put("model_versions", String.join(" ", event.versions().stream().map(EntityRef::iri).toList()));
		}
		record(event.at(), "resume.changed", event.actor(), "success", details);
	}

	/** Every attempt to activate a policy pack, accepted or refused. */
	@EventListener
	void on(PackActivation event) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("pack", event.name());
		putIfPresent(details, "pack_version", event.version());
		putIfPresent(details, "replaced_version", event.replaced());
		putIfPresent(details, "origin", event.origin());
		putIfPresent(details, "reason", bounded(event.reason(), 2000));
		record(event.at(), event.accepted() ? "policy-pack.activated" : "policy-pack.rejected", event.actor(),
				event.accepted() ? "success" : "failure", details);
	}

	@EventListener
	void on(ReportGenerated event) {
		record(event.generatedAt(), "report.generated", event.generatedBy(), "success",
				Map.of("report", event.reportId(), "report_type",
						event.type().name().toLowerCase(java.util.Locale.ROOT), "subject", event.subject(),
						"manifest_sha256", event.manifestSha256()));
	}

	private void record(Instant at, String action, String actor, String outcome, Map<String, String> details) {
		AuditRecord record = new AuditRecord((at != null) ? at : Instant.now(), null, "admin", action, outcome,
				new AuditRecord.Actor(null, null, actor, null, clientAddress()), null, details);
		try {
			this.log.append(record);
		}
		catch (AuditUnavailableException ex) {
			logger.error("Could not audit the administrative event {}: {}", action, ex.getMessage());
		}
	}

	private static boolean basicAuthenticated() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			String header = attributes.getRequest().getHeader("Authorization");
			return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
		}
		return false;
	}

	private static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

	/**
	 * A user name given at sign-in is attacker-controlled: keep it short and printable.
	 */
	private static String bounded(String value) {
		return bounded(value, 128);
	}

	private static String bounded(String value, int max) {
		if (value == null) {
			return null;
		}
		String clean = value.replaceAll("\\p{Cntrl}", "_");
		return (clean.length() > max) ? clean.substring(0, max) : clean;
	}

	private static void putIfPresent(Map<String, String> map, String name, String value) {
		if (value != null) {
			map.put(name, value);
		}
	}

}
