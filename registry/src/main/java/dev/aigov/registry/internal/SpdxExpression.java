package dev.aigov.registry.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the syntax of an SPDX licence expression (SPDX 2.3, Annex D): licence ids and
 * {@code LicenseRef-} references joined by {@code AND}, {@code OR} and {@code WITH}, with
 * parentheses. Whether an id names a known licence is the policy engine's concern.
 */
public final class SpdxExpression {

	private static final Pattern TOKEN = Pattern.compile(
			"\\s*(\\(|\\)|(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9][A-Za-z0-9.-]*\\+?)");

	private final List<String> tokens;

	private int position;

	private SpdxExpression(List<String> tokens) {
		this.tokens = tokens;
	}

	/**
	 * Validates an expression.
	 * @return the expression, trimmed
	 * @throws IllegalArgumentException saying what is wrong and where
	 */
	public static String validate(String expression) {
		if (expression == null || expression.isBlank()) {
			throw new IllegalArgumentException("An SPDX licence expression is required (use NOASSERTION if unknown).");
		}
		String trimmed = expression.strip();
		List<String> tokens = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(trimmed);
		int end = 0;
		while (end < trimmed.length()) {
			if (!matcher.find(end) || matcher.start() != end) {
				throw new IllegalArgumentException("Not an SPDX licence expression: unexpected character at position "
						+ (end + 1) + " in '" + trimmed + "'.");
			}
			tokens.add(matcher.group(1));
			end = matcher.end();
			while (end < trimmed.length() && Character.isWhitespace(trimmed.charAt(end))) {
				end++;
			}
		}
		SpdxExpression parser = new SpdxExpression(tokens);
		parser.orExpression();
		if (parser.position != tokens.size()) {
			String unexpected = tokens.get(parser.position);
			if (isOperator(unexpected.toUpperCase(java.util.Locale.ROOT))) {
				throw new IllegalArgumentException("SPDX operators are upper case: write "
						+ unexpected.toUpperCase(java.util.Locale.ROOT) + " in '" + trimmed + "'.");
			}
			throw new IllegalArgumentException("Not an SPDX licence expression: unexpected '"
					+ tokens.get(parser.position) + "' in '" + trimmed + "'.");
		}
		return trimmed;
	}

	private void orExpression() {
		andExpression();
		while (accept("OR")) {
			andExpression();
		}
	}

	private void andExpression() {
		withExpression();
		while (accept("AND")) {
			withExpression();
		}
	}

	private void withExpression() {
		primary();
		if (accept("WITH")) {
			String exception = next("a licence exception after WITH");
			if (isOperator(exception) || exception.equals("(") || exception.equals(")")) {
				throw new IllegalArgumentException("Not an SPDX licence expression: WITH needs an exception id.");
			}
		}
	}

	private void primary() {
		String token = next("a licence id");
		if (token.equals("(")) {
			orExpression();
			if (!accept(")")) {
				throw new IllegalArgumentException("Not an SPDX licence expression: missing ')'.");
			}
			return;
		}
		if (token.equals(")") || isOperator(token)) {
			throw new IllegalArgumentException(
					"Not an SPDX licence expression: expected a licence id, found '" + token + "'.");
		}
		if (token.equalsIgnoreCase("and") || token.equalsIgnoreCase("or") || token.equalsIgnoreCase("with")) {
			throw new IllegalArgumentException("SPDX operators are upper case: write " + token.toUpperCase() + ".");
		}
	}

	private boolean accept(String expected) {
		if (this.position < this.tokens.size() && this.tokens.get(this.position).equals(expected)) {
			this.position++;
			return true;
		}
		return false;
	}

	private String next(String what) {
		if (this.position >= this.tokens.size()) {
			throw new IllegalArgumentException("Not an SPDX licence expression: expected " + what + " at the end.");
		}
		return this.tokens.get(this.position++);
	}

	private static boolean isOperator(String token) {
		return token.equals("AND") || token.equals("OR") || token.equals("WITH");
	}

}
