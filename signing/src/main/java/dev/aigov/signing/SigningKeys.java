package dev.aigov.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aigov.signing.internal.KeyGeneration;
import dev.aigov.signing.internal.Keys;
import dev.aigov.signing.internal.PrettyJson;
import dev.aigov.signing.internal.PrivateFiles;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * The appliance's signing keys, kept in a PKCS#12 keystore that only the appliance's user
 * can read (mode 0600).
 * <p>
 * On first use the keystore is created with one key of the configured algorithm and a
 * self-signed certificate. Exactly one key is active and signs; {@link #rotate()} makes a
 * new active key and retires the old one, whose private key is removed from the keystore
 * while its certificate (and so its public key) stays for verification. Key ids are RFC
 * 7638 JWK thumbprints. Private keys never leave this object: callers get a
 * {@link JsfSigner}, public keys and a JWKS.
 * <p>
 * The keystore password is taken from {@code aigov.signing.keystore-password}, else from
 * the environment variable {@value #PASSWORD_ENVIRONMENT_VARIABLE}, else from the file
 * {@code <keystore>.password}, which is generated (mode 0600) when the keystore is first
 * created. The password and the private keys are never logged. Thread-safe.
 */
public final class SigningKeys {

	/** The environment variable consulted when no password is configured. */
	public static final String PASSWORD_ENVIRONMENT_VARIABLE = "AIGOV_SIGNING_KEYSTORE_PASSWORD";

	private static final System.Logger LOG = System.getLogger(SigningKeys.class.getName());

	private static final Pattern ALIAS = Pattern.compile("signing-key-(\\d+)");

	private final Path keystore;

	private final char[] password;

	private final JsfAlgorithm algorithm;

	private volatile State state;

	private SigningKeys(Path keystore, char[] password, JsfAlgorithm algorithm) {
		this.keystore = keystore;
		this.password = password;
		this.algorithm = algorithm;
	}

	/**
	 * Open the keystore, creating it (and its directories and password file) when it does
	 * not exist yet.
	 * @param properties where the keystore is, its password, the algorithm for new keys
	 * @return the keys
	 * @throws IllegalStateException when the keystore cannot be opened (wrong password,
	 * damaged file, no password for an existing keystore) or created
	 */
	public static SigningKeys open(SigningProperties properties) {
		return open(properties, System::getenv);
	}

	static SigningKeys open(SigningProperties properties, UnaryOperator<String> environment) {
		Path keystore = properties.keystore().toAbsolutePath().normalize();
		SigningKeys keys = new SigningKeys(keystore, password(properties, keystore, environment),
				properties.algorithm());
		try {
			if (Files.exists(keystore)) {
				if (PrivateFiles.restrict(keystore)) {
					LOG.log(Level.WARNING, "Signing keystore {0} was open to other users; took their access away",
							keystore);
				}
				keys.state = keys.load();
				if (keys.state.active() == null) {
					keys.rotate();
				}
				else if (keys.state.active().algorithm() != properties.algorithm()) {
					LOG.log(Level.INFO, "Active signing key {0} uses {1}; keys created by the next rotation use {2}",
							keys.state.active().keyId(), keys.state.active().algorithm(), properties.algorithm());
				}
			}
			else {
				keys.state = new State(null, List.of());
				keys.rotate();
			}
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot open the signing keystore " + keystore + ": " + ex.getMessage(),
					ex);
		}
		return keys;
	}

	private static char[] password(SigningProperties properties, Path keystore, UnaryOperator<String> environment) {
		if (properties.keystorePassword() != null) {
			return properties.keystorePassword().toCharArray();
		}
		String fromEnvironment = environment.apply(PASSWORD_ENVIRONMENT_VARIABLE);
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment.toCharArray();
		}
		Path file = passwordFile(keystore);
		try {
			if (Files.exists(file)) {
				PrivateFiles.restrict(file);
				return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
			}
			if (Files.exists(keystore)) {
				throw new IllegalStateException("the signing keystore " + keystore
						+ " exists but no password is configured: set aigov.signing.keystore-password or "
						+ PASSWORD_ENVIRONMENT_VARIABLE + " (the generated password file " + file + " is missing)");
			}
			String generated = KeyGeneration.randomPassword();
			PrivateFiles.write(file, generated.getBytes(StandardCharsets.UTF_8));
			LOG.log(Level.INFO,
					"Generated a password for the signing keystore in {0} (mode 0600); set "
							+ "aigov.signing.keystore-password or {1} to supply your own",
					file, PASSWORD_ENVIRONMENT_VARIABLE);
			return generated.toCharArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read or write the keystore password file " + file, ex);
		}
	}

	private static Path passwordFile(Path keystore) {
		return keystore.resolveSibling(keystore.getFileName() + ".password");
	}

	/**
	 * A signer with the active key; it writes {@code keyId} and {@code publicKey}. Ask
	 * again after a rotation: a signer keeps the key it was made with.
	 * @return the signer
	 */
	public JsfSigner activeSigner() {
		return this.state.active().signer();
	}

	/**
	 * The key id (RFC 7638 thumbprint) of the active key.
	 * @return the key id
	 */
	public String activeKeyId() {
		return this.state.active().keyId();
	}

	/**
	 * The keystore file.
	 * @return its absolute path
	 */
	public Path keystore() {
		return this.keystore;
	}

	/**
	 * Make a new active key of the configured algorithm and retire the current one: its
	 * private key is deleted, its certificate stays so that its signatures keep
	 * verifying. The keystore is rewritten atomically.
	 * @return the key id of the new active key
	 * @throws IllegalStateException when the keystore cannot be written
	 */
	public synchronized String rotate() {
		try {
			KeyStore store = Files.exists(this.keystore) ? read() : empty();
			int next = 1;
			for (String alias : Collections.list(store.aliases())) {
				Matcher matcher = ALIAS.matcher(alias);
				if (matcher.matches()) {
					next = Math.max(next, Integer.parseInt(matcher.group(1)) + 1);
				}
				if (store.isKeyEntry(alias)) {
					Certificate certificate = store.getCertificate(alias);
					store.deleteEntry(alias);
					store.setCertificateEntry(alias, certificate);
				}
			}
			KeyPair keyPair = KeyGeneration.generate(this.algorithm);
			String keyId = Keys.thumbprint(Keys.fromPublicKey(keyPair.getPublic()));
			X509Certificate certificate = KeyGeneration.selfSigned(this.algorithm, keyPair,
					"aigov signing key " + keyId);
			String alias = "signing-key-%04d".formatted(next);
			store.setKeyEntry(alias, keyPair.getPrivate(), this.password, new Certificate[] { certificate });
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			store.store(out, this.password);
			PrivateFiles.write(this.keystore, out.toByteArray());
			this.state = load();
			LOG.log(Level.INFO, "Signing key {0} ({1}) is now active in {2}", keyId, this.algorithm, this.keystore);
			return keyId;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot write the signing keystore " + this.keystore, ex);
		}
	}

	/**
	 * The public keys, active first, then the retired ones from newest to oldest, as a
	 * JSON Web Key Set (RFC 7517) with {@code kid}, {@code alg} and {@code use}
	 * ({@code sig}) for each.
	 * @return JSON text
	 */
	public String jwks() {
		List<Map<String, Object>> keys = new ArrayList<>();
		for (Entry entry : this.state.all()) {
			Map<String, Object> jwk = Keys.toJwk(entry.key());
			jwk.put("kid", entry.keyId());
			jwk.put("alg", entry.algorithm().jsfName());
			jwk.put("use", "sig");
			keys.add(jwk);
		}
		Map<String, Object> jwks = new LinkedHashMap<>();
		jwks.put("keys", keys);
		return PrettyJson.write(jwks);
	}

	/**
	 * Find a public key, active or retired, by its key id.
	 * @param keyId the key id
	 * @return the key, or empty when it was never ours
	 */
	public Optional<PublicKey> publicKey(String keyId) {
		return this.state.all()
			.stream()
			.filter((entry) -> entry.keyId().equals(keyId))
			.findFirst()
			.map((entry) -> Keys.toPublicKey(entry.key()));
	}

	/**
	 * All public keys, active and retired, by key id.
	 * @return the keys for a {@link JsfVerifier}
	 */
	public VerificationKeys verificationKeys() {
		VerificationKeys keys = VerificationKeys.none();
		for (Entry entry : this.state.all()) {
			keys = keys.and(VerificationKeys.of(entry.keyId(), Keys.toPublicKey(entry.key())));
		}
		return keys;
	}

	/**
	 * A verifier that accepts signatures made by any of our keys, active or retired.
	 * @return the verifier
	 */
	public JsfVerifier verifier() {
		return JsfVerifier.withKeys(verificationKeys());
	}

	@Override
	public String toString() {
		return "SigningKeys[" + this.keystore + ", active " + this.state.active().keyId() + "]";
	}

	private State load() throws IOException, GeneralSecurityException {
		KeyStore store = read();
		List<Entry> entries = new ArrayList<>();
		Entry active = null;
		for (String alias : Collections.list(store.aliases())) {
			Matcher matcher = ALIAS.matcher(alias);
			int sequence = matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
			Certificate certificate = store.getCertificate(alias);
			if (certificate == null) {
				continue;
			}
			AsymmetricKeyParameter key = Keys.fromPublicKey(certificate.getPublicKey());
			Entry entry = new Entry(sequence, Keys.thumbprint(key), Keys.algorithmOf(key), key, null);
			if (store.isKeyEntry(alias) && (active == null || sequence > active.sequence())) {
				PrivateKey privateKey = (PrivateKey) store.getKey(alias, this.password);
				JsfSigner signer = JsfSigner.of(entry.algorithm(), new KeyPair(certificate.getPublicKey(), privateKey),
						entry.keyId());
				entry = new Entry(sequence, entry.keyId(), entry.algorithm(), key, signer);
				active = entry;
			}
			entries.add(entry);
		}
		entries.sort(Comparator.comparingInt(Entry::sequence).reversed());
		if (active != null) {
			entries.remove(active);
			entries.add(0, active);
		}
		return new State(active, List.copyOf(entries));
	}

	private KeyStore read() throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.keystore)) {
			store.load(in, this.password);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot open the signing keystore " + this.keystore
					+ ": wrong password or damaged file (" + ex.getMessage() + ")");
		}
		return store;
	}

	private KeyStore empty() throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, this.password);
		return store;
	}

	/** The keys as loaded; replaced whole on rotation. */
	private record State(Entry active, List<Entry> all) {
	}

	/** One key: the active one has a signer, retired ones only their public key. */
	private record Entry(int sequence, String keyId, JsfAlgorithm algorithm, AsymmetricKeyParameter key,
			JsfSigner signer) {
	}

}
