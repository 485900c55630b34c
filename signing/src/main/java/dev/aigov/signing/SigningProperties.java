package dev.aigov.signing;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the appliance keeps its signing keys and how it makes new ones.
 *
 * @param keystore the PKCS#12 keystore, created with its directories on first start
 * (default {@code data/keys/signing.p12}; the application sets
 * {@code ${aigov.data-dir}/keys/signing.p12})
 * @param keystorePassword the keystore password; when unset, the environment variable
 * {@code AIGOV_SIGNING_KEYSTORE_PASSWORD} is used, else a generated password kept in
 * {@code <keystore>.password} (mode 0600) next to the keystore
 * @param algorithm the algorithm of keys created from now on (first start,
 * {@code rotate()}): {@code Ed25519} (default), {@code ES256}, {@code ES384} or
 * {@code RS256}
 */
@ConfigurationProperties(prefix = "aigov.signing")
public record SigningProperties(Path keystore, String keystorePassword, JsfAlgorithm algorithm) {

	/** The keystore path used when none is configured. */
	public static final Path DEFAULT_KEYSTORE = Path.of("data", "keys", "signing.p12");

	/**
	 * Apply the defaults.
	 */
	public SigningProperties {
		keystore = (keystore != null) ? keystore : DEFAULT_KEYSTORE;
		keystorePassword = (keystorePassword != null && !keystorePassword.isBlank()) ? keystorePassword : null;
		algorithm = (algorithm != null) ? algorithm : JsfAlgorithm.ED25519;
	}

	/**
	 * Properties with the defaults for everything but the keystore path.
	 * @param keystore the keystore path
	 * @return the properties
	 */
	public static SigningProperties of(Path keystore) {
		return new SigningProperties(keystore, null, null);
	}

	@Override
	public String toString() {
		// Records print every component; the password must never reach a log.
		return "SigningProperties[keystore=" + this.keystore + ", keystorePassword="
				+ ((this.keystorePassword != null) ? "******" : "unset") + ", algorithm=" + this.algorithm + "]";
	}

}
