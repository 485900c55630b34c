package dev.aigov.proxy.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.aigov.proxy.ApplicationKey;

import org.springframework.stereotype.Component;

/**
 * Token budgets and request rates per application key, counted in this instance's memory
 * (periods in UTC). With several proxy instances each enforces its own count; ADR 010
 * says what that means.
 */
@Component
class Meter {

	private final ConcurrentMap<String, Usage> usage = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

	private final Clock clock;

	Meter() {
		this(Clock.systemUTC());
	}

	Meter(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Counts a request against the key's per-minute limit.
	 * @return whether it is within the limit
	 */
	boolean admitRequest(ApplicationKey key) {
		if (key.requestsPerMinute() <= 0) {
			return true;
		}
		long minute = this.clock.millis() / 60_000;
		Window window = this.windows.compute(key.id(), (id, current) -> (current == null || current.minute() != minute)
				? new Window(minute, new AtomicLong()) : current);
		return window.count().incrementAndGet() <= key.requestsPerMinute();
	}

	/** Tokens the key used in its current budget period. */
	long used(ApplicationKey key) {
		Usage current = this.usage.get(key.id());
		return (current != null && current.period() == period(key)) ? current.tokens().get() : 0;
	}

	/** Adds tokens a call consumed. */
	void record(ApplicationKey key, long tokens) {
		if (tokens <= 0) {
			return;
		}
		long period = period(key);
		this.usage.compute(key.id(), (id, current) -> (current == null || current.period() != period)
				? new Usage(period, new AtomicLong()) : current)
			.tokens()
			.addAndGet(tokens);
	}

	private long period(ApplicationKey key) {
		ZonedDateTime now = this.clock.instant().atZone(ZoneOffset.UTC);
		ZonedDateTime start = switch (key.budgetPeriod()) {
			case HOUR -> now.truncatedTo(ChronoUnit.HOURS);
			case DAY -> now.truncatedTo(ChronoUnit.DAYS);
			case MONTH -> now.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
		};
		return start.toEpochSecond();
	}

	private record Usage(long period, AtomicLong tokens) {
	}

	private record Window(long minute, AtomicLong count) {
	}

}
