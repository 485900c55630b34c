package dev.aigov.registry.fairness;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.aigov.registry.fairness.PredictionsCsvSpec.Limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PredictionsCsvSpecTests {

	@Test
	void predictionsSpecWithDefaults() {
		PredictionsCsvSpec spec = PredictionsCsvSpec.forPredictions(List.of("race", "sex"), "label", "prediction", "1");

		assertThat(spec.limits()).isEqualTo(Limits.DEFAULT);
		assertThat(spec.privilegedGroup()).isNull();
		assertThat(spec.requiredColumns()).containsExactly("race", "sex", "label", "prediction");
		assertThat(spec.withPrivilegedGroup("Caucasian|Male").privilegedGroup()).isEqualTo("Caucasian|Male");
	}

	@Test
	void scoresSpecReadsTheScoreColumn() {
		PredictionsCsvSpec spec = PredictionsCsvSpec.forScores(List.of("race"), "label", "score", 0.5, "1");

		assertThat(spec.threshold()).isEqualTo(0.5);
		assertThat(spec.requiredColumns()).containsExactly("race", "label", "score");
	}

	@Test
	void rejectsIncompleteOrContradictorySpecs() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PredictionsCsvSpec.forPredictions(List.of(), "label", "prediction", "1"))
			.withMessageStartingWith("groupColumns:");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PredictionsCsvSpec.forPredictions(List.of("race"), " ", "prediction", "1"))
			.withMessageStartingWith("labelColumn:");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new PredictionsCsvSpec(List.of("race"), "label", "prediction", "score", 0.5, "1", null, null))
			.withMessageContaining("exactly one of them");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PredictionsCsvSpec(List.of("race"), "label", null, null, null, "1", null, null))
			.withMessageContaining("exactly one of them");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new PredictionsCsvSpec(List.of("race"), "label", "prediction", null, 0.5, "1", null, null))
			.withMessageStartingWith("threshold:");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PredictionsCsvSpec(List.of("race"), "label", null, "score", null, "1", null, null))
			.withMessageStartingWith("threshold:");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PredictionsCsvSpec.forScores(List.of("race"), "label", "score", Double.NaN, "1"))
			.withMessageStartingWith("threshold:");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PredictionsCsvSpec.forPredictions(List.of("race"), "race", "prediction", "1"))
			.withMessageContaining("column 'race' is named twice");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PredictionsCsvSpec.forPredictions(List.of("race"), "label", "prediction", ""))
			.withMessageStartingWith("favourableLabel:");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PredictionsCsvSpec.forPredictions(List.of("race"), "label", "prediction", " 1"))
			.withMessageStartingWith("favourableLabel:");
	}

	@Test
	void privilegedIntersectionNamesOneValuePerGroupColumn() {
		PredictionsCsvSpec spec = PredictionsCsvSpec.forPredictions(List.of("race", "sex"), "label", "prediction", "1");

		assertThatIllegalArgumentException().isThrownBy(() -> spec.withPrivilegedGroup("Caucasian"))
			.withMessage(
					"privilegedGroup: 'Caucasian' names 1 value(s) but there are 2 group columns [race, sex]; join one value per column with '|'");
		// With one group column the separator is an ordinary character.
		assertThat(PredictionsCsvSpec.forPredictions(List.of("race"), "label", "prediction", "1")
			.withPrivilegedGroup("a|b")
			.privilegedGroup()).isEqualTo("a|b");
	}

	@Test
	void limitsMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Limits(0, 1, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> new Limits(1, 0, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> new Limits(1, 1, 1));
	}

}
