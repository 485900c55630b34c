package dev.aigov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The appliance: assembles the registry, policy engine, ML-BOM, audit pipeline and web
 * layer into one Spring Boot application. It sits in the product's root package so that
 * each module's configuration under {@code dev.aigov} is picked up by component scan.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AigovApplication {

	private static final String COMMONS_LOGGING_FACTORY = "org.apache.commons.logging.LogFactory";

	public static void main(String[] args) {
		// commons-logging's own SLF4J bridge formats every debug(LogMessage) before
		// checking the level; Spring Security logs one per proxied call (3 % of a call's
		// CPU). Through the Log4j API the level is checked first; the output still goes
		// to Logback.
		if (System.getProperty(COMMONS_LOGGING_FACTORY) == null) {
			System.setProperty(COMMONS_LOGGING_FACTORY, "org.apache.commons.logging.impl.Log4jApiLogFactory");
		}
		SpringApplication.run(AigovApplication.class, args);
	}

}
