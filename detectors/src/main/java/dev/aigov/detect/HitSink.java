package dev.aigov.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import dev.aigov.detect.Hit.Category;

/**
 * Collects the candidates of one scan, then resolves overlaps. One per scan, never
 * shared.
 */
final class HitSink {

	private static final Comparator<Hit> BY_START = Comparator.comparingInt(Hit::start);

	private final boolean[] enabled;

	private final List<Hit> hits = new ArrayList<>();

	private DigitGroups digitGroups;

	HitSink(boolean[] enabled) {
		this.enabled = enabled;
	}

	/** A scratch parser for numbers, reused within one scan. */
	DigitGroups digitGroups() {
		if (this.digitGroups == null) {
			this.digitGroups = new DigitGroups();
		}
		return this.digitGroups;
	}

	boolean wants(BuiltInType type) {
		return this.enabled[type.ordinal()];
	}

	void add(BuiltInType type, int start, int end, double confidence) {
		if (this.enabled[type.ordinal()]) {
			this.hits.add(new Hit(type.name(), type.category(), start, end, confidence));
		}
	}

	void add(String type, Category category, int start, int end, double confidence) {
		this.hits.add(new Hit(type, category, start, end, confidence));
	}

	/**
	 * The hits ordered by start; of overlapping ones the longest wins, then the most
	 * confident, then the earliest.
	 */
	List<Hit> resolve() {
		if (this.hits.isEmpty()) {
			return List.of();
		}
		this.hits.sort(BY_START);
		List<Hit> kept = new ArrayList<>(this.hits.size());
		for (Hit hit : this.hits) {
			if (kept.isEmpty()) {
				kept.add(hit);
				continue;
			}
			Hit last = kept.get(kept.size() - 1);
			if (hit.start() >= last.end()) {
				kept.add(hit);
			}
			else if (better(hit, last)) {
				kept.set(kept.size() - 1, hit);
			}
		}
		return Collections.unmodifiableList(kept);
	}

	private static boolean better(Hit candidate, Hit incumbent) {
		if (candidate.length() != incumbent.length()) {
			return candidate.length() > incumbent.length();
		}
		return candidate.confidence() > incumbent.confidence();
	}

}
