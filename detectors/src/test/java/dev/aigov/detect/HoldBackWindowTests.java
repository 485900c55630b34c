package dev.aigov.detect;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A stream checked through the window finds exactly the hits a scan of the whole text
 * finds, wherever the chunks are cut, and never releases part of a hit without its hit.
 */
class HoldBackWindowTests {

	private static final DetectorSuite SUITE = DetectorSuite.defaults();

	/** One sample per type, each in a sentence, split at every character boundary. */
	private static final List<String> SAMPLES = samples();

	private static List<String> samples() {
		Synthetic synthetic = new Synthetic(11);
		String visa = synthetic.luhn("4", 16, true);
		return List.of("請寄到 alice.wang@example.com.tw 謝謝", "Call 0912-345-678 or (02) 2345-6789 now",
				"國際 +886 912 345 678。",
				"身分證 " + synthetic.taiwanId('2', true) + " 居留證 " + synthetic.taiwanId('C', true),
				"統一編號：" + synthetic.ubn(true) + "。",
				"card " + visa.substring(0, 4) + " " + visa.substring(4, 8) + " " + visa.substring(8, 12) + " "
						+ visa.substring(12) + " ok",
				"IBAN " + Synthetic.iban("GB", "WEST" + synthetic.digits(14)).replaceAll("(.{4})(?!$)", "$1 ") + " ok",
				"hosts 192.0.2.44 and 2001:db8::8a2e:370:7334.",
				"AKIA" + synthetic.token("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) + " secret=" + synthetic.mixed(40),
				"key AIza" + synthetic.mixed(35) + " and ghp_" + synthetic.mixed(36),
				"OPENAI_API_KEY=sk-proj-" + synthetic.mixed(120) + "\nANTHROPIC=sk-ant-api03-" + synthetic.mixed(93),
				"slack xoxb-123456789012-1234567890123-" + synthetic.mixed(24) + " stripe sk_live_"
						+ synthetic.mixed(30),
				"jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiJ9." + synthetic.mixed(43) + " done",
				"-----BEGIN PRIVATE KEY-----\n" + synthetic.mixed(64) + "\n" + synthetic.mixed(30)
						+ "==\n-----END PRIVATE KEY-----\nok",
				"Server=db;Password=" + synthetic.mixed(12) + "; postgres://u:" + synthetic.mixed(10)
						+ "@db.example.com/x",
				"【機密】本文件 CONFIDENTIAL，限閱。");
	}

	@Test
	void secretSplitAtEveryCharacterBoundaryIsStillFound() {
		for (String text : SAMPLES) {
			List<String> whole = absolute(text, SUITE.scan(text));
			assertThat(whole).as(text).isNotEmpty();
			for (int cut = 0; cut <= text.length(); cut++) {
				Streamed streamed = stream(List.of(text.substring(0, cut), text.substring(cut)));
				assertThat(streamed.text()).isEqualTo(text);
				assertThat(streamed.hits()).as("%s cut at %d", text, cut).isEqualTo(whole);
			}
		}
	}

	@Test
	void characterByCharacterAndRandomChunksOverTheCorpus() {
		Random random = new Random(3);
		for (Corpus.Case c : Corpus.load().cases()) {
			String text = c.text();
			List<String> whole = absolute(text, SUITE.scan(text));
			List<String> single = new ArrayList<>();
			text.chars().forEach((ch) -> single.add(String.valueOf((char) ch)));
			assertThat(stream(single).hits()).as(c.id()).isEqualTo(whole);
			List<String> chunks = new ArrayList<>();
			for (int k = 0; k < text.length();) {
				int size = 1 + random.nextInt(12);
				chunks.add(text.substring(k, Math.min(text.length(), k + size)));
				k += size;
			}
			Streamed streamed = stream(chunks);
			assertThat(streamed.text()).isEqualTo(text);
			assertThat(streamed.hits()).as(c.id()).isEqualTo(whole);
		}
	}

	@Test
	void secretSplitAtEveryUtf8ByteBoundaryThroughAStreamingDecoder() throws Exception {
		String text = "金鑰 ghp_" + new Synthetic(5).mixed(36) + "，電話 0912-345-678，機密。";
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		List<String> whole = absolute(text, SUITE.scan(text));
		for (int cut = 0; cut <= bytes.length; cut++) {
			CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
			ByteBuffer in = ByteBuffer.allocate(bytes.length);
			CharBuffer out = CharBuffer.allocate(bytes.length);
			List<String> chunks = new ArrayList<>();
			for (byte[] part : List.of(java.util.Arrays.copyOfRange(bytes, 0, cut),
					java.util.Arrays.copyOfRange(bytes, cut, bytes.length))) {
				in.put(part).flip();
				decoder.decode(in, out, false);
				in.compact();
				chunks.add(out.flip().toString());
				out.clear();
			}
			Streamed streamed = stream(chunks);
			assertThat(streamed.text()).isEqualTo(text);
			assertThat(streamed.hits()).as("byte cut %d", cut).isEqualTo(whole);
		}
	}

	@Test
	void holdsBackOnlyTheWindowInRunningText() {
		HoldBackWindow window = SUITE.newWindow();
		String sentence = "這是一段沒有任何敏感資料的說明文字，The quick brown fox jumps over the lazy dog. ";
		int maxHeld = 0;
		for (int k = 0; k < 40; k++) {
			for (String word : sentence.split("(?<= )")) {
				window.accept(word);
				maxHeld = Math.max(maxHeld, window.held());
			}
		}
		assertThat(maxHeld).isLessThanOrEqualTo(SUITE.windowSize() + "quick ".length());
		assertThat(window.finish().text()).hasSizeLessThanOrEqualTo(maxHeld);
	}

	@Test
	void holdsAnOpenTokenAndAnOpenPrivateKeyUntilTheyEnd() {
		HoldBackWindow window = SUITE.newWindow();
		StringBuilder released = new StringBuilder();
		released.append(window.accept("Here: -----BEGIN RSA PRIVATE KEY-----\n").text());
		for (int k = 0; k < 40; k++) {
			released.append(window.accept("MIIEowIBAAKCAQEAx" + k + "abcdefghijklmnopqrstuvwxyzABCDEFGH\n").text());
		}
		assertThat(released.toString()).doesNotContain("BEGIN").doesNotContain("MIIE");
		HoldBackWindow.Release end = window.accept("-----END RSA PRIVATE KEY-----\n" + "x ".repeat(60));
		assertThat(end.hits()).singleElement().satisfies((hit) -> {
			assertThat(hit.type()).isEqualTo("PRIVATE_KEY");
			assertThat(end.text().substring(hit.start(), hit.end())).startsWith("-----BEGIN").endsWith("KEY-----");
		});
		HoldBackWindow tokens = SUITE.newWindow();
		assertThat(tokens.accept("x ".repeat(100) + "https://example.com/" + "a".repeat(500)).text())
			.doesNotContain("https");
	}

	@Test
	void finishedStreamTakesNoMoreText() {
		HoldBackWindow window = SUITE.newWindow();
		window.accept("abc");
		assertThat(window.finish().text()).isEqualTo("abc");
		assertThatIllegalStateException().isThrownBy(() -> window.accept("d"));
		assertThatIllegalStateException().isThrownBy(window::finish);
	}

	private static Streamed stream(List<String> chunks) {
		HoldBackWindow window = SUITE.newWindow();
		StringBuilder text = new StringBuilder();
		List<String> hits = new ArrayList<>();
		List<HoldBackWindow.Release> releases = new ArrayList<>();
		chunks.forEach((chunk) -> releases.add(window.accept(chunk)));
		releases.add(window.finish());
		for (HoldBackWindow.Release release : releases) {
			assertThat(release.offset()).isEqualTo(text.length());
			for (Hit hit : release.hits()) {
				hits.add(hit.type() + "@" + (release.offset() + hit.start()) + ".." + (release.offset() + hit.end()));
			}
			text.append(release.text());
		}
		return new Streamed(text.toString(), hits);
	}

	private static List<String> absolute(String text, List<Hit> hits) {
		return hits.stream().map((hit) -> hit.type() + "@" + hit.start() + ".." + hit.end()).toList();
	}

	private record Streamed(String text, List<String> hits) {
	}

}
