package dev.aigov;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint declares who may call it: each handler method of each controller in the
 * product carries {@code @PreAuthorize}, on the method or on its class. A new controller
 * without one fails the build.
 */
class EndpointAuthorizationTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.aigov");

	@Test
	void everyHandlerMethodDeclaresItsAuthorization() {
		List<String> handlers = new ArrayList<>();
		List<String> undeclared = new ArrayList<>();
		for (JavaClass type : classes) {
			Class<?> controller = type.reflect();
			if (!AnnotatedElementUtils.hasAnnotation(controller, Controller.class)) {
				continue;
			}
			for (JavaMethod javaMethod : type.getMethods()) {
				Method method = javaMethod.reflect();
				if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
					continue;
				}
				handlers.add(controller.getSimpleName() + "." + method.getName());
				if (!AnnotatedElementUtils.hasAnnotation(method, PreAuthorize.class)
						&& !AnnotatedElementUtils.hasAnnotation(controller, PreAuthorize.class)) {
					undeclared.add(controller.getName() + "." + method.getName());
				}
			}
		}
		assertThat(handlers).as("the product's handler methods").isNotEmpty();
		assertThat(undeclared).as("handler methods without @PreAuthorize").isEmpty();
	}

}
