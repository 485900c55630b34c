package dev.aigov.audit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.aigov.audit.AuditVerification;
import dev.aigov.audit.internal.ChainVerifier;
import dev.aigov.audit.internal.ElasticsearchHttp;
import dev.aigov.audit.internal.IndexLayout;
import dev.aigov.signing.JsfVerifier;
import dev.aigov.signing.VerificationKeys;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies the audit log in an Elasticsearch cluster from the command line, without the
 * appliance:
 *
 * <pre>
 * java -cp ... dev.aigov.audit.cli.VerifyAuditCli --elasticsearch http://127.0.0.1:9200 \
 *     --from 2026-11-01T00:00:00Z --to 2026-12-01T00:00:00Z --jwks jwks.json [--index-prefix aigov-audit] [--json]
 * </pre>
 *
 * Checkpoint signatures are checked against the appliance's published JWKS
 * ({@code /.well-known/jwks.json}); without {@code --jwks}, only against the public key
 * each checkpoint embeds (integrity, not origin). Exit status: 0 intact, 1 discrepancies
 * found, 2 bad arguments or Elasticsearch unreachable.
 */
public final class VerifyAuditCli {

	private VerifyAuditCli() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Runs the verification.
	 * @return the exit status
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if ("--json".equals(name)) {
				options.put("json", "true");
			}
			else if (name.startsWith("--") && i + 1 < args.length) {
				options.put(name.substring(2), args[++i]);
			}
			else {
				return usage(err, "unexpected argument " + name);
			}
		}
		if (!options.containsKey("elasticsearch") || !options.containsKey("from") || !options.containsKey("to")) {
			return usage(err, "--elasticsearch, --from and --to are required");
		}
		Instant from;
		Instant to;
		try {
			from = Instant.parse(options.get("from"));
			to = Instant.parse(options.get("to"));
		}
		catch (DateTimeParseException ex) {
			return usage(err, "--from and --to must be instants like 2026-11-23T10:15:30Z");
		}
		Supplier<JsfVerifier> verifier;
		if (options.containsKey("jwks")) {
			try {
				VerificationKeys keys = VerificationKeys
					.fromJwks(Files.readString(Path.of(options.get("jwks")), StandardCharsets.UTF_8));
				verifier = () -> JsfVerifier.withKeys(keys);
			}
			catch (IOException | IllegalArgumentException ex) {
				return usage(err, "cannot use the JWKS " + options.get("jwks") + ": " + ex.getMessage());
			}
		}
		else {
			verifier = JsfVerifier::withEmbeddedKeys;
		}
		try (Rest5Client client = Rest5Client.builder(URI.create(options.get("elasticsearch"))).build()) {
			ChainVerifier chains = new ChainVerifier(new ElasticsearchHttp(client),
					new IndexLayout(options.getOrDefault("index-prefix", "aigov-audit")), verifier);
			AuditVerification result = chains.verify(from, to);
			if (options.containsKey("json")) {
				out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(result));
			}
			else {
				print(result, out);
			}
			return result.intact() ? 0 : 1;
		}
		catch (IllegalArgumentException ex) {
			return usage(err, ex.getMessage());
		}
		catch (RuntimeException | IOException ex) {
			err.println("Cannot verify: " + ex.getMessage());
			return 2;
		}
	}

	private static void print(AuditVerification result, PrintStream out) {
		out.printf("Audit log %s to %s: %s (%,d records, %d ms)%n", result.from(), result.to(),
				result.intact() ? "INTACT" : "NOT INTACT", result.records(), result.tookMs());
		for (AuditVerification.Stream stream : result.streams()) {
			out.printf("  chain %s: sequences %d..%d, %d signed checkpoint(s), signed up to %d%n", stream.stream(),
					stream.firstSequence(), stream.lastSequence(), stream.checkpointsVerified(),
					stream.lastCheckpointSequence());
			if (stream.unsignedRecords() > 0) {
				out.printf(
						"    sequences %d..%d are chained but not yet signed: a rewrite of that tail is "
								+ "found only once a checkpoint covers it%n",
						stream.lastSequence() - stream.unsignedRecords() + 1, stream.lastSequence());
			}
		}
		for (AuditVerification.Discrepancy discrepancy : result.discrepancies()) {
			out.printf("  %-18s %s: %s%n", discrepancy.kind(), discrepancy.recordId(), discrepancy.detail());
		}
	}

	private static int usage(PrintStream err, String problem) {
		err.println(problem);
		err.println("usage: VerifyAuditCli --elasticsearch URL --from INSTANT --to INSTANT [--jwks FILE] "
				+ "[--index-prefix aigov-audit] [--json]");
		return 2;
	}

}
