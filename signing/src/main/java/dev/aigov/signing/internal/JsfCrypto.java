package dev.aigov.signing.internal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import dev.aigov.signing.JsfAlgorithm;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.NullDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.BigIntegers;

/**
 * The four JSF algorithms on Bouncy Castle's lightweight API. ECDSA values are IEEE P1363
 * (R || S, each left-padded to the field size), as JWA and JSF require, not DER; ECDSA
 * signing is deterministic (RFC 6979).
 * <p>
 * For ES256, ES384 and RS256 the message digest of the (possibly large) canonical
 * document is computed with the JDK's SHA-2, which uses the CPU's SHA instructions and is
 * many times faster than a pure Java digest; Bouncy Castle signs and verifies that
 * digest. Ed25519 hashes inside Bouncy Castle, as PureEdDSA must.
 */
public final class JsfCrypto {

	private JsfCrypto() {
	}

	/**
	 * Sign data.
	 * @param algorithm the algorithm
	 * @param privateKey private parameters fitting the algorithm
	 * @param data the bytes to sign (the canonical JSON)
	 * @return the signature value
	 */
	public static byte[] sign(JsfAlgorithm algorithm, AsymmetricKeyParameter privateKey, byte[] data) {
		return switch (algorithm) {
			case ED25519 -> {
				// straight from the array: Ed25519Signer would first copy the message
				// into a buffer
				byte[] value = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
				((Ed25519PrivateKeyParameters) privateKey).sign(Ed25519.Algorithm.Ed25519, null, data, 0, data.length,
						value, 0);
				yield value;
			}
			case ES256, ES384 -> {
				ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(kDigest(algorithm)));
				signer.init(true, privateKey);
				BigInteger[] rs = signer.generateSignature(hash(algorithm, data));
				int size = fieldBytes((ECKeyParameters) privateKey);
				byte[] value = new byte[2 * size];
				BigIntegers.asUnsignedByteArray(rs[0], value, 0, size);
				BigIntegers.asUnsignedByteArray(rs[1], value, size, size);
				yield value;
			}
			case RS256 -> {
				RSADigestSigner signer = prehashedRsa();
				signer.init(true, privateKey);
				byte[] hash = hash(algorithm, data);
				signer.update(hash, 0, hash.length);
				try {
					yield signer.generateSignature();
				}
				catch (org.bouncycastle.crypto.CryptoException ex) {
					throw new IllegalStateException("RSA signing failed", ex);
				}
			}
		};
	}

	/**
	 * Why a signature value cannot be right for a key, judged by its length alone.
	 * @param algorithm the algorithm
	 * @param publicKey public parameters fitting the algorithm
	 * @param value the decoded signature value
	 * @return the reason, or {@code null} when the length is right
	 */
	public static String lengthProblem(JsfAlgorithm algorithm, AsymmetricKeyParameter publicKey, byte[] value) {
		int expected = switch (algorithm) {
			case ED25519 -> Ed25519PrivateKeyParameters.SIGNATURE_SIZE;
			case ES256, ES384 -> 2 * fieldBytes((ECKeyParameters) publicKey);
			case RS256 -> (((RSAKeyParameters) publicKey).getModulus().bitLength() + 7) / 8;
		};
		if (value.length == expected) {
			return null;
		}
		return "the signature value has " + value.length + " bytes, " + algorithm.jsfName() + " with this key needs "
				+ expected + ((value.length < expected) ? " (truncated?)" : "");
	}

	/**
	 * Verify a signature value.
	 * @param algorithm the algorithm
	 * @param publicKey public parameters fitting the algorithm
	 * @param data the bytes that were signed
	 * @param value the decoded signature value
	 * @return whether the signature is valid
	 */
	public static boolean verify(JsfAlgorithm algorithm, AsymmetricKeyParameter publicKey, byte[] data, byte[] value) {
		if (lengthProblem(algorithm, publicKey, value) != null) {
			return false;
		}
		try {
			return switch (algorithm) {
				case ED25519 -> ((Ed25519PublicKeyParameters) publicKey).verify(Ed25519.Algorithm.Ed25519, null, data,
						0, data.length, value, 0);
				case ES256, ES384 -> {
					int size = value.length / 2;
					ECDSASigner verifier = new ECDSASigner();
					verifier.init(false, publicKey);
					yield verifier.verifySignature(hash(algorithm, data), new BigInteger(1, value, 0, size),
							new BigInteger(1, value, size, size));
				}
				case RS256 -> {
					RSADigestSigner verifier = prehashedRsa();
					verifier.init(false, publicKey);
					byte[] hash = hash(algorithm, data);
					verifier.update(hash, 0, hash.length);
					yield verifier.verifySignature(value);
				}
			};
		}
		catch (RuntimeException ex) {
			// Malformed values make some verifiers throw instead of answering false.
			return false;
		}
	}

	/**
	 * The digest RFC 6979 derives the nonce with (it only ever sees the short message
	 * hash).
	 */
	private static Digest kDigest(JsfAlgorithm algorithm) {
		return (algorithm == JsfAlgorithm.ES384) ? new SHA384Digest() : new SHA256Digest();
	}

	private static byte[] hash(JsfAlgorithm algorithm, byte[] data) {
		try {
			return MessageDigest.getInstance((algorithm == JsfAlgorithm.ES384) ? "SHA-384" : "SHA-256").digest(data);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-2", ex);
		}
	}

	/** PKCS#1 v1.5 over a SHA-256 digest that is already computed. */
	private static RSADigestSigner prehashedRsa() {
		return new RSADigestSigner(new NullDigest(), NISTObjectIdentifiers.id_sha256);
	}

	private static int fieldBytes(ECKeyParameters key) {
		return (key.getParameters().getCurve().getFieldSize() + 7) / 8;
	}

}
