package dev.aigov.signing.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import dev.aigov.signing.JsfVerification;
import dev.aigov.signing.JsfVerifier;
import dev.aigov.signing.SignatureVerdict;
import dev.aigov.signing.VerificationKeys;

/**
 * {@code java -jar aigov-verify.jar [--jwks FILE | --pem FILE]... FILE.json}: verifies
 * every JSF signature in a JSON file and prints a verdict per signature.
 * <p>
 * Exit status: 0 when the file has signatures and all are valid, 1 when any is invalid or
 * the file is not signed JSON, 2 for usage errors and unreadable files. With
 * {@code --jwks} or {@code --pem} a signature must be made by one of the given keys;
 * without them the keys embedded in the signatures are used, which proves integrity but
 * not who signed.
 */
public final class VerifyCli {

	static final int VALID = 0;

	static final int INVALID = 1;

	static final int USAGE = 2;

	private static final String USAGE_TEXT = """
			Usage: java -jar aigov-verify.jar [--jwks FILE | --pem FILE]... FILE.json

			Verifies every JSF signature (JSON Signature Format over RFC 8785 canonical JSON) in
			FILE.json, e.g. a signed CycloneDX ML-BOM, audit checkpoint or report manifest.

			  --jwks FILE  trust the keys of a JWK Set (or a single JWK), matched by keyId
			  --pem FILE   trust the PEM public key(s) or certificate(s) in FILE
			  -h, --help   print this help

			Without --jwks/--pem the keys embedded in the signatures are used: that proves the
			signed data is intact, not who signed it; compare the printed key thumbprints with
			the appliance's published JWKS, or pass that JWKS with --jwks.

			Exit status: 0 all signatures valid, 1 a signature is invalid or none was found,
			2 usage or file errors.
			""";

	private VerifyCli() {
	}

	/**
	 * Run the verifier and exit with its status.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Run the verifier.
	 * @param args the command line
	 * @param out where verdicts go
	 * @param err where usage and file errors go
	 * @return the exit status
	 */
	static int run(String[] args, PrintStream out, PrintStream err) {
		VerificationKeys keys = VerificationKeys.none();
		Path document = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String option = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
			switch (option) {
				case "-h", "--help" -> {
					out.print(USAGE_TEXT);
					return USAGE;
				}
				case "--jwks", "--pem" -> {
					String file;
					if (!arg.equals(option)) {
						file = arg.substring(option.length() + 1);
					}
					else if (i + 1 < args.length) {
						file = args[++i];
					}
					else {
						return usage(err, option + " needs a file");
					}
					try {
						String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
						VerificationKeys more = option.equals("--jwks") ? VerificationKeys.fromJwks(text)
								: VerificationKeys.fromPem(text);
						keys = keys.and(more);
					}
					catch (IOException ex) {
						return fileError(err, file, ex);
					}
					catch (IllegalArgumentException ex) {
						err.println("aigov-verify: " + file + ": " + ex.getMessage());
						return USAGE;
					}
				}
				default -> {
					if (arg.startsWith("-") && !arg.equals("-")) {
						return usage(err, "unknown option " + arg);
					}
					if (document != null) {
						return usage(err, "give exactly one JSON file");
					}
					document = Path.of(arg);
				}
			}
		}
		if (document == null) {
			return usage(err, "no JSON file given");
		}
		byte[] json;
		try {
			json = Files.readAllBytes(document);
		}
		catch (IOException ex) {
			return fileError(err, document.toString(), ex);
		}
		JsfVerification verification = JsfVerifier.withKeys(keys).verify(json);
		report(out, document, keys, verification);
		return verification.valid() ? VALID : INVALID;
	}

	private static void report(PrintStream out, Path document, VerificationKeys keys, JsfVerification verification) {
		out.println(document);
		List<SignatureVerdict> verdicts = verification.signatures();
		for (SignatureVerdict verdict : verdicts) {
			StringBuilder line = new StringBuilder();
			line.append(verdict.valid() ? "  VALID    " : "  INVALID  ")
				.append(verdict.path().isEmpty() ? "/" : verdict.path());
			if (verdict.algorithm() != null) {
				line.append("  ").append(verdict.algorithm());
			}
			if (verdict.keyId() != null) {
				line.append("  keyId ").append(verdict.keyId());
			}
			out.println(line);
			out.println("           " + verdict.reason());
			if (verdict.keyThumbprint() != null) {
				out.println("           key thumbprint (RFC 7638): " + verdict.keyThumbprint());
			}
			if (!verdict.unsignedProperties().isEmpty()) {
				out.println("           not covered by this signature (excludes): "
						+ String.join(", ", verdict.unsignedProperties()));
			}
		}
		if (verification.problem() != null) {
			out.println("  INVALID  " + verification.problem());
		}
		long valid = verdicts.stream().filter(SignatureVerdict::valid).count();
		out.println((verification.valid() ? "VERIFIED" : "NOT VERIFIED") + ": " + valid + " of " + verdicts.size()
				+ " signature(s) valid");
		if (keys.isEmpty() && valid > 0) {
			out.println("Note: checked against the keys embedded in the file (integrity only); "
					+ "pass the signer's JWKS with --jwks to check who signed.");
		}
	}

	private static int usage(PrintStream err, String problem) {
		err.println("aigov-verify: " + problem);
		err.println("Usage: java -jar aigov-verify.jar [--jwks FILE | --pem FILE]... FILE.json   (--help for more)");
		return USAGE;
	}

	private static int fileError(PrintStream err, String file, IOException ex) {
		String reason = (ex instanceof NoSuchFileException) ? "no such file" : ex.getMessage();
		err.println("aigov-verify: cannot read " + file + ": " + reason);
		return USAGE;
	}

}
