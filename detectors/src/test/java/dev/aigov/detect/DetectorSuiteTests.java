package dev.aigov.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DetectorSuiteTests {

	private static final DetectorSuite SUITE = DetectorSuite.defaults();

	private final Synthetic synthetic = new Synthetic(7);

	/** Each hit as TYPE:value. */
	static List<String> found(TextScanner scanner, String text) {
		List<String> out = new ArrayList<>();
		for (Hit hit : scanner.scan(text)) {
			out.add(hit.type() + ":" + text.substring(hit.start(), hit.end()));
		}
		return out;
	}

	static List<String> found(String text) {
		return found(SUITE, text);
	}

	@Nested
	class Emails {

		@Test
		void findsAddressesInEnglishAndChinese() {
			assertThat(found("Write to Alice.Wang+news@mail.example.com.tw."))
				.containsExactly("EMAIL:Alice.Wang+news@mail.example.com.tw");
			assertThat(found("請寄到bob_lin@example.org謝謝")).containsExactly("EMAIL:bob_lin@example.org");
			assertThat(found("<mailto:carol@example.net>")).containsExactly("EMAIL:carol@example.net");
			assertThat(found("Mail dave@example.com: he knows")).containsExactly("EMAIL:dave@example.com");
		}

		@ParameterizedTest
		@ValueSource(strings = { "see icon@2x.png", "npm i @scope/pkg", "lodash@4.17.21", "root@localhost", "a@b.c",
				"name@.example.com", "git@github.com:org/repo.git", "x @ example.com", "user@example-.com" })
		void ignoresLookAlikes(String text) {
			assertThat(found(text)).isEmpty();
		}

	}

	@Nested
	class Phones {

		@ParameterizedTest
		@ValueSource(strings = { "0912-345-678", "0912 345 678", "0912345678", "0912-345678", "+886 912 345 678",
				"+886-912-345-678", "+886912345678", "(02) 2345-6789", "(02)2345-6789", "02-2345-6789", "02 2345 6789",
				"07-123-4567", "(037) 123456", "+886 2 2345 6789", "(+886) 912 345 678", "+1 415-555-0132",
				"(415) 555-0132", "415-555-0132", "+44 20 7946 0958", "+44 (0)20 7946 0958", "+81 3-5555-1234" })
		void findsFormats(String number) {
			assertThat(found("電話 " + number + " 謝謝")).containsExactly("PHONE:" + number);
			assertThat(found("Call " + number + ", thanks")).containsExactly("PHONE:" + number);
		}

		@Test
		void findsNumbersInACommaSeparatedList() {
			assertThat(found("電話：0912345678,02-2345-6789,0987-654-321")).containsExactly("PHONE:0912345678",
					"PHONE:02-2345-6789", "PHONE:0987-654-321");
			assertThat(found("NT$1,234,567,890")).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(
				strings = { "2024-01-15", "01-2345-6789", "0912-345-6789", "0912345678901", "12:30:45", "Room 0912",
						"0912-345-67", "115-555-0132", "Zoom 252 921 6255", "ISBN 978-986-123-456-7", "1+2=3", "+123" })
		void ignoresLookAlikes(String text) {
			assertThat(found(text)).isEmpty();
		}

	}

	@Nested
	class TaiwaneseIds {

		@Test
		void nationalIdWithValidChecksum() {
			for (int k = 0; k < 50; k++) {
				String id = synthetic.taiwanId(k % 2 == 0 ? '1' : '2', true);
				assertThat(found("身分證字號" + id + "。")).containsExactly("TW_NATIONAL_ID:" + id);
			}
		}

		@Test
		void residentCertificateOldAndNewFormats() {
			for (char second : "89ABCD".toCharArray()) {
				String id = synthetic.taiwanId(second, true);
				assertThat(found("ARC " + id)).containsExactly("TW_RESIDENT_CERT:" + id);
			}
		}

		@Test
		void wrongChecksumOrShapeIsNoHit() {
			for (char second : "1289ABCD".toCharArray()) {
				assertThat(found("ID " + synthetic.taiwanId(second, false))).isEmpty();
			}
			String id = synthetic.taiwanId('1', true);
			assertThat(found("ID " + id.toLowerCase())).isEmpty();
			assertThat(found("ID " + id + "7")).isEmpty();
			assertThat(found("ID X" + id)).isEmpty();
			assertThat(found("ID " + id.charAt(0) + "3" + id.substring(2))).isEmpty();
		}

		@Test
		void unifiedBusinessNumberNeedsItsChecksumAndContext() {
			String valid = synthetic.ubn(true);
			assertThat(found("統一編號：" + valid)).containsExactly("TW_UBN:" + valid);
			assertThat(found("Company UBN " + valid + ".")).containsExactly("TW_UBN:" + valid);
			assertThat(found("Order " + valid + " shipped")).isEmpty();
			assertThat(found("private " + valid)).as("'vat' inside a word is no context").isEmpty();
			assertThat(found("統編 " + synthetic.ubn(false))).isEmpty();
			assertThat(found("統編 " + valid + "1")).isEmpty();
		}

		@Test
		void unifiedBusinessNumberRules() {
			// 2023 rule: divisible by 5 suffices, not only by 10
			String byFive = findUbn((n) -> Synthetic.ubnSum(n) % 10 == 5 && n.charAt(6) != '7');
			assertThat(found("統編" + byFive)).containsExactly("TW_UBN:" + byFive);
			// 7th digit 7: its product 28 may count as 1 or 0
			String seventh = findUbn((n) -> n.charAt(6) == '7' && (Synthetic.ubnSum(n) + 1) % 5 == 0);
			assertThat(found("統編" + seventh)).containsExactly("TW_UBN:" + seventh);
			String neither = findUbn((n) -> n.charAt(6) == '7' && Synthetic.ubnSum(n) % 5 == 2);
			assertThat(found("統編" + neither)).isEmpty();
		}

		private String findUbn(java.util.function.Predicate<String> condition) {
			while (true) {
				String number = synthetic.digits(8);
				if (condition.test(number)) {
					return number;
				}
			}
		}

	}

	@Nested
	class Cards {

		@Test
		void findsNetworksAndLayouts() {
			String visa = synthetic.luhn("4", 16, true);
			assertThat(found("card " + visa)).containsExactly("CREDIT_CARD:" + visa);
			String spaced = String.join(" ", visa.substring(0, 4), visa.substring(4, 8), visa.substring(8, 12),
					visa.substring(12));
			assertThat(found("卡號" + spaced + "，謝謝")).containsExactly("CREDIT_CARD:" + spaced);
			assertThat(found("card " + spaced.replace(' ', '-') + " exp 12/27"))
				.containsExactly("CREDIT_CARD:" + spaced.replace(' ', '-'));
			assertThat(found("card " + spaced + " 2027")).containsExactly("CREDIT_CARD:" + spaced);
			String amex = synthetic.luhn("37", 15, true);
			String amexPrinted = amex.substring(0, 4) + " " + amex.substring(4, 10) + " " + amex.substring(10);
			assertThat(found("amex " + amexPrinted)).containsExactly("CREDIT_CARD:" + amexPrinted);
			for (String prefix : List.of("51", "2221", "3530", "6011", "62")) {
				String number = synthetic.luhn(prefix, 16, true);
				assertThat(found(number)).containsExactly("CREDIT_CARD:" + number);
			}
		}

		@Test
		void ignoresLookAlikes() {
			assertThat(found("card " + synthetic.luhn("4", 16, false))).isEmpty();
			assertThat(found("order " + synthetic.luhn("9", 16, true))).as("no such issuer").isEmpty();
			assertThat(found("amex " + synthetic.luhn("37", 16, true))).as("Amex has 15 digits").isEmpty();
			String visa = synthetic.luhn("4", 16, true);
			assertThat(found(visa.substring(0, 4) + " " + visa.substring(4, 8) + "-" + visa.substring(8, 12) + " "
					+ visa.substring(12)))
				.as("mixed separators")
				.isEmpty();
			assertThat(found("id " + visa + "7")).isEmpty();
			assertThat(found("id " + visa + "-12")).isEmpty();
		}

	}

	@Nested
	class Ibans {

		@Test
		void findsCompactAndPrinted() {
			String german = Synthetic.iban("DE", synthetic.digits(18));
			assertThat(found("IBAN " + german + ".")).containsExactly("IBAN:" + german);
			String british = Synthetic.iban("GB", "WEST" + synthetic.digits(14));
			String printed = british.replaceAll("(.{4})(?!$)", "$1 ");
			assertThat(found("匯款至 " + printed + " 謝謝")).containsExactly("IBAN:" + printed);
		}

		@Test
		void ignoresWrongCheckDigitsLengthsAndCountries() {
			String german = Synthetic.iban("DE", synthetic.digits(18));
			String wrong = german.substring(0, 2) + (german.charAt(2) == '9' ? '1' : '9') + german.substring(3);
			assertThat(found(wrong)).isEmpty();
			assertThat(found(german + "1")).isEmpty();
			assertThat(found(german.substring(0, 21))).isEmpty();
			assertThat(found(Synthetic.iban("ZZ", synthetic.digits(18)))).isEmpty();
		}

	}

	@Nested
	class IpAddresses {

		@Test
		void findsV4AndV6() {
			assertThat(found("from 192.0.2.15.")).containsExactly("IPV4:192.0.2.15");
			assertThat(found("subnet 10.0.0.0/8")).containsExactly("IPV4:10.0.0.0");
			assertThat(found("主機 2001:db8:85a3:0:0:8a2e:370:7334 停機"))
				.containsExactly("IPV6:2001:db8:85a3:0:0:8a2e:370:7334");
			assertThat(found("link fe80::1ff:fe23:4567:890a%eth0")).containsExactly("IPV6:fe80::1ff:fe23:4567:890a");
			assertThat(found("loopback ::1 and ::ffff:192.0.2.1")).containsExactly("IPV6:::1", "IPV6:::ffff:192.0.2.1");
			assertThat(found("prefix 2001:db8::/32")).containsExactly("IPV6:2001:db8::");
		}

		@ParameterizedTest
		@ValueSource(strings = { "section 1.2.3.4", "Version: 10.0.2.15", "第 4.1.2.3 條", "版本 1.2.0.4", "256.1.1.1",
				"1.2.3.4.5", "v1.2.3.4", "01.02.03.04", "1.2.3", "12:30:45", "std::vector", "00:1A:2B:3C:4D:5E", "a::b",
				"1:2:3:4:5:6:7", "dead:beef" })
		void ignoresLookAlikes(String text) {
			assertThat(found("value " + text + " here")).isEmpty();
		}

	}

	@Nested
	class Secrets {

		@Test
		void awsKeys() {
			String id = "AKIA" + synthetic.token("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
			assertThat(found("key=" + id)).containsExactly("AWS_ACCESS_KEY:" + id);
			assertThat(found("key=" + id.toLowerCase())).isEmpty();
			assertThat(found("key=" + id.substring(0, 19))).isEmpty();
			String secret = "/" + synthetic.mixed(20) + "+" + synthetic.mixed(18);
			assertThat(found("aws_secret_access_key=" + secret)).containsExactly("AWS_SECRET_KEY:" + secret);
			assertThat(found("checksum " + secret)).as("no context").isEmpty();
			assertThat(found("secret " + secret + "A")).as("41 characters").isEmpty();
		}

		@Test
		void providerTokens() {
			List<String> tokens = List.of("AIza" + synthetic.mixed(35), "ghp_" + synthetic.mixed(36),
					"github_pat_" + synthetic.mixed(22) + "_" + synthetic.mixed(59), "sk-" + synthetic.mixed(48),
					"sk-proj-" + synthetic.mixed(60) + "-" + synthetic.mixed(40),
					"sk-ant-api03-" + synthetic.mixed(93) + "AA",
					"xoxb-123456789012-1234567890123-" + synthetic.mixed(24),
					"https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEFGH/" + synthetic.mixed(24),
					"sk_live_" + synthetic.mixed(24), "rk_test_" + synthetic.mixed(30));
			List<String> types = List.of("GCP_API_KEY", "GITHUB_TOKEN", "GITHUB_TOKEN", "OPENAI_API_KEY",
					"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SLACK_TOKEN", "SLACK_TOKEN", "STRIPE_KEY", "STRIPE_KEY");
			for (int k = 0; k < tokens.size(); k++) {
				assertThat(found("token: \"" + tokens.get(k) + "\""))
					.containsExactly(types.get(k) + ":" + tokens.get(k));
			}
		}

		@ParameterizedTest
		@ValueSource(strings = { "sk-your-key-here", "sk-learn", "task-force", "ghp_short",
				"pk_live_abcdefghijklmnopqrstuvwx12", "AIzaShort", "xoxb-not-a-token",
				"mask-abcdefghijklmnopqrstuvwxyzABCDEF0123456789" })
		void ignoresLookAlikes(String text) {
			assertThat(found("value " + text)).isEmpty();
		}

		@Test
		void jwtNeedsAJsonHeaderWithAlg() {
			String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
			String payload = base64Url("{\"sub\":\"42\"}");
			String jwt = header + "." + payload + "." + synthetic.mixed(43);
			assertThat(found("Bearer " + jwt)).containsExactly("JWT:" + jwt);
			String unsigned = base64Url("{\"alg\":\"none\"}") + "." + payload + ".";
			assertThat(found("token " + unsigned + " end")).containsExactly("JWT:" + unsigned);
			assertThat(found(base64Url("{\"typ\":\"JWT\"}") + "." + payload + "." + synthetic.mixed(43))).isEmpty();
			assertThat(found(header + "." + payload)).isEmpty();
			assertThat(found(header + "." + payload + ".")).as("signed alg without a signature").isEmpty();
		}

		@Test
		void privateKeyBlocks() {
			String key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB" + synthetic.mixed(50) + "\n" + synthetic.mixed(40)
					+ "==\n-----END EC PRIVATE KEY-----";
			assertThat(found("key:\n" + key + "\nthanks")).containsExactly("PRIVATE_KEY:" + key);
			String truncated = key.substring(0, key.indexOf("==") + 2);
			assertThat(found("key:\n" + truncated + "\n\n(cut off)")).containsExactly("PRIVATE_KEY:" + truncated);
			assertThat(found("-----BEGIN CERTIFICATE-----\nMIIB" + synthetic.mixed(40) + "\n-----END CERTIFICATE-----"))
				.isEmpty();
		}

		@Test
		void passwordsInConnectionStrings() {
			assertThat(found("jdbc:mysql://db:3306/app?user=app&password=S3cret!x&ssl=true"))
				.containsExactly("PASSWORD:S3cret!x");
			assertThat(found("Server=tcp:db,1433;User ID=sa;Password=Pa55w0rd#;Encrypt=true"))
				.containsExactly("PASSWORD:Pa55w0rd#");
			assertThat(found("Data Source=x;PWD = 'it is long';")).containsExactly("PASSWORD:it is long");
			assertThat(found("DB_PASSWORD=hunter2hunter")).containsExactly("PASSWORD:hunter2hunter");
			assertThat(found("postgres://admin:p@ss@db.example.com:5432/prod")).containsExactly("PASSWORD:p@ss");
			assertThat(found("redis://:r3d1s@cache.example.com:6379")).containsExactly("PASSWORD:r3d1s");
			assertThat(found("{\"user\": \"app\", \"password\": \"t0p-s3cret\"}"))
				.containsExactly("PASSWORD:t0p-s3cret");
		}

		@ParameterizedTest
		@ValueSource(strings = { "password=${DB_PASSWORD}", "password=****", "password=<password>", "pwd={{ secret }}",
				"password=", "the password is long", "https://user@example.com/path", "https://example.com:8443/x",
				"if (password == other)", "cwd=/tmp" })
		void ignoresPlaceholdersAndProse(String text) {
			assertThat(found(text)).isEmpty();
		}

		private static String base64Url(String json) {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
		}

	}

	@Nested
	class Markers {

		@Test
		void defaultMarkers() {
			assertThat(found("【機密】Q3 預估，密件，限閱。")).containsExactly("CONFIDENTIAL:機密", "CONFIDENTIAL:密件",
					"CONFIDENTIAL:限閱");
			assertThat(found("Confidential - do not share")).containsExactly("CONFIDENTIAL:Confidential");
			assertThat(found("a confidentiality agreement")).isEmpty();
		}

		@Test
		void configuredTermsAndPatterns() {
			DetectorSuite suite = DetectorSuite.builder()
				.withoutDefaultMarkers()
				.markerTerms("PROJECT_CODE", List.of("Falcon", "獵鷹計畫"))
				.markerPattern("CONTRACT_NO", "CT-\\d{6}", 9)
				.markerPattern("LONG", "X+", 3)
				.build();
			assertThat(found(suite, "機密: Project falcon (獵鷹計畫) under CT-123456; Falconry is a hobby; XXXX XX"))
				.containsExactly("PROJECT_CODE:falcon", "PROJECT_CODE:獵鷹計畫", "CONTRACT_NO:CT-123456", "LONG:XX");
			assertThat(suite.types()).contains("PROJECT_CODE", "CONTRACT_NO", "EMAIL").doesNotContain("CONFIDENTIAL");
			assertThat(suite.windowSize()).isEqualTo(DetectorSuite.BUILT_IN_WINDOW);
			assertThat(DetectorSuite.builder().markerPattern("P", "a.*b", 500).build().windowSize()).isEqualTo(502);
		}

		@Test
		void aPatternThatCannotFinishOnATextFailsTheScanInsteadOfHangingOrOverflowing() {
			// Catastrophic backtracking (the JDK memoizes greedy (a+)+ but not the lazy
			// form): 2^40
			// paths before "no match".
			DetectorSuite redos = DetectorSuite.builder().markerPattern("CODE", "X-(a+)+?b").build();
			String attack = "X-" + "a".repeat(40) + "!";
			assertTimeoutPreemptively(Duration.ofSeconds(10),
					() -> assertThatThrownBy(() -> redos.scan(attack)).isInstanceOf(ScanFailedException.class)
						.hasMessageContaining("CODE")
						.hasMessageNotContaining("aaaa"));
			// A repeated group over a long run recurses once per repetition.
			DetectorSuite deep = DetectorSuite.builder().markerPattern("PRJ", "PRJ-(\\d|[A-Z])+").build();
			assertThatThrownBy(() -> deep.scan("PRJ-" + "7".repeat(1 << 20))).isInstanceOf(ScanFailedException.class)
				.hasMessageContaining("PRJ");
			// Ordinary texts are scanned as before, the longest allowed body included.
			assertThat(found(redos, "see X-aaab and X-ab")).containsExactly("CODE:X-aaab", "CODE:X-ab");
			assertThat(found(deep, "PRJ-7A9 is due")).containsExactly("PRJ:PRJ-7A9");
			DetectorSuite ordinary = DetectorSuite.builder()
				.markerPattern("CONTRACT_NO", "\\bCT-\\d{6}\\b")
				.markerPattern("PROJECT_CODE", "Project\\s+(Falcon|Heron)")
				.build();
			String large = "Project  Heron, see CT-123456. ".repeat(33_000);
			assertThat(ordinary.scan(large)).hasSize(66_000);
		}

		@Test
		void disablingTypes() {
			DetectorSuite suite = DetectorSuite.builder().disable("IPV4", "CONFIDENTIAL").build();
			assertThat(found(suite, "機密 192.0.2.1 alice@example.com")).containsExactly("EMAIL:alice@example.com");
			assertThat(suite.types()).doesNotContain("IPV4", "CONFIDENTIAL");
			assertThat(found(DetectorSuite.builder().disable("IPV4").enable("IPV4").build(), "192.0.2.1"))
				.containsExactly("IPV4:192.0.2.1");
		}

		@Test
		void badConfigurationIsRejectedWithAReason() {
			assertThatIllegalArgumentException().isThrownBy(() -> DetectorSuite.builder().disable("IPV5").build())
				.withMessageContaining("IPV5")
				.withMessageContaining("IPV4");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> DetectorSuite.builder().markerTerms("secret code", List.of("x")))
				.withMessageContaining("upper snake case");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> DetectorSuite.builder().markerTerms("EMAIL", List.of("x")))
				.withMessageContaining("built-in");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> DetectorSuite.builder().markerTerms("CODE", List.of(" ")))
				.withMessageContaining("blank");
			assertThatIllegalArgumentException().isThrownBy(() -> DetectorSuite.builder().markerPattern("CODE", "a*"))
				.withMessageContaining("empty string");
			assertThatIllegalArgumentException().isThrownBy(() -> DetectorSuite.builder().markerPattern("CODE", "(a"))
				.withMessageContaining("not a valid regular expression");
			assertThatIllegalArgumentException().isThrownBy(() -> DetectorSuite.builder().markerPattern("CODE", "a", 0))
				.withMessageContaining("maxLength");
		}

	}

	@Nested
	class Results {

		@Test
		void overlapsResolveToTheLongestHit() {
			// the password inside the URL, not an e-mail address made of its tail
			assertThat(found("smtp://mailer:s3cret@smtp.example.com")).containsExactly("PASSWORD:s3cret");
			// +1 415-555-0132 as one phone number, not the shorter local one inside it
			assertThat(found("+1 415-555-0132")).containsExactly("PHONE:+1 415-555-0132");
		}

		@Test
		void hitsAreOrderedAndDisjointAcrossTheCorpus() {
			for (Corpus.Case c : Corpus.load().cases()) {
				List<Hit> hits = SUITE.scan(c.text());
				for (int k = 1; k < hits.size(); k++) {
					assertThat(hits.get(k).start()).as(c.id()).isGreaterThanOrEqualTo(hits.get(k - 1).end());
				}
			}
		}

		@Test
		void redactionReplacesAndRestoresHits() {
			String text = "王小明 alice@example.com 0912-345-678，再寄 alice@example.com";
			List<Hit> hits = SUITE.scan(text);
			Redaction redaction = Redaction.of(text, hits, Set.of("EMAIL", "PHONE"));
			assertThat(redaction.text()).isEqualTo("王小明 [EMAIL_1] [PHONE_1]，再寄 [EMAIL_1]");
			assertThat(redaction.restore("Reply to [EMAIL_1]")).isEqualTo("Reply to alice@example.com");
		}

		@Test
		void concurrentScansAgree() {
			List<Corpus.Case> cases = Corpus.load().cases();
			List<List<Hit>> expected = cases.stream().map((c) -> SUITE.scan(c.text())).toList();
			IntStream.range(0, 8).parallel().forEach((round) -> {
				for (int k = 0; k < cases.size(); k++) {
					assertThat(SUITE.scan(cases.get(k).text())).isEqualTo(expected.get(k));
				}
			});
		}

		@Test
		void emptyAndHostileInput() {
			assertThat(SUITE.scan("")).isEmpty();
			assertThat(SUITE.scan("@@@@::::====++++((((----")).isEmpty();
			assertThat(SUITE.scan("9".repeat(10_000))).isEmpty();
			assertThat(SUITE.scan("a@".repeat(5_000))).isEmpty();
			assertThat(SUITE.scan(new StringBuilder("mail bob@example.com"))).hasSize(1);
		}

	}

}
