package dev.aigov.signing.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.aigov.signing.JsfAlgorithm;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * Public keys between their forms: JDK {@link PublicKey}, X.509 SubjectPublicKeyInfo, JWK
 * (RFC 7517, the {@code publicKey} of JSF) and Bouncy Castle's lightweight parameters,
 * which do the actual cryptography. Also the RFC 7638 thumbprint that serves as our key
 * id.
 */
public final class Keys {

	/** RSA moduli below this many bits are refused. */
	public static final int MIN_RSA_BITS = 2048;

	private static final ECNamedDomainParameters P256 = named(SECObjectIdentifiers.secp256r1);

	private static final ECNamedDomainParameters P384 = named(SECObjectIdentifiers.secp384r1);

	private Keys() {
	}

	private static ECNamedDomainParameters named(ASN1ObjectIdentifier oid) {
		X9ECParameters curve = CustomNamedCurves.getByOID(oid); // the fast
																// implementations
		return new ECNamedDomainParameters(oid, curve);
	}

	/**
	 * Bouncy Castle parameters of a JDK public key of any provider.
	 * @param key an Ed25519, EC (P-256, P-384) or RSA key
	 * @return the parameters
	 * @throws IllegalArgumentException for other keys
	 */
	public static AsymmetricKeyParameter fromPublicKey(PublicKey key) {
		return fromSubjectPublicKeyInfo(key.getEncoded());
	}

