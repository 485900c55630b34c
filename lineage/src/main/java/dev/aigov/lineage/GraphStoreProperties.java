package dev.aigov.lineage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * Where the graph store lives. Without any setting, datasets are TDB2 directories under
 * {@code data/tdb2} in the working directory; setting {@code aigov.graph.endpoint}
 * switches every dataset to a remote Fuseki server instead.
 *
 * @param location the directory holding one TDB2 directory per dataset (embedded mode);
 * relative paths resolve against the working directory
 * @param endpoint the Fuseki server's base URL, such as {@code http://fuseki:3030};
 * dataset {@code name} is served at {@code <endpoint>/<name>}. When set, remote mode is
 * used and {@code location} is ignored
 * @param username the user for HTTP basic authentication to the endpoint, or {@code null}
 * @param password the password for {@code username}; never logged
 * @param connectTimeout how long to wait for a TCP connection to the endpoint; also the
 * time limit of a {@linkplain GraphStore#probe() health probe}
 */
@ConfigurationProperties(prefix = "aigov.graph")
public record GraphStoreProperties(@DefaultValue(DEFAULT_LOCATION) Path location, URI endpoint, String username,
		String password, @DefaultValue(DEFAULT_CONNECT_TIMEOUT) Duration connectTimeout) {

	static final String DEFAULT_LOCATION = "data/tdb2";

	static final String DEFAULT_CONNECT_TIMEOUT = "10s";

	/**
	 * Validates the settings and fills in defaults for {@code null} ones, so that the
	 * record can also be built by hand.
	 * @throws IllegalArgumentException if the endpoint is not a plain http(s) URL, holds
	 * credentials, or a username comes without a password (or the other way round)
	 */
	public GraphStoreProperties {
		location = (location != null) ? location : Path.of(DEFAULT_LOCATION);
		connectTimeout = (connectTimeout != null) ? connectTimeout
				: DurationStyle.detectAndParse(DEFAULT_CONNECT_TIMEOUT);
		// An empty environment variable binds as an empty value: treat it as unset.
		endpoint = (endpoint != null && endpoint.toString().isBlank()) ? null : endpoint;
		username = (username != null && username.isBlank()) ? null : username;
		password = (password != null && password.isEmpty()) ? null : password;
		if (endpoint != null) {
			checkEndpoint(endpoint);
		}
		if ((username == null) != (password == null)) {
			throw new IllegalArgumentException(
					"aigov.graph.username and aigov.graph.password must be set together, or neither");
		}
		if (connectTimeout.isNegative() || connectTimeout.isZero()) {
			throw new IllegalArgumentException("aigov.graph.connect-timeout must be positive, not " + connectTimeout);
		}
	}

	private static void checkEndpoint(URI endpoint) {
		String scheme = endpoint.getScheme();
		if (!endpoint.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
				|| endpoint.getHost() == null) {
			throw new IllegalArgumentException(
					"aigov.graph.endpoint must be an http or https URL such as http://localhost:3030, not " + endpoint);
		}
		if (endpoint.getRawUserInfo() != null) {
			throw new IllegalArgumentException(
					"aigov.graph.endpoint must not contain credentials; use aigov.graph.username and aigov.graph.password");
		}
		if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
			throw new IllegalArgumentException(
					"aigov.graph.endpoint must be the server's base URL, without query or fragment, not " + endpoint);
		}
	}

	/**
	 * Settings for TDB2 datasets under {@code location}.
	 * @param location the directory holding one TDB2 directory per dataset
	 * @return the settings
	 */
	public static GraphStoreProperties embedded(Path location) {
		return new GraphStoreProperties(location, null, null, null, null);
	}

	/**
	 * Settings for the datasets of a remote Fuseki server.
	 * @param endpoint the server's base URL
	 * @param username the basic-auth user, or {@code null} for none
	 * @param password the basic-auth password, or {@code null} for none
	 * @return the settings
	 */
	public static GraphStoreProperties remote(URI endpoint, String username, String password) {
		return new GraphStoreProperties(null, endpoint, username, password, null);
	}

	/**
	 * Whether datasets live on a remote endpoint rather than in TDB2.
	 * @return {@code true} when an endpoint is set
	 */
	public boolean isRemote() {
		return this.endpoint != null;
	}

	@Override
	public String toString() {
		return "GraphStoreProperties[location=" + this.location + ", endpoint=" + this.endpoint + ", username="
				+ this.username + ", password=" + ((this.password != null) ? "******" : null) + ", connectTimeout="
				+ this.connectTimeout + "]";
	}

}
