package dev.aigov.web.ui;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and numbers in the reader's language, for templates ({@code ${@fmt.instant(x)}}).
 * Times are shown in the appliance's time zone, which is named next to them.
 */
@Component("fmt")
public class UiFormats {

	private final ZoneId zone = ZoneId.systemDefault();

	public String instant(Object value) {
		Instant instant = toInstant(value);
		if (instant == null) {
			return (value != null) ? value.toString() : "";
		}
		Locale locale = LocaleContextHolder.getLocale();
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
			.withLocale(locale)
			.withZone(this.zone)
			.format(instant) + " " + this.zone.getId();
	}

	/** An instant for a {@code datetime-local} input, in the appliance's zone. */
	public String inputValue(Object value) {
		Instant instant = toInstant(value);
		return (instant != null)
				? DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(this.zone).format(instant) : "";
	}

	public String date(Object value) {
		if (value == null) {
			return "";
		}
		try {
			return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
				.withLocale(LocaleContextHolder.getLocale())
				.format(LocalDate.parse(value.toString()));
		}
		catch (DateTimeParseException ex) {
			return value.toString();
		}
	}

	public String number(Object value) {
		if (value == null) {
			return "";
		}
		NumberFormat format = NumberFormat.getNumberInstance(LocaleContextHolder.getLocale());
		format.setMaximumFractionDigits(4);
		if (value instanceof Number number) {
			return format.format((number instanceof BigDecimal decimal) ? decimal : number.doubleValue());
		}
		try {
			return format.format(new BigDecimal(value.toString()));
		}
		catch (NumberFormatException ex) {
			return value.toString();
		}
	}

	public String percent(Object value) {
		if (!(value instanceof Number number)) {
			return "";
		}
		NumberFormat format = NumberFormat.getPercentInstance(LocaleContextHolder.getLocale());
		format.setMaximumFractionDigits(1);
		return format.format(number.doubleValue());
	}

	public ZoneId zone() {
		return this.zone;
	}

	static Instant toInstant(Object value) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof String text && !text.isBlank()) {
			try {
				return Instant.parse(text);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

}
