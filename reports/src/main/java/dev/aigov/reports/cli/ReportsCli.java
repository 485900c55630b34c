package dev.aigov.reports.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.aigov.reports.ManifestVerification;
import dev.aigov.reports.ReportFile;
import dev.aigov.reports.ReportManifests;
import dev.aigov.reports.StoredReport;
import dev.aigov.signing.JsfVerifier;
import dev.aigov.signing.VerificationKeys;

/**
 * {@code aigov-reports list DIR | verify REPORT_DIR [--jwks FILE | --pem FILE] |
 * download BASE_URL REPORT_ID TARGET_DIR [--user NAME] [--jwks FILE]}.
 * <p>
 * Exit status: 0 success (and, for verify and download, a valid report), 1 an invalid
 * report, 2 usage, file or network errors. Download reads the password from the
 * environment variable {@value #PASSWORD_VARIABLE}, never from the command line.
 */
public final class ReportsCli {

	/** The environment variable holding the password for download. */
	public static final String PASSWORD_VARIABLE = "AIGOV_PASSWORD";

	static final int OK = 0;

	static final int INVALID = 1;

	static final int USAGE = 2;

	private static final String USAGE_TEXT = """
			Usage:
			  aigov-reports list DIR
			      the reports in a directory (the appliance's data/reports, or downloads)
			  aigov-reports verify REPORT_DIR [--jwks FILE | --pem FILE]
			      verify the manifest's JSF signature and the SHA-256 of every file, offline
			  aigov-reports download BASE_URL REPORT_ID TARGET_DIR [--user NAME] [--jwks FILE]
			      download a report's manifest and files (password from $AIGOV_PASSWORD),
			      then verify them; without --jwks the appliance's published JWKS is used

			Without --jwks/--pem, verify trusts the key embedded in the signature: that proves
			the files are intact, not who signed them. Pass the appliance's JWKS to check that.

			Exit status: 0 valid, 1 invalid report, 2 usage, file or network errors.
			""";

	private ReportsCli() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err, System.getenv(PASSWORD_VARIABLE)));
	}

	static int run(String[] args, PrintStream out, PrintStream err, String password) {
		if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
			out.print(USAGE_TEXT);
			return USAGE;
		}
		List<String> positional = new ArrayList<>();
		VerificationKeys keys = VerificationKeys.none();
		String user = null;
		try {
			for (int i = 1; i < args.length; i++) {
				switch (args[i]) {
					case "--jwks" ->
						keys = keys.and(VerificationKeys.fromJwks(Files.readString(Path.of(value(args, ++i)))));
					case "--pem" ->
						keys = keys.and(VerificationKeys.fromPem(Files.readString(Path.of(value(args, ++i)))));
					case "--user" -> user = value(args, ++i);
					default -> positional.add(args[i]);
				}
			}
			return switch (args[0]) {
				case "list" -> list(one(positional, "DIR"), out);
				case "verify" -> verify(Path.of(one(positional, "REPORT_DIR")), keys, out);
				case "download" -> download(positional, user, password, keys, out);
				default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
			};
		}
		catch (IllegalArgumentException | IOException ex) {
			err.println("aigov-reports: " + ex.getMessage());
			err.print(USAGE_TEXT);
			return USAGE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return USAGE;
		}
	}

	private static int list(String dir, PrintStream out) throws IOException {
		Path directory = Path.of(dir);
		if (!Files.isDirectory(directory)) {
			throw new IllegalArgumentException(dir + " is not a directory");
		}
		List<String> lines = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				Path manifest = entry.resolve(ReportManifests.MANIFEST);
				if (Files.isRegularFile(manifest)) {
					try {
						StoredReport report = ReportManifests.read(Files.readAllBytes(manifest));
						lines.add(report.generatedAt() + "  " + report.id() + "  " + report.type().slug() + "  "
								+ report.subject() + "  by " + report.generatedBy());
					}
					catch (IllegalArgumentException ex) {
						lines.add("?  " + entry.getFileName() + "  unreadable manifest: " + ex.getMessage());
					}
				}
			}
		}
		lines.sort(null);
		lines.forEach(out::println);
		return OK;
	}

	private static int verify(Path report, VerificationKeys keys, PrintStream out) {
		JsfVerifier verifier = keys.isEmpty() ? JsfVerifier.withEmbeddedKeys() : JsfVerifier.withKeys(keys);
		ManifestVerification verification = ReportManifests.verify(report, verifier);
		if (verification.problem() != null) {
			out.println("INVALID  " + verification.problem());
			return INVALID;
		}
		out.println((verification.signatureValid() ? "VALID    " : "INVALID  ") + "manifest signature: "
				+ verification.signatureReason());
		if (keys.isEmpty()) {
			out.println("         (checked with the key embedded in the signature: integrity, not who signed)");
		}
		for (ManifestVerification.FileCheck check : verification.files()) {
			out.println((check.intact() ? "VALID    " : "INVALID  ") + check.name() + "  sha256 "
					+ ((check.actualSha256() != null) ? check.actualSha256() : "(missing)")
					+ (check.intact() ? "" : " expected " + check.expectedSha256()));
		}
		out.println(verification.valid() ? "The report is intact and signed." : "The report does NOT verify.");
		return verification.valid() ? OK : INVALID;
	}

	private static int download(List<String> positional, String user, String password, VerificationKeys keys,
			PrintStream out) throws IOException, InterruptedException {
		if (positional.size() != 3) {
			throw new IllegalArgumentException("download needs BASE_URL REPORT_ID TARGET_DIR");
		}
		String base = positional.get(0).replaceAll("/+$", "");
		String id = positional.get(1);
		if (!id.matches("[a-z0-9][a-z0-9-]{0,119}")) {
			throw new IllegalArgumentException("'" + id + "' is not a report id");
		}
		if (user != null && (password == null || password.isEmpty())) {
			throw new IllegalArgumentException("set " + PASSWORD_VARIABLE + " to the password of " + user);
		}
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		Path target = Files.createDirectories(Path.of(positional.get(2)).resolve(id));
		byte[] manifest = get(client, base + "/api/reports/" + id + "/files/" + ReportManifests.MANIFEST, user,
				password);
		StoredReport report = ReportManifests.read(manifest);
		Files.write(target.resolve(ReportManifests.MANIFEST), manifest);
		for (ReportFile file : report.files()) {
			Files.write(target.resolve(file.name()), get(client,
					base + "/api/reports/" + id + "/files/" + URLEncoder.encode(file.name(), StandardCharsets.UTF_8),
					user, password));
			out.println("downloaded " + target.resolve(file.name()));
		}
		VerificationKeys trusted = keys.isEmpty()
				? VerificationKeys.fromJwks(
						new String(get(client, base + "/.well-known/jwks.json", null, null), StandardCharsets.UTF_8))
				: keys;
		return verify(target, trusted, out);
	}

	private static byte[] get(HttpClient client, String url, String user, String password)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		HttpResponse<byte[]> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IOException("GET " + url + " answered " + response.statusCode());
		}
		return response.body();
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException(args[index - 1] + " needs a value");
		}
		return args[index];
	}

	private static String one(List<String> positional, String name) {
		if (positional.size() != 1) {
			throw new IllegalArgumentException("expected exactly one " + name);
		}
		return positional.get(0);
	}

}
