package dev.aigov.reports.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.aigov.reports.ReportType;
import dev.aigov.reports.StoredReport;
import dev.aigov.reports.internal.ReportStore;
import dev.aigov.signing.JsfAlgorithm;
import dev.aigov.signing.JsfSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsCliTests {

	@Test
	void listsAndVerifiesAReportOfflineWithTheJwks(@TempDir Path dir) throws Exception {
		KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		JsfSigner signer = JsfSigner.of(JsfAlgorithm.ED25519, keys, "k1");
		Map<String, ReportStore.Content> files = ReportStore.files();
		files.put("report.json", new ReportStore.Content("application/json", "{}".getBytes(StandardCharsets.UTF_8)));
		StoredReport report = new ReportStore(dir)
			.write(new StoredReport("model-dossier-20260101-000000-0a0b0c0d", ReportType.MODEL_DOSSIER, "compas-risk-1",
					"Dossier", Instant.parse("2026-01-01T00:00:00Z"), "officer", null, List.of()), files, signer);
		Path jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[" + signer.publicKeyJwk() + "]}");

		Result list = run("list", dir.toString());
		assertThat(list.status).isZero();
		assertThat(list.out).contains(report.id(), "model-dossier", "compas-risk-1");

		Result valid = run("verify", dir.resolve(report.id()).toString(), "--jwks", jwks.toString());
		assertThat(valid.status).as(valid.out).isZero();
		assertThat(valid.out).contains("VALID    report.json", "intact and signed");

		Files.writeString(dir.resolve(report.id()).resolve("report.json"), "{\"x\":1}");
		Result invalid = run("verify", dir.resolve(report.id()).toString(), "--jwks", jwks.toString());
		assertThat(invalid.status).isEqualTo(1);
		assertThat(invalid.out).contains("INVALID  report.json", "does NOT verify");

		assertThat(run("verify").status).isEqualTo(2);
		assertThat(run("download", "http://127.0.0.1:9", "../x", dir.toString()).status).isEqualTo(2);
	}

	private static Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = ReportsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), null);
		return new Result(status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
	}

	private record Result(int status, String out) {
	}

}
