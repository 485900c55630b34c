package dev.aigov.policy.internal;

import java.util.List;

import dev.aigov.policy.PolicyProperties;
import dev.aigov.policy.facts.LicenceFact;
import dev.aigov.policy.facts.LicenceFact.Use;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LicenceTableTests {

	private final LicenceTable table = new LicenceTable(new PolicyProperties.Licences(null,
			List.of("LicenseRef-acme-nc"), List.of("LicenseRef-llama-research"), null));

	@ParameterizedTest(name = "{0} -> {1}, share-alike {2}")
	@CsvSource(delimiter = '|', textBlock = """
			MIT                                          | COMMERCIAL     | false
			Apache-2.0 WITH LLVM-exception               | COMMERCIAL     | false
			GPL-2.0-or-later                             | COMMERCIAL     | true
			CC-BY-NC-4.0                                 | NON_COMMERCIAL | false
			CC-BY-NC-4.0 OR MIT                          | COMMERCIAL     | false
			CC-BY-SA-4.0 OR CC-BY-4.0                    | COMMERCIAL     | false
			MIT AND CC-BY-NC-SA-4.0                      | NON_COMMERCIAL | true
			(MIT OR CC-BY-NC-4.0) AND LicenseRef-internal | COMMERCIAL    | false
			LicenseRef-llama-research                    | RESEARCH_ONLY  | false
			LicenseRef-acme-nc AND Apache-2.0            | NON_COMMERCIAL | false
			NOASSERTION                                  | UNKNOWN        | false
			NONE                                         | UNKNOWN        | false
			LicenseRef-someone-elses                     | UNKNOWN        | false
			MIT AND LicenseRef-someone-elses             | UNKNOWN        | false
			MIT OR LicenseRef-someone-elses              | COMMERCIAL     | false
			MIT AND                                      | UNKNOWN        | false
			(MIT                                         | UNKNOWN        | false
			""")
	void readsAnExpressionAgainstCommercialUse(String expression, Use use, boolean shareAlike) {
		LicenceFact fact = this.table.read("dataset-version/d", expression);
		assertThat(fact.use()).isEqualTo(use);
		assertThat(fact.shareAlike()).isEqualTo(shareAlike);
		assertThat(fact.expression()).isEqualTo(expression);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = "   ")
	void aMissingLicenceIsUnknownNeverPermitted(String expression) {
		LicenceFact fact = this.table.read("base-model/b", expression);
		assertThat(fact.use()).isEqualTo(Use.UNKNOWN);
		assertThat(fact.detail()).isEqualTo("no licence recorded");
	}

}
