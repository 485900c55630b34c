package dev.aigov.policy.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aigov.policy.PolicyProperties;
import dev.aigov.policy.facts.LicenceFact;
import dev.aigov.policy.facts.LicenceFact.Use;

/**
 * Reads an SPDX licence expression against commercial use. {@code OR} offers a choice, so
 * the most permissive branch counts; {@code AND} adds obligations, so the strictest part
 * counts; {@code WITH} keeps the licence's class. An id the table does not know is
 * {@link Use#UNKNOWN}: it fails rather than passes.
 */
final class LicenceTable {

	private static final Set<String> COMMERCIAL = Set.of("MIT", "MIT-0", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause",
			"BSD-3-Clause-Clear", "ISC", "0BSD", "Zlib", "Unlicense", "CC0-1.0", "CC-BY-3.0", "CC-BY-4.0", "PDDL-1.0",
			"ODC-By-1.0", "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "BSL-1.0", "PSF-2.0", "Python-2.0", "OpenRAIL",
			"CreativeML-OpenRAIL-M", "OFL-1.1", "Artistic-2.0", "UPL-1.0", "NCSA", "X11", "W3C", "LGPL-2.1-only",
			"LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "MPL-2.0", "EPL-2.0", "GPL-2.0-only",
			"GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later",
			"CC-BY-SA-3.0", "CC-BY-SA-4.0", "ODbL-1.0", "CDLA-Sharing-1.0", "EUPL-1.2");

	private static final Set<String> SHARE_ALIKE = Set.of("LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only",
			"LGPL-3.0-or-later", "MPL-2.0", "EPL-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only",
			"GPL-3.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "ODbL-1.0",
			"CDLA-Sharing-1.0", "EUPL-1.2", "CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0");

	private static final Set<String> NON_COMMERCIAL = Set.of("CC-BY-NC-2.0", "CC-BY-NC-3.0", "CC-BY-NC-4.0",
			"CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-3.0", "CC-BY-NC-ND-4.0");

	private static final Set<String> RESEARCH_ONLY = Set.of("C-UDA-1.0");

	private static final Pattern TOKEN = Pattern.compile("\\s*(\\(|\\)|[A-Za-z0-9:.+-]+)");

	private final Set<String> commercial = new HashSet<>(COMMERCIAL);

	private final Set<String> nonCommercial = new HashSet<>(NON_COMMERCIAL);

	private final Set<String> researchOnly = new HashSet<>(RESEARCH_ONLY);

	private final Set<String> shareAlike = new HashSet<>(SHARE_ALIKE);

	LicenceTable(PolicyProperties.Licences organisation) {
		this.commercial.addAll(organisation.commercial());
		this.nonCommercial.addAll(organisation.nonCommercial());
		this.researchOnly.addAll(organisation.researchOnly());
		this.shareAlike.addAll(organisation.shareAlike());
	}

	LicenceFact read(String subject, String expression) {
		if (expression == null || expression.isBlank()) {
			return new LicenceFact(subject, null, Use.UNKNOWN, false, "no licence recorded");
		}
		try {
			Parser parser = new Parser(tokens(expression));
			Reading reading = parser.or();
			if (parser.position != parser.tokens.size()) {
				throw new IllegalArgumentException("unexpected '" + parser.tokens.get(parser.position) + "'");
			}
			return new LicenceFact(subject, expression, reading.use, reading.shareAlike,
					String.join(", ", reading.ids));
		}
		catch (IllegalArgumentException ex) {
			return new LicenceFact(subject, expression, Use.UNKNOWN, false,
					"not a readable SPDX expression: " + ex.getMessage());
		}
	}

	private Reading single(String token) {
		String id = token.endsWith("+") ? token.substring(0, token.length() - 1) : token;
		Use use;
		if (this.nonCommercial.contains(id)) {
			use = Use.NON_COMMERCIAL;
		}
		else if (this.researchOnly.contains(id)) {
			use = Use.RESEARCH_ONLY;
		}
		else if (this.commercial.contains(id)) {
			use = Use.COMMERCIAL;
		}
		else {
			use = Use.UNKNOWN; // NOASSERTION, NONE and every id not in the table
		}
		return new Reading(use, this.shareAlike.contains(id), List.of(id));
	}

	private static List<String> tokens(String expression) {
		List<String> tokens = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(expression);
		int end = 0;
		String rest = expression.strip();
		while (end < rest.length()) {
			if (!matcher.reset(rest).find(end) || matcher.start() != end) {
				throw new IllegalArgumentException("unexpected character at position " + (end + 1));
			}
			tokens.add(matcher.group(1));
			end = matcher.end();
			while (end < rest.length() && Character.isWhitespace(rest.charAt(end))) {
				end++;
			}
		}
		return tokens;
	}

	private record Reading(Use use, boolean shareAlike, List<String> ids) {

		/** Ordered from most to least permissive; share-alike is worse than none. */
		int rank() {
			return this.use.ordinal() * 2 + (this.shareAlike ? 1 : 0);
		}

	}

	private final class Parser {

		private final List<String> tokens;

		private int position;

		Parser(List<String> tokens) {
			this.tokens = tokens;
		}

		Reading or() {
			Reading best = and();
			while (accept("OR")) {
				Reading next = and();
				best = (next.rank() < best.rank()) ? next : best;
			}
			return best;
		}

		Reading and() {
			Reading result = with();
			while (accept("AND")) {
				Reading next = with();
				List<String> ids = new ArrayList<>(result.ids);
				ids.addAll(next.ids);
				result = new Reading((next.use.compareTo(result.use) > 0) ? next.use : result.use,
						result.shareAlike || next.shareAlike, ids);
			}
			return result;
		}

		Reading with() {
			Reading licence = primary();
			if (accept("WITH")) {
				next(); // the exception keeps the licence's class
			}
			return licence;
		}

		Reading primary() {
			if (accept("(")) {
				Reading inner = or();
				if (!accept(")")) {
					throw new IllegalArgumentException("missing ')'");
				}
				return inner;
			}
			String token = next();
			if (Set.of("AND", "OR", "WITH", ")").contains(token.toUpperCase(Locale.ROOT))) {
				throw new IllegalArgumentException("unexpected '" + token + "'");
			}
			return single(token);
		}

		private boolean accept(String token) {
			if (this.position < this.tokens.size() && this.tokens.get(this.position).equals(token)) {
				this.position++;
				return true;
			}
			return false;
		}

		private String next() {
			if (this.position >= this.tokens.size()) {
				throw new IllegalArgumentException("the expression ends too early");
			}
			return this.tokens.get(this.position++);
		}

	}

}
