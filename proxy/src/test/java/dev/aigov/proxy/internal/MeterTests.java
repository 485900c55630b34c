package dev.aigov.proxy.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import dev.aigov.proxy.ApplicationKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeterTests {

	private static ApplicationKey key(int requestsPerMinute, ApplicationKey.BudgetPeriod period) {
		return new ApplicationKey("key-1", "app", "hash", Set.of("m"), Set.of(), 100, period, requestsPerMinute,
				Instant.EPOCH, "admin", null);
	}

	@Test
	void theRateLimitCountsRequestsPerMinute() {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:10Z"));
		Meter meter = new Meter(clock);
		ApplicationKey key = key(2, ApplicationKey.BudgetPeriod.DAY);
		assertThat(meter.admitRequest(key)).isTrue();
		assertThat(meter.admitRequest(key)).isTrue();
		assertThat(meter.admitRequest(key)).isFalse();
		clock.now = Instant.parse("2026-11-23T10:01:00Z");
		assertThat(meter.admitRequest(key)).isTrue();
		assertThat(meter.admitRequest(key(0, ApplicationKey.BudgetPeriod.DAY))).isTrue();
	}

	@Test
	void tokensCountPerBudgetPeriodInUtc() {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-23T23:59:00Z"));
		Meter meter = new Meter(clock);
		ApplicationKey daily = key(0, ApplicationKey.BudgetPeriod.DAY);
		ApplicationKey monthly = new ApplicationKey("key-2", "app", "hash", Set.of("m"), Set.of(), 100,
				ApplicationKey.BudgetPeriod.MONTH, 0, Instant.EPOCH, "admin", null);
		meter.record(daily, 40);
		meter.record(daily, 2);
		meter.record(monthly, 40);
		assertThat(meter.used(daily)).isEqualTo(42);
		clock.now = Instant.parse("2026-11-24T00:00:01Z");
		assertThat(meter.used(daily)).isZero();
		assertThat(meter.used(monthly)).isEqualTo(40);
		clock.now = Instant.parse("2026-12-01T00:00:01Z");
		assertThat(meter.used(monthly)).isZero();
	}

	private static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
