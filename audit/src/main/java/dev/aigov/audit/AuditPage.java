package dev.aigov.audit;

import java.util.List;
import java.util.Map;

/**
 * One page of audit records, newest first.
 *
 * @param records the documents as indexed (ECS and {@code gen_ai.*} field names), without
 * encrypted content
 * @param total how many records match (exact up to 10,000, then a lower bound)
 * @param totalIsExact whether {@code total} is exact
 * @param next token for the next page, or {@code null} on the last page
 */
public record AuditPage(List<Map<String, Object>> records, long total, boolean totalIsExact, String next) {

	public AuditPage {
		records = List.copyOf(records);
	}

}
