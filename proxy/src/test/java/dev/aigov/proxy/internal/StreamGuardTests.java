package dev.aigov.proxy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aigov.detect.Hit;
import dev.aigov.detect.TextScanner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamGuardTests {

	private static final String SECRET = "AKIAIOSFODNN7EXAMPLE";

	private static final String ANSWER = "Use the key " + SECRET + " and mail ops@example.com, then ask again.";

	/** Finds AWS access key ids and e-mail addresses, like the real detectors would. */
	private static final TextScanner scanner = (text) -> {
		List<Hit> hits = new ArrayList<>();
		Matcher key = Pattern.compile("AKIA[0-9A-Z]{16}").matcher(text);
		while (key.find()) {
			hits.add(new Hit("AWS_ACCESS_KEY", Hit.Category.SECRET, key.start(), key.end(), 0.99));
		}
		Matcher mail = Pattern.compile("[a-z]+@[a-z]+\\.[a-z]{2,}").matcher(text);
		while (mail.find()) {
			hits.add(new Hit("EMAIL", Hit.Category.PII, mail.start(), mail.end(), 0.95));
		}
		hits.sort((a, b) -> Integer.compare(a.start(), b.start()));
		return hits;
	};

	@Test
	void aSecretSplitAtEveryBoundaryNeverReachesTheClient() {
		for (int split = 0; split <= ANSWER.length(); split++) {
			StreamGuard guard = guard(32, null);
			String released = guard.offer(0, ANSWER.substring(0, split), false)
					+ guard.offer(0, ANSWER.substring(split), true);
			assertThat(released).as("split at %d", split)
				.doesNotContain("AKIA")
				.doesNotContain("ops@")
				.isEqualTo("Use the key [AWS_ACCESS_KEY_1] and mail [EMAIL_1], then ask again.");
		}
	}

	@Test
	void nothingIsReleasedBeforeItHasBeenSeenWithTheWindowAfterIt() {
		StreamGuard guard = guard(32, null);
		StringBuilder released = new StringBuilder();
		for (int i = 0; i < ANSWER.length(); i++) {
			String out = guard.offer(0, ANSWER.substring(i, i + 1), false);
			assertThat(released.length() + out.length()).isLessThanOrEqualTo(Math.max(0, i + 1 - 32) + 20);
			released.append(out);
			assertThat(released.toString()).doesNotContain("AKIA");
		}
		released.append(guard.flush().getOrDefault(0, ""));
		assertThat(released.toString()).isEqualTo("Use the key [AWS_ACCESS_KEY_1] and mail [EMAIL_1], then ask again.");
	}

	@Test
	void theCallersPlaceholdersAreRestoredEvenWhenSplitButNotTheAnswersOwn() {
		String answer = "Dear [PERSON_1], your card ops@example.com is noted.";
		for (int split = 0; split <= answer.length(); split++) {
			StreamGuard guard = guard(16, (text) -> text.replace("[PERSON_1]", "Mei-ling"));
			String released = guard.offer(0, answer.substring(0, split), false)
					+ guard.offer(0, answer.substring(split), true);
			assertThat(released).as("split at %d", split).isEqualTo("Dear Mei-ling, your card [EMAIL_1] is noted.");
		}
	}

	@Test
	void choicesAreHeldSeparately() {
		StreamGuard guard = guard(32, null);
		guard.offer(0, "first AKIAIOSFOD", false);
		guard.offer(1, "second answer text", false);
		String zero = guard.offer(0, "NN7EXAMPLE end", true);
		assertThat(zero).doesNotContain("AKIA").endsWith("[AWS_ACCESS_KEY_1] end");
		assertThat(guard.flush()).containsOnlyKeys(1);
	}

	@Test
	void valuesLongerThanTheWindowAreHeldWholeWithTheRealDetectors() {
		StringBuilder body = new StringBuilder();
		java.util.Random random = new java.util.Random(7);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		for (int line = 0; line < 12; line++) {
			for (int i = 0; i < 64; i++) {
				body.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			body.append('\n');
		}
		String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "-----END PRIVATE KEY-----";
		String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
		String answer = "Here is the key:\n" + pem + "\nand a token " + jwt + " for the API.";
		dev.aigov.detect.DetectorSuite suite = dev.aigov.detect.DetectorSuite.defaults();
		for (int chunk : new int[] { 1, 7, 10, 33 }) {
			StreamGuard guard = new StreamGuard(suite, 32, (hits) -> Set.of("PRIVATE_KEY", "JWT"), null);
			StringBuilder released = new StringBuilder();
			for (int at = 0; at < answer.length(); at += chunk) {
				String piece = guard.offer(0, answer.substring(at, Math.min(answer.length(), at + chunk)), false);
				assertThat(piece).as("chunks of %d", chunk).doesNotContain(body.substring(0, 20)).doesNotContain("eyJ");
				released.append(piece);
			}
			released.append(guard.offer(0, null, true));
			assertThat(released.toString()).as("chunks of %d", chunk)
				.isEqualTo("Here is the key:\n[PRIVATE_KEY_1]\nand a token [JWT_1] for the API.");
		}
	}

	private static StreamGuard guard(int holdBack, java.util.function.UnaryOperator<String> restore) {
		return new StreamGuard(scanner, holdBack, (hits) -> Set.of("AWS_ACCESS_KEY", "EMAIL"), restore);
	}

}
