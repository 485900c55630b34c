package dev.aigov.proxy;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process detectors the proxy runs on every prompt and answer
 * ({@code detectors/README.md} lists the built-in types).
 *
 * @param disabled built-in types to switch off, e.g. {@code IPV4}
 * @param defaultMarkers whether the built-in confidential markers (機密, 密件, 限閱,
 * CONFIDENTIAL) are looked for
 * @param markers the organisation's own markers: a type name (UPPER_SNAKE_CASE) and its
 * literal terms, e.g. {@code PROJECT_CODENAME: [Aurora, 極光計畫]}
 * @param markerPatterns markers as regular expressions, by type name
 */
@ConfigurationProperties("aigov.proxy.detectors")
public record DetectorProperties(@DefaultValue List<String> disabled, @DefaultValue("true") boolean defaultMarkers,
		@DefaultValue Map<String, List<String>> markers, @DefaultValue Map<String, String> markerPatterns) {

}
