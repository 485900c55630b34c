package dev.aigov.sbom;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How ML-BOMs are generated, and where imported SBOMs are kept.
 *
 * @param publicUrl the appliance's public URL (such as
 * {@code https://aigov.example.org}), used in each BOM's link to the résumé API; unset,
 * the link is relative ({@code /api/registry/model-versions/{id}/resume})
 * @param storeDir where imported SBOMs are stored, one file per SHA-256
 */
@ConfigurationProperties(prefix = "aigov.sbom")
public record SbomProperties(URI publicUrl, @DefaultValue("data/sboms") Path storeDir) {

	/**
	 * Checks the URL.
	 * @throws IllegalArgumentException if the public URL is set but not an absolute
	 * http(s) URL without query or fragment
	 */
	public SbomProperties {
		publicUrl = (publicUrl != null && publicUrl.toString().isBlank()) ? null : publicUrl;
		if (publicUrl != null) {
			checkPublicUrl(publicUrl);
		}
	}

	/** The URL without a trailing slash. */
	static String checkPublicUrl(URI url) {
		boolean http = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
		if (!http || url.getHost() == null || url.getQuery() != null || url.getFragment() != null
				|| url.getUserInfo() != null) {
			throw new IllegalArgumentException("aigov.sbom.public-url must be an absolute http(s) URL without "
					+ "credentials, query or fragment, such as https://aigov.example.org; got " + url);
		}
		String text = url.toString();
		return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
	}

}
