package dev.aigov.signing.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a JSF signature covers. The signed data of signer {@code i} is the RFC 8785 form
 * of the signed object where
 * <ul>
 * <li>the properties named by {@code excludes} are left out, and so is {@code excludes}
 * itself;</li>
 * <li>a single signature object appears without its {@code value};</li>
 * <li>a multi-signature's {@code signers} array holds signer {@code i} alone, without its
 * {@code value};</li>
 * <li>a chain's {@code chain} array holds signers {@code 0..i-1} as they are (values
 * included) followed by signer {@code i} without its {@code value}.</li>
 * </ul>
 */
public final class JsfStructure {

	/** The property holding the signature, as JSF and CycloneDX name it. */
	public static final String SIGNATURE = "signature";

	public static final String ALGORITHM = "algorithm";

	public static final String KEY_ID = "keyId";

	public static final String PUBLIC_KEY = "publicKey";

	public static final String CERTIFICATE_PATH = "certificatePath";

	public static final String EXCLUDES = "excludes";

	public static final String EXTENSIONS = "extensions";

	public static final String VALUE = "value";

	public static final String SIGNERS = "signers";

	public static final String CHAIN = "chain";

	/** Properties of a signer object other than extensions. */
	public static final Set<String> SIGNER_PROPERTIES = Set.of(ALGORITHM, KEY_ID, PUBLIC_KEY, CERTIFICATE_PATH, VALUE);

	/** The three forms of a JSF signature object. */
	public enum Mode {

		/** The signature object is the signer. */
		SINGLE,

		/** Independent signers in {@code signers}. */
		MULTI,

		/** Each signer in {@code chain} also signs the signers before it. */
		CHAIN

	}

	private JsfStructure() {
	}

	/**
	 * The canonical bytes signer {@code index} signs.
	 * @param object the signed object, holding the signature at {@link #SIGNATURE} (or
	 * not yet)
	 * @param signature the signature object as it will be or is written (for a single
	 * signature the signer itself)
	 * @param mode the form of the signature object
	 * @param signers the signer objects (for {@code SINGLE}, just the signature object)
	 * @param index which signer
	 * @param excludes the names of the object's unsigned properties
	 * @return the data to sign or verify
	 */
	public static byte[] signedData(Map<String, Object> object, Map<String, Object> signature, Mode mode,
			List<Map<String, Object>> signers, int index, Collection<String> excludes) {
		Map<String, Object> copy = new LinkedHashMap<>(object);
		for (String name : excludes) {
			copy.remove(name);
		}
		Map<String, Object> self = new LinkedHashMap<>(signers.get(index));
		self.remove(VALUE);
		Map<String, Object> outer;
		if (mode == Mode.SINGLE) {
			outer = self;
		}
		else {
			outer = new LinkedHashMap<>(signature);
			if (mode == Mode.MULTI) {
				outer.put(SIGNERS, List.of(self));
			}
			else {
				List<Object> chain = new ArrayList<>(signers.subList(0, index));
				chain.add(self);
				outer.put(CHAIN, chain);
			}
		}
		outer.remove(EXCLUDES);
		copy.put(SIGNATURE, outer);
		return CanonicalJson.serialize(copy);
	}

}
