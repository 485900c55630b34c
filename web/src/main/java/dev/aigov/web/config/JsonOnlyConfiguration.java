package dev.aigov.web.config;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API speaks JSON (and the RDF, CSV and CycloneDX types its controllers produce
 * explicitly), never XML. Jackson's XML module reaches the classpath through
 * cyclonedx-core-java, and Spring would otherwise register an XML converter that answers
 * a browser's Accept header (XML at q=0.9, any type at q=0.8) with XML.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnlyConfiguration implements WebMvcConfigurer {

	@Override
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
		converters.removeIf((converter) -> converter.getSupportedMediaTypes()
			.stream()
			.anyMatch((type) -> !type.isWildcardSubtype() && type.getSubtype().endsWith("xml")
					&& type.isCompatibleWith(MediaType.APPLICATION_XML)));
	}

}
