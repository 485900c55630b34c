package dev.aigov.web.proxy;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.aigov.policy.DataClass;
import dev.aigov.proxy.ApplicationKey;
import dev.aigov.proxy.ApplicationKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Application keys for the policy proxy; administrators only. */
@RestController
@RequestMapping("/api/admin/proxy/keys")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Proxy keys", description = "Application keys for the OpenAI-compatible policy proxy (administrators only)")
class ApplicationKeysController {

	private static final String ID = "key-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private final ApplicationKeyAdministration keys;

	ApplicationKeysController(ApplicationKeyAdministration keys) {
		this.keys = keys;
	}

	@GetMapping
	@Operation(summary = "List application keys (never their secrets)")
	List<KeyView> list() {
		return this.keys.list().stream().map(KeyView::of).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read one application key")
	KeyView get(@PathVariable String id) {
		return this.keys.list()
			.stream()
			.filter((key) -> key.id().equals(id))
			.findFirst()
			.map(KeyView::of)
			.orElseThrow(() -> notFound(id));
	}

	@PostMapping
	@Operation(summary = "Create an application key",
			description = "The secret is in this response only; the appliance keeps its SHA-256 hash.")
	ResponseEntity<CreatedKeyView> create(@RequestBody NewKey request, Principal actor) {
		if (request == null) {
			throw new IllegalArgumentException("The request body describes the key.");
		}
		ApplicationKeys.Created created = this.keys
			.create(new ApplicationKeys.Specification(request.application(), request.allowedModels(),
					request.allowedDataClasses(), (request.tokenBudget() != null) ? request.tokenBudget() : 0,
					request.budgetPeriod(), (request.requestsPerMinute() != null) ? request.requestsPerMinute() : 0),
					actor.getName());
		return ResponseEntity.created(URI.create("/api/admin/proxy/keys/" + created.key().id()))
			.body(new CreatedKeyView(KeyView.of(created.key()), created.secret()));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke an application key", description = "It stops working at once on this instance.")
	ResponseEntity<Void> revoke(@PathVariable String id, Principal actor) {
		if (!id.matches(ID) || !this.keys.revoke(id, actor.getName())) {
			throw notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	private static ErrorResponseException notFound(String id) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No valid application key '" + id + "'."), null);
	}

	record NewKey(String application, Set<String> allowedModels, Set<DataClass> allowedDataClasses, Long tokenBudget,
			ApplicationKey.BudgetPeriod budgetPeriod, Integer requestsPerMinute) {
	}

	record KeyView(String id, String application, Set<String> allowedModels, Set<DataClass> allowedDataClasses,
			long tokenBudget, ApplicationKey.BudgetPeriod budgetPeriod, int requestsPerMinute, Instant createdAt,
			String createdBy, Instant revokedAt) {

		static KeyView of(ApplicationKey key) {
			return new KeyView(key.id(), key.application(), key.allowedModels(), key.allowedDataClasses(),
					key.tokenBudget(), key.budgetPeriod(), key.requestsPerMinute(), key.createdAt(), key.createdBy(),
					key.revokedAt());
		}

	}

	record CreatedKeyView(KeyView key, String secret) {
	}

}
