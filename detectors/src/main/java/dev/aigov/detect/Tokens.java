package dev.aigov.detect;

import java.nio.charset.StandardCharsets;

/**
 * Credentials recognised by their shape: cloud access keys and API tokens of common
 * providers (by their documented prefixes), JSON Web Tokens (by their decoded header),
 * and AWS secret keys (40 base64 characters near the word "secret"). Entered at the start
 * of a word.
 */
final class Tokens {

	private static final String[] AWS_KEY_PREFIXES = { "AKIA", "ASIA", "ABIA", "ACCA" };

	private static final String[] GITHUB_PREFIXES = { "ghp_", "gho_", "ghu_", "ghs_", "ghr_" };

	private static final String[] SLACK_PREFIXES = { "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-" };

	private static final String SLACK_WEBHOOK = "https://hooks.slack.com/services/";

	private static final int AWS_SECRET_CONTEXT = 100;

	private Tokens() {
	}

	/** At an ASCII letter or digit that starts a word. */
	static void atWord(String s, int i, char c, HitSink out) {
		switch (c) {
			case 'A' -> {
				awsAccessKey(s, i, out);
				prefixed(s, i, "AIza", 35, 35, BuiltInType.GCP_API_KEY, 0.95, out);
			}
			case 'g' -> {
				for (String prefix : GITHUB_PREFIXES) {
					if (prefixed(s, i, prefix, 36, 36, BuiltInType.GITHUB_TOKEN, 0.97, out)) {
						break;
					}
				}
				prefixed(s, i, "github_pat_", 60, 255, BuiltInType.GITHUB_TOKEN, 0.97, out);
			}
			case 's' -> {
				if (s.startsWith("sk-", i)) {
					skKey(s, i, out);
				}
				else {
					stripe(s, i, out);
				}
			}
			case 'r' -> stripe(s, i, out);
			case 'x' -> slack(s, i, out);
			case 'h' -> slackWebhook(s, i, out);
			case 'e' -> jwt(s, i, out);
			default -> {
			}
		}
	}

	/** AKIA + 16 upper-case letters or digits (base32 in practice). */
	private static void awsAccessKey(String s, int i, HitSink out) {
		int end = i + 20;
		if (end > s.length() || !Chars.wordEnd(s, end) || !out.wants(BuiltInType.AWS_ACCESS_KEY)) {
			return;
		}
		boolean prefix = false;
		for (String p : AWS_KEY_PREFIXES) {
			prefix |= s.startsWith(p, i);
		}
		if (!prefix) {
			return;
		}
		boolean base32 = true;
		for (int k = i + 4; k < end; k++) {
			char c = s.charAt(k);
			if (!Chars.isUpper(c) && !Chars.isDigit(c)) {
				return;
			}
			base32 &= Chars.isUpper(c) || (c >= '2' && c <= '7');
		}
		out.add(BuiltInType.AWS_ACCESS_KEY, i, end, base32 ? 0.95 : 0.85);
	}

	/**
	 * A token made of a prefix and {@code min..max} base64url characters, ending where
	 * the alphabet ends.
	 */
	private static boolean prefixed(String s, int i, String prefix, int min, int max, BuiltInType type,
			double confidence, HitSink out) {
		if (!s.startsWith(prefix, i) || !out.wants(type)) {
			return false;
		}
		int bodyStart = i + prefix.length();
		int end = Chars.tokenEnd(s, bodyStart, max);
		int length = end - bodyStart;
		if (length < min || length > max || !Chars.mixed(s, bodyStart, end) && length < 60) {
			return false;
		}
		out.add(type, i, end, confidence);
		return true;
	}

	/** OpenAI (sk-..., sk-proj-...) and Anthropic (sk-ant-api03-...) keys. */
	private static void skKey(String s, int i, HitSink out) {
		int end = Chars.tokenEnd(s, i + 3, 300);
		if (s.startsWith("sk-ant-", i)) {
			if (end - i >= 47 && Chars.mixed(s, i + 7, end)) {
				out.add(BuiltInType.ANTHROPIC_API_KEY, i, end, 0.97);
			}
			return;
		}
		int bodyStart = i + 3;
		for (String project : new String[] { "proj-", "svcacct-", "admin-" }) {
			if (s.startsWith(project, bodyStart)) {
				bodyStart += project.length();
				break;
			}
		}
		if (end - bodyStart >= 32 && end - bodyStart <= 250 && Chars.mixed(s, bodyStart, end)) {
			out.add(BuiltInType.OPENAI_API_KEY, i, end, 0.9);
		}
	}

	/** sk_live_..., rk_test_...: Stripe secret and restricted keys. */
	private static void stripe(String s, int i, HitSink out) {
		if (i + 8 > s.length() || s.charAt(i + 1) != 'k' || s.charAt(i + 2) != '_'
				|| !(s.startsWith("live_", i + 3) || s.startsWith("test_", i + 3))) {
			return;
		}
		int end = Chars.tokenEnd(s, i + 8, 250);
		if (end - i - 8 >= 24 && Chars.mixed(s, i + 8, end)) {
			out.add(BuiltInType.STRIPE_KEY, i, end, 0.97);
		}
	}

