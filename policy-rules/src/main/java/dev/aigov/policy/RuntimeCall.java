package dev.aigov.policy;

import java.util.List;
import java.util.Set;

/**
 * What the runtime pack knows about one inference call (or its response), as plain facts.
 * The proxy fills it in; the runtime pack decides on it. No value of the prompt itself is
 * ever part of it: detections carry only their type, class and count.
 *
 * @param requestId the call's request id
 * @param direction whether the prompt or the response is being decided on
 * @param applicationId the application the key belongs to
 * @param keyId the application key's public id
 * @param allowedModels model names the key may use (empty: none)
 * @param allowedDataClasses data classes the key may send
 * @param requestedModel the model name the caller asked for
 * @param modelVersion IRI of the model version the name resolved to, {@code null} if none
 * @param versionState the version's lifecycle state in the registry ({@code approved},
 * {@code deployed}, ...), {@code null} if unresolved
 * @param deployedRoutes the proxy routes the version is deployed on
 * @param route the route the call would take
 * @param upstream where that route leads
 * @param onPremRoute an on-premises route serving the same version, {@code null} if none
 * @param declaredDataClass the classification the caller declared (header), {@code null}
 * if none
 * @param detections what the in-process detectors found
 * @param tokensRequested tokens this call may consume (prompt estimate plus max output)
 * @param tokensUsed tokens the key has used in its current budget period
 * @param tokenBudget the key's budget per period, {@code 0} for none
 * @param unscannedParts parts of the prompt no detector can read (images, audio, files),
 * sent as they are unless a rule decides otherwise
 */
public record RuntimeCall(String requestId, Direction direction, String applicationId, String keyId,
		Set<String> allowedModels, Set<DataClass> allowedDataClasses, String requestedModel, String modelVersion,
		String versionState, Set<String> deployedRoutes, String route, Upstream upstream, String onPremRoute,
		DataClass declaredDataClass, List<Detection> detections, long tokensRequested, long tokensUsed,
		long tokenBudget, int unscannedParts) {

	public RuntimeCall {
		allowedModels = Set.copyOf(allowedModels);
		allowedDataClasses = Set.copyOf(allowedDataClasses);
		deployedRoutes = Set.copyOf(deployedRoutes);
		detections = List.copyOf(detections);
	}

	/** Which way the text flows. */
	public enum Direction {

		REQUEST, RESPONSE

	}

	/**
	 * Where a route leads.
	 *
	 * @param name the upstream's configured name
	 * @param location on the organisation's premises or at an external provider
	 */
	public record Upstream(String name, Location location) {
	}

	/** Whether data leaves the organisation on the way to an upstream. */
	public enum Location {

		ON_PREM, EXTERNAL

	}

	/**
	 * One type of detector hit in the text, never its value.
	 *
	 * @param type e.g. {@code EMAIL}, {@code TW_NATIONAL_ID}, {@code AWS_ACCESS_KEY}
	 * @param dataClass the class such data belongs to
	 * @param count how many hits of the type
	 */
	public record Detection(String type, DataClass dataClass, int count) {
	}

}
