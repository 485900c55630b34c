package dev.aigov.sbom;

import java.time.Clock;

import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeReader;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ML-BOM module's beans, configured by {@code aigov.sbom.*}. Picked up by the
 * application's component scan of {@code dev.aigov}, like {@link MlBomService}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SbomProperties.class)
class SbomConfiguration {

	@Bean
	MlBomGenerator mlBomGenerator(SbomProperties properties) {
		return new MlBomGenerator(properties.publicUrl());
	}

	@Bean
	BomValidator bomValidator() {
		return new BomValidator();
	}

	@Bean
	BomImporter bomImporter(BomValidator validator) {
		return new BomImporter(validator);
	}

	@Bean
	ExternalSboms externalSboms(BomImporter importer, RegistryService registry, ResumeReader resumes,
			SbomProperties properties) {
		return new ExternalSboms(importer, registry, resumes, properties.storeDir(), Clock.systemUTC());
	}

}
