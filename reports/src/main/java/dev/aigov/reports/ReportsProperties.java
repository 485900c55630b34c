package dev.aigov.reports;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where reports are kept and which font the PDFs embed.
 *
 * @param dir where generated reports are stored, one directory per report
 * @param cjkFont a TrueType font or collection ({@code .ttf}, {@code .ttc}) with
 * Traditional Chinese glyphs; unset, the Debian {@code fonts-arphic-uming} font (or
 * another known Debian CJK TrueType font) is used
 */
@ConfigurationProperties(prefix = "aigov.reports")
public record ReportsProperties(@DefaultValue("data/reports") Path dir, Path cjkFont) {
}
