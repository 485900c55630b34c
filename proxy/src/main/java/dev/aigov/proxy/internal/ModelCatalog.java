package dev.aigov.proxy.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.aigov.policy.RuntimeCall;
import dev.aigov.proxy.ProxyProperties;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which model names the proxy serves: every model version that is {@code deployed} in the
 * registry through a configured route, under its version id and under its model's id (the
 * most recently deployed version). Read from the registry into memory, so that resolving
 * a name costs a map lookup; re-read when the registry says a version was approved,
 * deployed or retired, and every {@code aigov.proxy.catalog-refresh} for changes made on
 * other instances.
 */
@Component
class ModelCatalog {

	private static final Logger logger = LoggerFactory.getLogger(ModelCatalog.class);

	private final RegistryService registry;

	private final ProxyProperties properties;

	private final RefreshedSnapshot<Snapshot> snapshot;

	@org.springframework.beans.factory.annotation.Autowired
	ModelCatalog(RegistryService registry, ProxyProperties properties) {
		this.registry = registry;
		this.properties = properties;
		this.snapshot = snapshots(this::read, properties);
	}

	/** A catalogue over a fixed source, for tests of the proxy without a registry. */
	ModelCatalog(java.util.function.Supplier<Map<String, Served>> source, ProxyProperties properties) {
		this.registry = null;
		this.properties = properties;
		this.snapshot = snapshots(source, properties);
	}

	/**
	 * The deployed version a name stands for.
	 * @return it, or {@code null} if the name is not served
	 */
	Served resolve(String name) {
		return current().byName().get(name);
	}

	/** Every name served, in name order. */
	Map<String, Served> all() {
		return current().byName();
	}

	@EventListener({ ResumeEvents.ModelVersionApproved.class, ResumeEvents.ModelVersionDeployed.class,
			ResumeEvents.ModelVersionRetired.class })
	void registryChanged() {
		reload();
	}

	private Snapshot current() {
		return this.snapshot.get();
	}

	private static RefreshedSnapshot<Snapshot> snapshots(java.util.function.Supplier<Map<String, Served>> source,
			ProxyProperties properties) {
		return new RefreshedSnapshot<>("model catalogue",
				() -> new Snapshot(java.util.Collections.unmodifiableMap(new TreeMap<>(source.get()))),
				properties.catalogRefresh());
	}

	Snapshot reload() {
		return this.snapshot.reload();
	}

	private Map<String, Served> read() {
		Map<String, ResumeEntity> versions = new HashMap<>();
		for (ResumeEntity version : this.registry.listAll(Kind.MODEL_VERSION)) {
			versions.put(version.ref().id(), version);
		}
		// Per version, its live deployments on configured routes, newest first.
		Map<String, List<ResumeEntity>> deployments = new HashMap<>();
		for (ResumeEntity deployment : this.registry.listAll(Kind.DEPLOYMENT)) {
			String route = deployment.text("proxyRoute");
			if (route == null || deployment.fields().get("endedAt") != null) {
				continue;
			}
			if (!this.properties.routes().containsKey(route)) {
				logger.debug("Deployment {} names route '{}', which is not configured", deployment.ref().id(), route);
				continue;
			}
			deployments
				.computeIfAbsent(String.valueOf(deployment.fields().get("modelVersion")), (k) -> new ArrayList<>())
				.add(deployment);
		}
		Map<String, Served> byName = new TreeMap<>();
		Map<String, String> newestStartOfModel = new HashMap<>();
		for (Map.Entry<String, List<ResumeEntity>> entry : deployments.entrySet()) {
			ResumeEntity version = versions.get(entry.getKey());
			if (version == null || !"deployed".equals(String.valueOf(version.fields().get("lifecycleState")))) {
				continue;
			}
			List<ResumeEntity> live = entry.getValue();
			live.sort(Comparator.comparing((ResumeEntity d) -> String.valueOf(d.fields().get("startedAt"))).reversed());
			Set<String> routes = new LinkedHashSet<>();
			live.forEach((d) -> routes.add(d.text("proxyRoute")));
			String route = routes.iterator().next();
			String onPrem = routes.stream()
				.filter((r) -> location(r) == RuntimeCall.Location.ON_PREM)
				.findFirst()
				.orElse(null);
			Object energy = version.fields().get("energyPerInferenceWh");
			Served served = new Served(version.ref().id(), version.ref().iri(), "deployed", Set.copyOf(routes), route,
					onPrem, (energy instanceof Number number) ? number.doubleValue()
							: (energy != null) ? new BigDecimal(energy.toString()).doubleValue() : null);
			byName.put(version.ref().id(), served);
			String model = String.valueOf(version.fields().get("model"));
			String started = String.valueOf(live.get(0).fields().get("startedAt"));
			String newest = newestStartOfModel.get(model);
			if (newest == null || started.compareTo(newest) > 0) {
				newestStartOfModel.put(model, started);
				byName.put(model, served);
			}
		}
		return byName;
	}

	RuntimeCall.Location location(String route) {
		ProxyProperties.Route config = this.properties.routes().get(route);
		return (config != null) ? this.properties.upstreams().get(config.upstream()).place() : null;
	}

	/**
	 * A model version the proxy serves.
	 *
	 * @param versionId its id in the registry
	 * @param versionIri its IRI (audit, transparency header)
	 * @param state its lifecycle state
	 * @param routes the configured routes it is deployed on
	 * @param route the route calls take unless the policy reroutes them (newest
	 * deployment)
	 * @param onPremRoute an on-premises route serving it, {@code null} if none
	 * @param energyWh its energy per inference, if recorded
	 */
	record Served(String versionId, String versionIri, String state, Set<String> routes, String route,
			String onPremRoute, Double energyWh) {
	}

	record Snapshot(Map<String, Served> byName) {
	}

}
