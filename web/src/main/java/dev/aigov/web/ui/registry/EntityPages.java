package dev.aigov.web.ui.registry;

/** Where each kind of résumé entity is shown. */
public final class EntityPages {

	private EntityPages() {
	}

	/**
	 * The page of an entity: a model version opens its résumé, anything else its entity
	 * page. Templates build the same links with {@code @{...}}.
	 */
	public static String href(String kindSegment, String id) {
		return kindSegment.equals("model-version") ? "/model-versions/" + id : "/registry/" + kindSegment + "/" + id;
	}

}
