package dev.aigov.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.aigov.policy.DataClass;
import dev.aigov.proxy.internal.RefreshedSnapshot;

import org.springframework.stereotype.Service;

/**
 * Creates, lists, revokes and authenticates application keys. A key's secret is 32 random
 * bytes (so a plain SHA-256 is a safe hash: there is nothing to guess), shown once and
 * stored only as its hash. Authentication reads a snapshot held in memory, refreshed from
 * the store after every change here and every {@code aigov.proxy.key-refresh}, so that a
 * key revoked on another instance stops working within that interval.
 */
@Service
public class ApplicationKeys {

	/** Every secret starts with this, so that secret scanners recognise leaked keys. */
	public static final String PREFIX = "aigov-";

	private static final SecureRandom random = new SecureRandom();

	private final ApplicationKeyStore store;

	private final Clock clock;

	private final RefreshedSnapshot<Snapshot> snapshot;

	@org.springframework.beans.factory.annotation.Autowired
	public ApplicationKeys(ApplicationKeyStore store, ProxyProperties properties) {
		this(store, properties, Clock.systemUTC());
	}

	ApplicationKeys(ApplicationKeyStore store, ProxyProperties properties, Clock clock) {
		this.store = store;
		this.clock = clock;
		this.snapshot = new RefreshedSnapshot<>("application keys", this::read, properties.keyRefresh());
	}

	/**
	 * Creates a key.
	 * @return the key as stored and its secret, which cannot be read again
	 * @throws IllegalArgumentException if the specification is invalid
	 */
	public Created create(Specification spec, String createdBy) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		String id = "key-" + java.util.UUID.randomUUID();
		ApplicationKey key = new ApplicationKey(id, spec.application(), hash(secret), spec.allowedModels(),
				spec.allowedDataClasses(), spec.tokenBudget(), spec.budgetPeriod(), spec.requestsPerMinute(),
				this.clock.instant(), createdBy, null);
		this.store.add(key);
		reload();
		return new Created(key, secret);
	}

	/**
	 * Revokes a key; it stops working here at once and on other instances within the
	 * refresh interval.
	 * @return whether a valid key was revoked
	 */
	public boolean revoke(String id) {
		boolean revoked = this.store.revoke(id, this.clock.instant());
		reload();
		return revoked;
	}

	public List<ApplicationKey> list() {
		return this.store.findAll();
	}

	public Optional<ApplicationKey> find(String id) {
		return current().byId().values().stream().filter((key) -> key.id().equals(id)).findFirst();
	}

	/**
	 * The valid key a secret belongs to. The key is found by the SHA-256 of what was
	 * presented, so a lookup's timing can only tell an attacker about the hash of their
	 * own guess; the stored hash is then compared in constant time all the same.
	 * @param secret what the caller presented
	 * @return the key, empty if the secret is unknown or its key revoked
	 */
	public Optional<ApplicationKey> authenticate(String secret) {
		if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
			return Optional.empty();
		}
		String hash = hash(secret);
		ApplicationKey key = current().byHash().get(hash);
		if (key == null || key.revoked() || !MessageDigest.isEqual(key.secretHash().getBytes(StandardCharsets.US_ASCII),
				hash.getBytes(StandardCharsets.US_ASCII))) {
			return Optional.empty();
		}
		return Optional.of(key);
	}

	private Snapshot current() {
		return this.snapshot.get();
	}

	private Snapshot reload() {
		return this.snapshot.reload();
	}

	private Snapshot read() {
		List<ApplicationKey> keys = this.store.findAll();
		return new Snapshot(keys.stream()
			.collect(Collectors.toUnmodifiableMap(ApplicationKey::secretHash, Function.identity(), (a, b) -> a)),
				keys.stream()
					.collect(Collectors.toUnmodifiableMap(ApplicationKey::id, Function.identity(), (a, b) -> a)));
	}

	/**
	 * One digest per thread: looking the algorithm up through the providers on every call
	 * showed in the proxy's profile (about 1 % of its CPU). A digest is reset by
	 * {@code digest()}, so nothing of one secret stays for the next.
	 */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	});

	/** Hex SHA-256 of a secret. */
	static String hash(String secret) {
		return HexFormat.of().formatHex(SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
	}

	private record Snapshot(Map<String, ApplicationKey> byHash, Map<String, ApplicationKey> byId) {
	}

	/**
	 * What an administrator asks for.
	 *
	 * @param application the application's name
	 * @param allowedModels registry model or version ids, {@code *} for every deployed
	 * model
	 * @param allowedDataClasses data classes the application may send
	 * @param tokenBudget tokens per period, {@code 0} for none
	 * @param budgetPeriod the budget's period
	 * @param requestsPerMinute rate limit, {@code 0} for none
	 */
	public record Specification(String application, Set<String> allowedModels, Set<DataClass> allowedDataClasses,
			long tokenBudget, ApplicationKey.BudgetPeriod budgetPeriod, int requestsPerMinute) {

		public Specification {
			if (application == null || !application.matches("[\\p{L}\\p{N} ._-]{1,100}")) {
				throw new IllegalArgumentException(
						"'application' is 1 to 100 letters, digits, spaces, dots, dashes or underscores.");
			}
			allowedModels = new LinkedHashSet<>((allowedModels != null) ? allowedModels : Set.of());
			if (allowedModels.isEmpty()) {
				throw new IllegalArgumentException("'allowedModels' names at least one model (or *).");
			}
			for (String model : allowedModels) {
				if (model == null || !model.matches("\\*|[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
					throw new IllegalArgumentException(
							"'allowedModels' holds model ids such as support-bot, not '" + model + "'.");
				}
			}
			allowedModels = Set.copyOf(allowedModels);
			allowedDataClasses = Set
				.copyOf((allowedDataClasses != null) ? allowedDataClasses : Set.of(DataClass.PUBLIC));
			if (tokenBudget < 0 || requestsPerMinute < 0) {
				throw new IllegalArgumentException("'tokenBudget' and 'requestsPerMinute' are 0 (none) or positive.");
			}
			budgetPeriod = (budgetPeriod != null) ? budgetPeriod : ApplicationKey.BudgetPeriod.DAY;
		}

	}

	/**
	 * A new key.
	 *
	 * @param key as stored
	 * @param secret the secret, shown once
	 */
	public record Created(ApplicationKey key, String secret) {

		@Override
		public String toString() {
			return "Created[" + this.key + "]";
		}

	}

}
