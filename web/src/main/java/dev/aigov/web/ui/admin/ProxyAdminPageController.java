package dev.aigov.web.ui.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.aigov.policy.DataClass;
import dev.aigov.proxy.ApplicationKey;
import dev.aigov.proxy.ApplicationKeys;
import dev.aigov.proxy.ProxyProperties;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.web.proxy.ApplicationKeyAdministration;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The policy proxy's administration: application keys (created, shown once, revoked) and
 * the configured routes and upstreams with the model versions deployed on them. Keys go
 * through the same service as the API, so both are audited alike; routes are read-only
 * because they come from the configuration.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class ProxyAdminPageController {

	private static final int PAGE = 1000;

	private final ApplicationKeyAdministration keys;

	private final ProxyProperties properties;

	private final RegistryService registry;

	ProxyAdminPageController(ApplicationKeyAdministration keys, ProxyProperties properties, RegistryService registry) {
		this.keys = keys;
		this.properties = properties;
		this.registry = registry;
	}

	@GetMapping("/admin/proxy/keys")
	String keys(Model model) {
		List<ApplicationKey> all = new ArrayList<>(this.keys.list());
		all.sort(Comparator.comparing(ApplicationKey::revoked)
			.thenComparing(ApplicationKey::createdAt, Comparator.reverseOrder()));
		model.addAttribute("keys", all.stream().map(KeyRow::of).toList());
		model.addAttribute("dataClasses", DataClass.values());
		model.addAttribute("periods", ApplicationKey.BudgetPeriod.values());
		model.addAttribute("knownModels", knownModels());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", KeyForm.empty());
		}
		return "admin/proxy-keys";
	}

	@PostMapping("/admin/proxy/keys")
	String create(@RequestParam(defaultValue = "") String application,
			@RequestParam(defaultValue = "") String allowedModels,
			@RequestParam(required = false) List<DataClass> allowedDataClasses,
			@RequestParam(defaultValue = "") String tokenBudget,
			@RequestParam(defaultValue = "DAY") ApplicationKey.BudgetPeriod budgetPeriod,
			@RequestParam(defaultValue = "") String requestsPerMinute, Authentication authentication, Model model,
			RedirectAttributes redirect) {
		KeyForm form = new KeyForm(application, allowedModels,
				(allowedDataClasses != null) ? EnumSet.copyOf(allowedDataClasses) : EnumSet.noneOf(DataClass.class),
				tokenBudget, budgetPeriod, requestsPerMinute);
		try {
			ApplicationKeys.Created created = this.keys.create(new ApplicationKeys.Specification(application.strip(),
					models(allowedModels), (allowedDataClasses != null) ? Set.copyOf(allowedDataClasses) : Set.of(),
					whole(tokenBudget, "tokenBudget"), budgetPeriod,
					(int) whole(requestsPerMinute, "requestsPerMinute")), authentication.getName());
			redirect.addFlashAttribute("shownOnce", created.secret());
			redirect.addFlashAttribute("shownOnceFor", created.key().application());
			return "redirect:/admin/proxy/keys";
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("createError", ex.getMessage());
			model.addAttribute("form", form);
			return keys(model);
		}
	}

	@PostMapping("/admin/proxy/keys/{id}/revoke")
	String revoke(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		if (this.keys.revoke(id, authentication.getName())) {
			redirect.addFlashAttribute("revoked", id);
		}
		else {
			redirect.addFlashAttribute("notRevoked", id);
		}
		return "redirect:/admin/proxy/keys";
	}

	@GetMapping("/admin/proxy/routes")
	String routes(Model model) {
		Map<String, List<DeploymentRow>> deployed = new TreeMap<>();
		for (ResumeEntity deployment : this.registry.listAll(Kind.DEPLOYMENT)) {
			String route = deployment.text("proxyRoute");
			if (route == null || deployment.fields().get("endedAt") != null) {
				continue;
			}
			deployed.computeIfAbsent(route, (r) -> new ArrayList<>())
				.add(new DeploymentRow(deployment.ref().id(), String.valueOf(deployment.fields().get("modelVersion")),
						text(deployment.fields().get("startedAt"))));
		}
		List<RouteRow> routes = new ArrayList<>();
		new TreeMap<>(this.properties.routes()).forEach((name, route) -> {
			ProxyProperties.Upstream upstream = this.properties.upstreams().get(route.upstream());
			routes.add(new RouteRow(name, route.upstream(), upstream.baseUrl().toString(), upstream.placeName(),
					route.upstreamModel(), upstream.hasCredential(), upstream.timeout().toString(),
					deployed.getOrDefault(name, List.of())));
		});
		Map<String, List<DeploymentRow>> unrouted = new TreeMap<>(deployed);
		unrouted.keySet().removeAll(this.properties.routes().keySet());
		model.addAttribute("routes", routes);
		model.addAttribute("unrouted", unrouted);
		model.addAttribute("upstreams",
				new TreeMap<>(this.properties.upstreams()).entrySet()
					.stream()
					.map((e) -> new UpstreamRow(e.getKey(), e.getValue().baseUrl().toString(), e.getValue().placeName(),
							e.getValue().hasCredential(), e.getValue().connectTimeout().toString(),
							e.getValue().timeout().toString(), e.getValue().idleTimeout().toString(),
							e.getValue().apiVersion()))
					.toList());
		return "admin/proxy-routes";
	}

	private Set<String> knownModels() {
		Set<String> names = new java.util.TreeSet<>();
		this.registry.list(Kind.MODEL, 0, PAGE).forEach((m) -> names.add(m.ref().id()));
		return names;
	}

	private static Set<String> models(String text) {
		Set<String> models = new LinkedHashSet<>();
		Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter((m) -> !m.isEmpty()).forEach(models::add);
		return models;
	}

	private static long whole(String text, String field) {
		String value = text.strip();
		if (value.isEmpty()) {
			return 0;
		}
		try {
			long number = Long.parseLong(value);
			if (number < 0 || number > Integer.MAX_VALUE && "requestsPerMinute".equals(field)) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + field + "' is a whole number, 0 for none.");
		}
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/**
	 * What the new-key form was filled with, shown again after an error.
	 *
	 * @param application the application's name
	 * @param allowedModels model ids separated by commas
	 * @param allowedDataClasses the classes ticked
	 * @param tokenBudget tokens per period as typed
	 * @param budgetPeriod the budget's period
	 * @param requestsPerMinute the rate limit as typed
	 */
	public record KeyForm(String application, String allowedModels, Set<DataClass> allowedDataClasses,
			String tokenBudget, ApplicationKey.BudgetPeriod budgetPeriod, String requestsPerMinute) {

		static KeyForm empty() {
			return new KeyForm("", "", EnumSet.of(DataClass.PUBLIC), "", ApplicationKey.BudgetPeriod.DAY, "");
		}

		public boolean allows(DataClass dataClass) {
			return this.allowedDataClasses.contains(dataClass);
		}

	}

	/**
	 * A key as the page shows it: never its secret or hash.
	 *
	 * @param id public id, as in audit records
	 * @param application its application
	 * @param allowedModels the models it may use
	 * @param allowedDataClasses the data classes it may send
	 * @param tokenBudget tokens per period, 0 for none
	 * @param budgetPeriod the budget's period
	 * @param requestsPerMinute rate limit, 0 for none
	 * @param createdAt when it was created
	 * @param createdBy who created it
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	public record KeyRow(String id, String application, List<String> allowedModels, List<DataClass> allowedDataClasses,
			long tokenBudget, ApplicationKey.BudgetPeriod budgetPeriod, int requestsPerMinute, Instant createdAt,
			String createdBy, Instant revokedAt) {

		static KeyRow of(ApplicationKey key) {
			return new KeyRow(key.id(), key.application(), key.allowedModels().stream().sorted().toList(),
					key.allowedDataClasses().stream().sorted().toList(), key.tokenBudget(), key.budgetPeriod(),
					key.requestsPerMinute(), key.createdAt(), key.createdBy(), key.revokedAt());
		}

		public boolean revoked() {
			return this.revokedAt != null;
		}

	}

	/**
	 * A configured route.
	 *
	 * @param name the route's name, as deployments record it
	 * @param upstream the upstream's name
	 * @param baseUrl where calls go
	 * @param location on-prem or external
	 * @param upstreamModel the model name sent upstream, if different
	 * @param hasCredential whether a server-side credential is configured (never shown)
	 * @param timeout the answer timeout
	 * @param deployments live deployments of model versions on this route
	 */
	public record RouteRow(String name, String upstream, String baseUrl, String location, String upstreamModel,
			boolean hasCredential, String timeout, List<DeploymentRow> deployments) {
	}

	/**
	 * A configured upstream.
	 *
	 * @param name its name in the configuration
	 * @param baseUrl where calls go
	 * @param location on-prem or external
	 * @param hasCredential whether a server-side credential is configured (never shown)
	 * @param connectTimeout to open a connection
	 * @param timeout for the whole answer or its first byte
	 * @param idleTimeout longest silence in a stream
	 * @param azureApiVersion the {@code api-version} of an upstream addressed as Azure
	 * OpenAI's deployments API, else {@code null}
	 */
	public record UpstreamRow(String name, String baseUrl, String location, boolean hasCredential,
			String connectTimeout, String timeout, String idleTimeout, String azureApiVersion) {
	}

	/**
	 * A live deployment on a route.
	 *
	 * @param id the deployment's id
	 * @param modelVersion the deployed version's id
	 * @param startedAt when it started
	 */
	public record DeploymentRow(String id, String modelVersion, String startedAt) {
	}

}
