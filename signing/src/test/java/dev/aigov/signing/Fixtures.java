package dev.aigov.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** The shared conformance vectors ({@code aigov.shared.dir}) and keys for tests. */
final class Fixtures {

	private Fixtures() {
	}

	static Path shared() {
		return Path.of(System.getProperty("aigov.shared.dir", "../../shared"));
	}

	static Path conformance(String first, String... more) {
		return shared().resolve("conformance").resolve(Path.of(first, more));
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Path> jsfVectors() {
		try (Stream<Path> files = Files.list(conformance("jsf"))) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The public keys of the JSF vectors, without key ids, as an auditor would pass them.
	 */
	static VerificationKeys jsfPemKeys() {
		VerificationKeys keys = VerificationKeys.none();
		for (String name : List.of("ed25519", "p256", "p384", "r2048")) {
			keys = keys.and(VerificationKeys.fromPem(read(conformance("jsf", "keys", name + "publickey.pem"))));
		}
		return keys;
	}

	static KeyPair jsfKeyPair(String name, String algorithm) {
		try {
			KeyFactory factory = KeyFactory.getInstance(algorithm);
			PublicKey publicKey = factory
				.generatePublic(new X509EncodedKeySpec(pem(conformance("jsf", "keys", name + "publickey.pem"))));
			PrivateKey privateKey = factory
				.generatePrivate(new PKCS8EncodedKeySpec(pem(conformance("jsf", "keys", name + "privatekey.pem"))));
			return new KeyPair(publicKey, privateKey);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] pem(Path file) {
		String base64 = read(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return Base64.getDecoder().decode(base64);
	}

}
