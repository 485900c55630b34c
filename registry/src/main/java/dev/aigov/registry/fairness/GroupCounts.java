package dev.aigov.registry.fairness;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The confusion matrix of every group found in an upload: all a fairness evaluation
 * needs, with no row kept.
 *
 * @param groupColumns the column(s) the groups come from, in intersection order
 * @param byGroup each group's counts, keyed by group name and iterated in name order;
 * every group has at least one row
 */
public record GroupCounts(List<String> groupColumns, SortedMap<String, ConfusionCounts> byGroup) {

	/**
	 * Copies the inputs and checks that every group has rows.
	 * @throws IllegalArgumentException if there are no group columns or a group is empty
	 */
	public GroupCounts {
		if (groupColumns == null || groupColumns.isEmpty()) {
			throw new IllegalArgumentException("groupColumns: at least one group column is required");
		}
		groupColumns = List.copyOf(groupColumns);
		byGroup.forEach((group, counts) -> {
			if (counts.total() == 0) {
				throw new IllegalArgumentException("group '" + group + "' has no rows");
			}
		});
		byGroup = Collections.unmodifiableSortedMap(new TreeMap<>(byGroup));
	}

	/**
	 * Counts for groups given in any order.
	 * @param groupColumns the group column(s)
	 * @param byGroup each group's counts
	 * @return the counts, in group name order
	 */
	public static GroupCounts of(List<String> groupColumns, Map<String, ConfusionCounts> byGroup) {
		return new GroupCounts(groupColumns, new TreeMap<>(byGroup));
	}

	/**
	 * All rows, over every group.
	 * @return the number of rows
	 */
	public long rows() {
		return this.byGroup.values().stream().mapToLong(ConfusionCounts::total).sum();
	}

}
