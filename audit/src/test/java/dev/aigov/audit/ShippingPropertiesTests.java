package dev.aigov.audit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ShippingPropertiesTests {

	@Test
	void theLingerIsBetweenZeroAndOneSecond() {
		assertThat(new AuditProperties.Shipping(true, 2000, Duration.ofMillis(500), 500_000, Duration.ZERO).linger())
			.isZero();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuditProperties.Shipping(true, 2000, Duration.ofMillis(500), 500_000,
					Duration.ofMillis(1001)))
			.withMessageContaining("aigov.audit.shipping.linger");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new AuditProperties.Shipping(true, 2000, Duration.ofMillis(500), 500_000, Duration.ofMillis(-1)))
			.withMessageContaining("aigov.audit.shipping.linger");
	}

}
