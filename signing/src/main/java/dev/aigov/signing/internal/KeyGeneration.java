package dev.aigov.signing.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import dev.aigov.signing.JsfAlgorithm;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * New signing keys and their self-signed certificates (a PKCS#12 key entry needs one),
 * made with a Bouncy Castle provider instance that is never registered globally.
 */
public final class KeyGeneration {

	/** RSA keys we create have this many bits. */
	public static final int RSA_BITS = 3072;

	/**
	 * RFC 5280's "no well-defined expiration date": the keys are retired by rotation, not
	 * dates.
	 */
	private static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

	private static final SecureRandom RANDOM = new SecureRandom();

	private KeyGeneration() {
	}

	/**
	 * Generate a key pair for an algorithm.
	 * @param algorithm the algorithm
	 * @return Ed25519, EC P-256, EC P-384 or RSA-3072 keys
	 */
	public static KeyPair generate(JsfAlgorithm algorithm) {
		try {
			KeyPairGenerator generator;
			switch (algorithm) {
				case ED25519 -> generator = KeyPairGenerator.getInstance("Ed25519", Bc.PROVIDER);
				case ES256, ES384 -> {
					generator = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
					generator.initialize(
							new ECGenParameterSpec((algorithm == JsfAlgorithm.ES256) ? "secp256r1" : "secp384r1"),
							RANDOM);
				}
				default -> {
					generator = KeyPairGenerator.getInstance("RSA", Bc.PROVIDER);
					generator.initialize(RSA_BITS, RANDOM);
				}
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot generate a " + algorithm + " key", ex);
		}
	}

	/**
	 * A self-signed certificate for a signing key.
	 * @param algorithm the key's algorithm
	 * @param keyPair the keys
	 * @param commonName the subject's CN
	 * @return the certificate (JDK provider)
	 */
	public static X509Certificate selfSigned(JsfAlgorithm algorithm, KeyPair keyPair, String commonName) {
		X500Name name = new X500Name("CN=" + commonName.replaceAll("[,+=\"\\\\<>;#]", "_"));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
				new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(now.minus(1, ChronoUnit.MINUTES)),
				Date.from(NO_EXPIRY), name, keyPair.getPublic());
		String signatureAlgorithm = switch (algorithm) {
			case ED25519 -> "Ed25519";
			case ES256 -> "SHA256withECDSA";
			case ES384 -> "SHA384withECDSA";
			case RS256 -> "SHA256withRSA";
		};
		try {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).setProvider(Bc.PROVIDER)
				.build(keyPair.getPrivate());
			return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
		}
		catch (CertIOException | OperatorCreationException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot create the signing key's certificate", ex);
		}
	}

	/**
	 * A random password for a keystore.
	 * @return 32 random bytes in base64url
	 */
	public static String randomPassword() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64Url.encode(bytes);
	}

	/** Created on first use: the provider takes a moment to build. */
	private static final class Bc {

		static final Provider PROVIDER = new BouncyCastleProvider();

	}

}