	/**
	 * Bouncy Castle parameters of a DER SubjectPublicKeyInfo.
	 * @param der the encoded key
	 * @return the parameters, EC keys with their named curve
	 * @throws IllegalArgumentException when the key is malformed or of a kind we do not
	 * support
	 */
	public static AsymmetricKeyParameter fromSubjectPublicKeyInfo(byte[] der) {
		try {
			return supported(PublicKeyFactory.createKey(der));
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("not a usable public key (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Bouncy Castle parameters of the key in an X.509 certificate. Dates, extensions and
	 * the issuer's signature are not looked at.
	 * @param der the encoded certificate
	 * @return the subject's public key
	 * @throws IllegalArgumentException when the certificate cannot be read
	 */
	public static AsymmetricKeyParameter fromCertificate(byte[] der) {
		SubjectPublicKeyInfo info;
		try {
			info = new X509CertificateHolder(der).getSubjectPublicKeyInfo();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("not an X.509 certificate");
		}
		try {
			return supported(PublicKeyFactory.createKey(info));
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("the certificate's key is not usable (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Bouncy Castle parameters of a JDK private key.
	 * @param key an Ed25519, EC or RSA private key
	 * @return the parameters
	 */
	public static AsymmetricKeyParameter fromPrivateKey(PrivateKey key) {
		try {
			return PrivateKeyFactory.createKey(key.getEncoded());
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("unsupported private key " + key.getAlgorithm());
		}
	}

	private static AsymmetricKeyParameter supported(AsymmetricKeyParameter key) {
		if (key instanceof Ed25519PublicKeyParameters) {
			return key;
		}
		if (key instanceof ECPublicKeyParameters ec) {
			ECNamedDomainParameters curve = curveOf(ec.getParameters());
			if (curve == null) {
				throw new IllegalArgumentException("EC keys must be on P-256 or P-384");
			}
			return new ECPublicKeyParameters(ec.getQ(), curve);
		}
		if (key instanceof RSAKeyParameters rsa && !rsa.isPrivate()) {
			return key;
		}
		throw new IllegalArgumentException("only Ed25519, EC P-256/P-384 and RSA keys are supported");
	}

	private static ECNamedDomainParameters curveOf(ECDomainParameters parameters) {
		for (ECNamedDomainParameters known : new ECNamedDomainParameters[] { P256, P384 }) {
			if (parameters instanceof ECNamedDomainParameters named && named.getName().equals(known.getName())) {
				return known;
			}
			if (parameters.getCurve().equals(known.getCurve()) && parameters.getG().equals(known.getG())) {
				return known;
			}
		}
		return null;
	}

	/**
	 * The JDK form of a public key (JDK providers).
	 * @param key the parameters
	 * @return the key
	 */
	public static PublicKey toPublicKey(AsymmetricKeyParameter key) {
		try {
			byte[] der = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded();
			String algorithm = switch (key) {
				case Ed25519PublicKeyParameters ignored -> "Ed25519";
				case ECPublicKeyParameters ignored -> "EC";
				default -> "RSA";
			};
			return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot express the key as a JDK PublicKey", ex);
		}
	}

	/**
	 * Read a public JWK (RFC 7517): OKP Ed25519, EC P-256/P-384 or RSA. Members other
	 * than the key's own ({@code kid}, {@code alg}, {@code use}, ...) are ignored;
	 * private members are refused.
	 * @param jwk the JWK object
	 * @return the parameters
	 * @throws IllegalArgumentException with the reason when the JWK is not a usable
	 * public key
	 */
	public static AsymmetricKeyParameter fromJwk(Map<?, ?> jwk) {
		if (jwk.containsKey("d")) {
			throw new IllegalArgumentException("the JWK contains private key material (\"d\")");
		}
		String kty = member(jwk, "kty");
		switch (kty) {
			case "OKP" -> {
				String crv = member(jwk, "crv");
				if (!"Ed25519".equals(crv)) {
					throw new IllegalArgumentException("OKP curve \"" + crv + "\" is not supported (only Ed25519)");
				}
				byte[] x = binary(jwk, "x");
				if (x.length != Ed25519PublicKeyParameters.KEY_SIZE) {
					throw new IllegalArgumentException("Ed25519 \"x\" must be 32 bytes, found " + x.length);
				}
				return new Ed25519PublicKeyParameters(x, 0);
			}
			case "EC" -> {
				String crv = member(jwk, "crv");
				ECNamedDomainParameters curve = switch (crv) {
					case "P-256" -> P256;
					case "P-384" -> P384;
					default -> throw new IllegalArgumentException(
							"EC curve \"" + crv + "\" is not supported (P-256 or P-384)");
				};
				int size = (curve.getCurve().getFieldSize() + 7) / 8;
				byte[] x = binary(jwk, "x");
				byte[] y = binary(jwk, "y");
				if (x.length != size || y.length != size) {
					throw new IllegalArgumentException(crv + " coordinates must be " + size + " bytes each");
				}
				try {
					ECPoint point = curve.getCurve().createPoint(new BigInteger(1, x), new BigInteger(1, y));
					return new ECPublicKeyParameters(point, curve);
				}
				catch (RuntimeException ex) {
					throw new IllegalArgumentException("x and y are not a point on " + crv);
				}
			}
			case "RSA" -> {
				BigInteger n = new BigInteger(1, binary(jwk, "n"));
				BigInteger e = new BigInteger(1, binary(jwk, "e"));
				if (n.bitLength() < MIN_RSA_BITS) {
					throw new IllegalArgumentException(
							"RSA key of " + n.bitLength() + " bits is too weak (" + MIN_RSA_BITS + " minimum)");
				}
				if (!e.testBit(0) || e.compareTo(BigInteger.ONE) <= 0) {
					throw new IllegalArgumentException("RSA exponent is not valid");
				}
				return new RSAKeyParameters(false, n, e);
			}
			default -> throw new IllegalArgumentException("key type \"" + kty + "\" is not supported");
		}
	}

	private static String member(Map<?, ?> jwk, String name) {
		if (!(jwk.get(name) instanceof String value)) {
			throw new IllegalArgumentException("the JWK has no string \"" + name + "\"");
		}
		return value;
	}

	private static byte[] binary(Map<?, ?> jwk, String name) {
		try {
			return Base64Url.decode(member(jwk, name));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("JWK \"" + name + "\": " + ex.getMessage());
		}
	}

	/**
	 * The public JWK members of a key (RFC 7517), in the usual order.
	 * @param key the parameters
	 * @return a new mutable map: {@code kty}, {@code crv}, {@code x}, {@code y} or
	 * {@code kty}, {@code n}, {@code e}
	 */
	public static Map<String, Object> toJwk(AsymmetricKeyParameter key) {
		Map<String, Object> jwk = new LinkedHashMap<>();
		switch (key) {
			case Ed25519PublicKeyParameters ed -> {
				jwk.put("kty", "OKP");
				jwk.put("crv", "Ed25519");
				jwk.put("x", Base64Url.encode(ed.getEncoded()));
			}
			case ECPublicKeyParameters ec -> {
				ECPoint q = ec.getQ().normalize();
				jwk.put("kty", "EC");
				jwk.put("crv", curveName(ec));
				jwk.put("x", Base64Url.encode(q.getAffineXCoord().getEncoded()));
				jwk.put("y", Base64Url.encode(q.getAffineYCoord().getEncoded()));
			}
			case RSAKeyParameters rsa -> {
				jwk.put("kty", "RSA");
				jwk.put("n", Base64Url.encode(BigIntegers.asUnsignedByteArray(rsa.getModulus())));
				jwk.put("e", Base64Url.encode(BigIntegers.asUnsignedByteArray(rsa.getExponent())));
			}
			default -> throw new IllegalArgumentException("unsupported key");
		}
		return jwk;
	}

	private static String curveName(ECPublicKeyParameters ec) {
		ECNamedDomainParameters curve = curveOf(ec.getParameters());
		return (curve == P384) ? "P-384" : "P-256";
	}

	/**
	 * The RFC 7638 JWK thumbprint: base64url SHA-256 of the required members in canonical
	 * form.
	 * @param key the parameters
	 * @return the thumbprint, 43 characters
	 */
	public static String thumbprint(AsymmetricKeyParameter key) {
		Map<String, Object> jwk = toJwk(key);
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return Base64Url.encode(sha256.digest(CanonicalJson.serialize(jwk)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A short human description of a key.
	 * @param key the parameters
	 * @return e.g. {@code Ed25519}, {@code EC P-256}, {@code RSA 2048}
	 */
	public static String describe(AsymmetricKeyParameter key) {
		return switch (key) {
			case Ed25519PublicKeyParameters ignored -> "Ed25519";
			case ECPublicKeyParameters ec -> "EC " + curveName(ec);
			case RSAKeyParameters rsa -> "RSA " + rsa.getModulus().bitLength();
			default -> key.getClass().getSimpleName();
		};
	}

	/**
	 * The algorithm a key signs with (for keys we create ourselves).
	 * @param key public parameters
	 * @return Ed25519, ES256, ES384 or RS256
	 */
	public static JsfAlgorithm algorithmOf(AsymmetricKeyParameter key) {
		return switch (key) {
			case Ed25519PublicKeyParameters ignored -> JsfAlgorithm.ED25519;
			case ECPublicKeyParameters ec -> ("P-384".equals(curveName(ec))) ? JsfAlgorithm.ES384 : JsfAlgorithm.ES256;
			default -> JsfAlgorithm.RS256;
		};
	}

	/**
	 * Why a key cannot be used with an algorithm.
	 * @param algorithm the algorithm
	 * @param key public parameters
	 * @return the reason, or {@code null} when they fit
	 */
	public static String misfit(JsfAlgorithm algorithm, AsymmetricKeyParameter key) {
		boolean fits = switch (algorithm) {
			case ED25519 -> key instanceof Ed25519PublicKeyParameters;
			case ES256 -> key instanceof ECPublicKeyParameters ec && "P-256".equals(curveName(ec));
			case ES384 -> key instanceof ECPublicKeyParameters ec && "P-384".equals(curveName(ec));
			case RS256 -> key instanceof RSAKeyParameters;
		};
		if (fits) {
			return null;
		}
		String needed = switch (algorithm) {
			case ED25519 -> "an Ed25519 key";
			case ES256 -> "an EC P-256 key";
			case ES384 -> "an EC P-384 key";
			case RS256 -> "an RSA key";
		};
		return "algorithm " + algorithm.jsfName() + " needs " + needed + ", the key is " + describe(key);
	}

}
