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

	private static StreamGuard guard(int holdBack, java.util.function.UnaryOperator<String> restore) {
		return new StreamGuard(scanner, holdBack, (hits) -> Set.of("AWS_ACCESS_KEY", "EMAIL"), restore);
	}

}
