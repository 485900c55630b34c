package dev.aigov.registry;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vocabulary file documents every term the registry writes, in English and
 * Traditional Chinese.
 */
class VocabularyTests {

	@Test
	void everyOwnTermTheSchemaUsesIsDefinedWithEnglishAndChineseLabels() throws Exception {
		Model vocabulary = ModelFactory.createDefaultModel();
		try (InputStream in = VocabularyTests.class.getResourceAsStream("/dev/aigov/registry/aigov-vocabulary.ttl")) {
			RDFDataMgr.read(vocabulary, in, Lang.TURTLE);
		}
		Set<String> used = new HashSet<>();
		for (Kind kind : Kind.values()) {
			ResumeSchema.types(kind).stream().filter((type) -> type.startsWith(ResumeSchema.AIGOV)).forEach(used::add);
			for (FieldSpec field : ResumeSchema.fields(kind).values()) {
				used.add(field.predicate());
				field.values().values().forEach(used::add);
			}
		}
		List<String> undocumented = new ArrayList<>();
		for (String term : used) {
			if (!term.startsWith(ResumeSchema.AIGOV) || term.contains("-kind/")
					|| term.contains("/") && term.substring(ResumeSchema.AIGOV.length()).contains("/")) {
				continue; // other vocabularies, and enumerations minted under a path
			}
			Resource resource = vocabulary.getResource(term);
			boolean english = resource.listProperties(RDFS.label)
				.toList()
				.stream()
				.anyMatch((s) -> "en".equals(s.getLanguage()));
			boolean chinese = resource.listProperties(RDFS.label)
				.toList()
				.stream()
				.anyMatch((s) -> "zh-TW".equals(s.getLanguage()));
			if (!english || !chinese) {
				undocumented.add(term);
			}
		}
		assertThat(undocumented).as("aigov: terms without en and zh-TW labels in aigov-vocabulary.ttl").isEmpty();
	}

}
