package dev.aigov.web.registry;

import java.util.List;
import java.util.Map;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.Kind;
import dev.aigov.registry.ResumeQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lineage, impact and personal-data questions over the résumé. */
@RestController
@RequestMapping("/api/registry")
@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
@Tag(name = "Queries", description = "Lineage, impact and personal-data questions over the résumé")
class QueriesController {

	private final ResumeQueries queries;

	QueriesController(ResumeQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/model-versions/{id}/lineage")
	@Operation(summary = "The lineage graph of a model version (nodes and edges), now or as of an instant")
	ResumeQueries.Lineage lineage(@PathVariable String id, @RequestParam(required = false) String asOf) {
		return this.queries.lineage(id, RegistryController.instant(asOf));
	}

	@GetMapping("/impact")
	@Operation(summary = "What depends on a dataset version, a base model or a licence",
			description = "Give exactly one of 'datasetVersion', 'baseModel' or 'licence' (an SPDX id). "
					+ "Returns the model versions that depend on it, even indirectly, and their deployments.")
	ResumeQueries.Impact impact(@RequestParam(required = false) String datasetVersion,
			@RequestParam(required = false) String baseModel, @RequestParam(required = false) String licence) {
		long given = java.util.stream.Stream.of(datasetVersion, baseModel, licence)
			.filter(java.util.Objects::nonNull)
			.count();
		if (given != 1) {
			throw new InvalidResumeException("datasetVersion",
					"Give exactly one of 'datasetVersion', 'baseModel' or 'licence'.");
		}
		if (licence != null) {
			return this.queries.impactOfLicence(licence);
		}
		return (datasetVersion != null) ? this.queries.impact(new EntityRef(Kind.DATASET_VERSION, datasetVersion))
				: this.queries.impact(new EntityRef(Kind.BASE_MODEL, baseModel));
	}

	@GetMapping("/personal-data-without-legal-basis")
	@Operation(summary = "Dataset versions with personal data but no recorded legal basis, and who uses them")
	Map<String, List<String>> personalDataWithoutLegalBasis() {
		return this.queries.personalDataWithoutLegalBasis();
	}

}
