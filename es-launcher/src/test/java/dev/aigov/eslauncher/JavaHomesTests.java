package dev.aigov.eslauncher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JavaHomesTests {

	@TempDir
	Path jvms;

	@Test
	void parsesFeatureVersions() {
		assertThat(JavaHomes.featureVersion("\"25.0.1\"")).isEqualTo(25);
		assertThat(JavaHomes.featureVersion("21")).isEqualTo(21);
		assertThat(JavaHomes.featureVersion("\"1.8.0_402\"")).isEqualTo(8);
		assertThat(JavaHomes.featureVersion("17-ea")).isEqualTo(17);
		assertThat(JavaHomes.featureVersion("")).isEqualTo(-1);
	}

	@Test
	void prefersTheRunningJvmWhenItIsRecentEnough() throws IOException {
		Path current = fakeJdk("current", "21.0.2");
		assertThat(JavaHomes.resolve(null, current, 21, Map.of(), this.jvms)).isEqualTo(current);
	}

	@Test
	void fallsBackToEnvironmentThenToTheNewestInstalledJdk() throws IOException {
		Path current = fakeJdk("current", "17.0.15");
		Path jdk21 = fakeJdk("jdk-21", "21.0.5");
		Path jdk25 = fakeJdk("jdk-25", "25.0.1");
		fakeJdk("jdk-17", "17.0.1");
		assertThat(JavaHomes.resolve(null, current, 17, Map.of("JAVA_HOME", jdk21.toString()), this.jvms))
			.isEqualTo(jdk21);
		assertThat(JavaHomes.resolve(null, current, 17, Map.of("JAVA_HOME", current.toString()), this.jvms))
			.isEqualTo(jdk25);
	}

	@Test
	void failsWithAHintWhenNoJdkIsRecentEnough() throws IOException {
		Path current = fakeJdk("current", "17.0.15");
		assertThatIllegalStateException().isThrownBy(() -> JavaHomes.resolve(null, current, 17, Map.of(), this.jvms))
			.withMessageContaining("Java 21 or later");
	}

	private Path fakeJdk(String name, String version) throws IOException {
		Path home = Files.createDirectories(this.jvms.resolve(name));
		Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
		Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
		Files.writeString(java, "#!/bin/sh\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		return home;
	}

}
