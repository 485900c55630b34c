package dev.aigov.bench.detect;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.aigov.detect.DetectorSuite;
import dev.aigov.detect.Hit;
import dev.aigov.detect.HoldBackWindow;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole default detector suite over realistic 1 KB prompts (1,024 UTF-8 bytes: mixed
 * English and Traditional Chinese, with and without hits, and a code snippet full of
 * secrets). Target: at most 20 microseconds per prompt. {@code streamed} pushes the same
 * prompt through a {@link HoldBackWindow} in 8-character chunks, as a streamed answer
 * arrives.
 *
 * <pre>
 * mvn -B -Pjmh -pl bench -am -DskipTests verify -Djmh.args="DetectorBenchmark -f 1 -wi 3 -i 5"
 * </pre>
 *
 * All values in the prompts are documentation examples or synthetic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorBenchmark {

	private static final String CLEAN = """
			您好，我們正在規劃下一季的產品發表會，想請你協助整理一份簡報大綱。\
			The audience is mostly enterprise customers in Taipei and Singapore, so please keep the tone \
			professional but friendly. 第一部分介紹市場趨勢，包括生成式 AI 在製造業與金融業的應用案例；\
			第二部分說明我們的平台架構、資料治理流程與模型評估方法，特別是如何在上線前做偏誤測試；\
			the third part should cover pricing tiers, onboarding timelines and the support model. \
			請在每一頁附上講者備註，並建議適合的圖表類型。Also list three risks we should address in the Q&A, \
			for example latency in the 2.4 release, integration effort with legacy ERP systems, and data \
			residency questions. 最後請用條列式整理出三個重點結論，字數控制在兩百字以內。\
			Thanks a lot, and let me know if anything is unclear before Friday 15:30.""";

	private static final String HITS = """
			請協助回覆這位客戶：王小明先生（身分證 A123456789）來信表示信用卡 4111 1111 1111 1111 \
			被重複扣款兩次，金額 NT$3,280。他的聯絡電話是 0912-345-678，公司電話 (02) 2345-6789，\
			Email: ming.wang@example.com.tw。發票抬頭為範例科技股份有限公司，統一編號 35817839。\
			The refund should go to IBAN GB82 WEST 1234 5698 7654 32 if the card cannot be credited. \
			His last login came from 192.0.2.44 on 2024-05-17 10:42. 此案為【機密】等級，請勿轉寄。\
			Please draft a polite reply in Traditional Chinese that apologises for the inconvenience, \
			explains that the duplicate charge will be reversed within 7 business days, and asks him to \
			confirm the last four digits of the card. 請不要在回覆中重複完整卡號或身分證字號。\
			Also add a short internal note for the finance team summarising the case and the amount.""";

	private static final String CODE = """
			Why does this deploy script fail? 這段設定在本機可以跑，上到 CI 就失敗：
			export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
			export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
			DATABASE_URL=postgres://deploy:Tr0ub4dor-3@db.internal.example.com:5432/app
			curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c" \\
			  https://api.example.com/v2/deploy?env=staging&version=1.4.2
			The job log says 403 after 12:03:44, retrying 3 times. 我懷疑是權限或 token 過期，
			but the same token works from my laptop at 10.20.30.40. Can you review the script, point out \
			what is wrong, and suggest how to move these values into the CI secret store instead? \
			請一併說明要怎麼輪替已經外洩的金鑰，以及 GitHub Actions 的 OIDC 設定步驟。""";

	@Param({ "clean", "hits", "code" })
	public String prompt;

	private String text;

	private final DetectorSuite suite = DetectorSuite.defaults();

	@Setup
	public void setUp() {
		this.text = oneKilobyte(source(this.prompt));
		List<Hit> hits = this.suite.scan(this.text);
		if (this.prompt.equals("clean") != hits.isEmpty()) {
			throw new IllegalStateException("Unexpected hits in " + this.prompt + ": " + hits);
		}
		System.out.printf("%n%s: %d chars, %d UTF-8 bytes, %d hits %s%n", this.prompt, this.text.length(),
				this.text.getBytes(StandardCharsets.UTF_8).length, hits.size(), hits.stream().map(Hit::type).toList());
	}

	static String source(String prompt) {
		return switch (prompt) {
			case "clean" -> CLEAN;
			case "hits" -> HITS;
			case "code" -> CODE;
			default -> throw new IllegalArgumentException(prompt);
		};
	}

	/** Repeats or cuts the text to 1,024 UTF-8 bytes, never inside a character. */
	static String oneKilobyte(String source) {
		StringBuilder out = new StringBuilder();
		int bytes = 0;
		int k = 0;
		while (true) {
			int cp = source.codePointAt(k % source.length());
			int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + size > 1024) {
				return out.toString();
			}
			out.appendCodePoint(cp);
			bytes += size;
			k += Character.charCount(cp);
		}
	}

	@Benchmark
	public List<Hit> scan() {
		return this.suite.scan(this.text);
	}

	@Benchmark
	public void streamed(Blackhole blackhole) {
		HoldBackWindow window = this.suite.newWindow();
		for (int k = 0; k < this.text.length(); k += 8) {
			blackhole.consume(window.accept(this.text.substring(k, Math.min(this.text.length(), k + 8))));
		}
		blackhole.consume(window.finish());
	}

}
