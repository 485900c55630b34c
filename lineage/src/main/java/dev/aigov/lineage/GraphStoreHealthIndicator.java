package dev.aigov.lineage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the graph store as the {@code graphStore} health component: UP when the
 * {@link GraphStores#LINEAGE lineage} and {@link GraphStores#SYSTEM system} datasets, and
 * any other dataset opened so far, answer a probe; DOWN with the reason otherwise. The
 * details map each dataset to where it lives; they never contain credentials.
 */
class GraphStoreHealthIndicator implements HealthIndicator {

	private final GraphStores graphStores;

	GraphStoreHealthIndicator(GraphStores graphStores) {
		this.graphStores = graphStores;
	}

	@Override
	public Health health() {
		Set<String> datasets = new TreeSet<>(Set.of(GraphStores.LINEAGE, GraphStores.SYSTEM));
		datasets.addAll(this.graphStores.openDatasets());
		Map<String, Object> details = new LinkedHashMap<>();
		StringBuilder reasons = new StringBuilder();
		for (String dataset : datasets) {
			try {
				GraphStore store = this.graphStores.store(dataset);
				details.put(dataset, store.description());
				store.probe();
			}
			catch (RuntimeException ex) {
				details.putIfAbsent(dataset, "unavailable");
				reasons.append(reasons.isEmpty() ? "" : "; ").append(dataset).append(": ").append(ex.getMessage());
			}
		}
		if (!reasons.isEmpty()) {
			return Health.down().withDetails(details).withDetail("reason", reasons.toString()).build();
		}
		return Health.up().withDetails(details).build();
	}

}
