package dev.aigov.registry.fairness;

/**
 * The binary confusion matrix of one group: how many rows fall in each combination of
 * true label and predicted label, "positive" being the favourable value.
 *
 * @param truePositives label favourable, prediction favourable
 * @param falsePositives label unfavourable, prediction favourable
 * @param trueNegatives label unfavourable, prediction unfavourable
 * @param falseNegatives label favourable, prediction unfavourable
 */
public record ConfusionCounts(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

	/**
	 * Checks that no count is negative.
	 * @throws IllegalArgumentException if one is
	 */
	public ConfusionCounts {
		if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
			throw new IllegalArgumentException("confusion counts cannot be negative: TP=%d FP=%d TN=%d FN=%d"
				.formatted(truePositives, falsePositives, trueNegatives, falseNegatives));
		}
	}

	/**
	 * All rows: {@code TP + FP + TN + FN}.
	 * @return the number of rows
	 */
	public long total() {
		return this.truePositives + this.falsePositives + this.trueNegatives + this.falseNegatives;
	}

	/**
	 * Rows predicted favourable: {@code TP + FP}.
	 * @return the count
	 */
	public long predictedPositives() {
		return this.truePositives + this.falsePositives;
	}

	/**
	 * Rows whose true label is favourable: {@code TP + FN}.
	 * @return the count
	 */
	public long actualPositives() {
		return this.truePositives + this.falseNegatives;
	}

	/**
	 * Rows whose true label is unfavourable: {@code FP + TN}.
	 * @return the count
	 */
	public long actualNegatives() {
		return this.falsePositives + this.trueNegatives;
	}

}
