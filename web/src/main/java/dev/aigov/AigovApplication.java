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

	public static void main(String[] args) {
		SpringApplication.run(AigovApplication.class, args);
	}

}