	private static void slack(String s, int i, HitSink out) {
		for (String prefix : SLACK_PREFIXES) {
			if (s.startsWith(prefix, i)) {
				int end = Chars.tokenEnd(s, i + prefix.length(), 250);
				int digits = 0;
				for (int k = i + prefix.length(); k < end; k++) {
					digits += Chars.isDigit(s.charAt(k)) ? 1 : 0;
				}
				if (end - i >= 20 && digits >= 6) {
					out.add(BuiltInType.SLACK_TOKEN, i, end, 0.95);
				}
				return;
			}
		}
	}

	/** https://hooks.slack.com/services/T.../B.../...: anyone holding it can post. */
	private static void slackWebhook(String s, int i, HitSink out) {
		if (!s.startsWith(SLACK_WEBHOOK, i)) {
			return;
		}
		int pos = i + SLACK_WEBHOOK.length();
		int n = s.length();
		while (pos < n && (Chars.isAlnum(s.charAt(pos)) || s.charAt(pos) == '/')) {
			pos++;
		}
		if (pos - i - SLACK_WEBHOOK.length() >= 20) {
			out.add(BuiltInType.SLACK_TOKEN, i, pos, 0.95);
		}
	}

	/**
	 * header.payload.signature in base64url, the header decoding to a JSON object with
	 * "alg"; the signature may be empty only for alg "none".
	 */
	private static void jwt(String s, int i, HitSink out) {
		if (!s.startsWith("eyJ", i) || !out.wants(BuiltInType.JWT)) {
			return;
		}
		int n = s.length();
		int headerEnd = Chars.tokenEnd(s, i, 2000);
		if (headerEnd >= n || s.charAt(headerEnd) != '.' || headerEnd - i < 10) {
			return;
		}
		int payloadEnd = Chars.tokenEnd(s, headerEnd + 1, 100_000);
		if (payloadEnd >= n || s.charAt(payloadEnd) != '.' || payloadEnd - headerEnd - 1 < 4
				|| !s.startsWith("ey", headerEnd + 1)) {
			return;
		}
		int end = Chars.tokenEnd(s, payloadEnd + 1, 10_000);
		String header = decodeBase64Url(s, i, headerEnd);
		if (header == null || !header.startsWith("{") || !header.endsWith("}") || !header.contains("\"alg\"")) {
			return;
		}
		boolean unsigned = header.replace(" ", "").contains("\"alg\":\"none\"");
		if (end - payloadEnd - 1 < (unsigned ? 0 : 16)) {
			return;
		}
		if (end < n && s.charAt(end) == '.' && end + 1 < n && Chars.isTokenChar(s.charAt(end + 1))) {
			return; // five parts: an encrypted JWE, not a signed token
		}
		out.add(BuiltInType.JWT, i, end, 0.97);
	}

	static String decodeBase64Url(String s, int from, int to) {
		byte[] bytes = new byte[(to - from) * 3 / 4 + 1];
		int count = 0;
		int buffer = 0;
		int bits = 0;
		for (int k = from; k < to; k++) {
			char c = s.charAt(k);
			int value;
			if (Chars.isUpper(c)) {
				value = c - 'A';
			}
			else if (Chars.isLower(c)) {
				value = c - 'a' + 26;
			}
			else if (Chars.isDigit(c)) {
				value = c - '0' + 52;
			}
			else if (c == '-') {
				value = 62;
			}
			else if (c == '_') {
				value = 63;
			}
			else {
				return null;
			}
			buffer = (buffer << 6) | value;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				bytes[count++] = (byte) (buffer >> bits);
				buffer &= (1 << bits) - 1;
			}
		}
		return new String(bytes, 0, count, StandardCharsets.UTF_8).strip();
	}

	/**
	 * At an "s" or "S": if it starts the word "secret" (any case, also inside
	 * aws_secret_access_key or SecretAccessKey), looks for an AWS secret key within the
	 * next 100 characters: 40 characters of base64 with upper case, lower case and
	 * digits, standing alone.
	 */
	static void afterSecret(String s, int i, HitSink out) {
		if (!Chars.matchesIgnoreCase(s, i, "secret") || !out.wants(BuiltInType.AWS_SECRET_KEY)) {
			return;
		}
		int n = s.length();
		int limit = Math.min(n - 40, i + AWS_SECRET_CONTEXT);
		for (int k = i + 6; k <= limit; k++) {
			if (Chars.isBase64(s.charAt(k)) && !Chars.isBase64(s.charAt(k - 1))) {
				int end = k;
				int stop = Math.min(n, k + 41);
				while (end < stop && Chars.isBase64(s.charAt(end))) {
					end++;
				}
				if (end - k == 40 && (end == n || s.charAt(end) != '=') && Chars.mixed(s, k, end)) {
					out.add(BuiltInType.AWS_SECRET_KEY, k, end, 0.9);
				}
				k = end;
			}
		}
	}

}
