package dev.aigov.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random texts built from the characters and fragments the detectors react to: a scan
 * never throws, its hits are well formed, and a stream through the window finds the same
 * hits.
 */
class FuzzTests {

	private static final String[] FRAGMENTS = { "@", ":", "//", "::", "=", "+", "(", ")", "-", "-----BEGIN ",
			"PRIVATE KEY-----", "-----END ", ".", "/", "_", " ", "\n", "\"", "'", ";", "&", "0", "09", "886", "4111",
			"A1", "AC", "DE89", "GB", "AKIA", "AIza", "ghp_", "github_pat_", "sk-", "sk-ant-", "sk_live_", "xoxb-",
			"eyJ", "eyJhbGciOiJIUzI1NiJ9", "secret", "password", "pwd", "機密", "統編", "居留證", "電話", "ａ", "é",
			"\uD83D\uDE00", "example.com", "fe80", "192", "255", "1234", "ABCDEFGHIJKLMNOP", "abcdefghijklmnop" };

	@Test
	void randomTextsNeverBreakTheScanOrTheWindow() {
		Random random = new Random(42);
		DetectorSuite suite = DetectorSuite.defaults();
		Synthetic synthetic = new Synthetic(42);
		String visa = synthetic.luhn("4", 16, true);
		List<String> fragments = new ArrayList<>(List.of(FRAGMENTS));
		fragments.addAll(List.of("alice@example.com", "0912 345 678", "+886 2 2345 6789", "(02) 2345-6789",
				visa.substring(0, 4) + " " + visa.substring(4, 8) + " " + visa.substring(8, 12) + " "
						+ visa.substring(12),
				Synthetic.iban("GB", "WEST" + synthetic.digits(14)).replaceAll("(.{4})(?!$)", "$1 "),
				synthetic.taiwanId('1', true), "統編 " + synthetic.ubn(true), "192.0.2.1", "2001:db8::1",
				"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9." + synthetic.mixed(43), "ghp_" + synthetic.mixed(36),
				"secret=" + synthetic.mixed(40), "Password=" + synthetic.mixed(10) + ";",
				"postgres://u:" + synthetic.mixed(8) + "@db.example.com",
				"-----BEGIN PRIVATE KEY-----\n" + synthetic.mixed(64) + "\n-----END PRIVATE KEY-----"));
		int withHits = 0;
		for (int round = 0; round < 600; round++) {
			StringBuilder text = new StringBuilder();
			int parts = 1 + random.nextInt(60);
			for (int k = 0; k < parts; k++) {
				text.append(random.nextInt(4) == 0 ? String.valueOf((char) random.nextInt(0x3100))
						: fragments.get(random.nextInt(fragments.size())));
			}
			String s = text.toString();
			List<Hit> hits = suite.scan(s);
			withHits += hits.isEmpty() ? 0 : 1;
			for (int k = 0; k < hits.size(); k++) {
				Hit hit = hits.get(k);
				assertThat(hit.end()).as(s).isLessThanOrEqualTo(s.length());
				assertThat(hit.confidence()).isBetween(0.0, 1.0);
				if (k > 0) {
					assertThat(hit.start()).as(s).isGreaterThanOrEqualTo(hits.get(k - 1).end());
				}
			}
			HoldBackWindow window = suite.newWindow();
			StringBuilder released = new StringBuilder();
			List<String> streamed = new ArrayList<>();
			for (int k = 0; k < s.length();) {
				int size = 1 + random.nextInt(9);
				collect(window.accept(s.substring(k, Math.min(s.length(), k + size))), released, streamed);
				k += size;
			}
			collect(window.finish(), released, streamed);
			assertThat(released.toString()).isEqualTo(s);
			assertThat(streamed).as(s).isEqualTo(hits.stream().map(FuzzTests::describe).toList());
		}
		assertThat(withHits).as("texts with hits").isGreaterThan(200);
	}

	private static void collect(HoldBackWindow.Release release, StringBuilder released, List<String> hits) {
		for (Hit hit : release.hits()) {
			hits.add(describe(new Hit(hit.type(), hit.category(), (int) release.offset() + hit.start(),
					(int) release.offset() + hit.end(), hit.confidence())));
		}
		released.append(release.text());
	}

	private static String describe(Hit hit) {
		return hit.type() + "@" + hit.start() + ".." + hit.end();
	}

}
