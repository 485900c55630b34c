package dev.aigov.eslauncher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * util-linux {@code setpriv}: switches to the service user and sets the parent-death
 * signal <em>after</em> the switch (the kernel clears it on a credential change, so it
 * must be set in that order, which {@code setpriv} does). {@code --pdeathsig} needs
 * util-linux 2.33 or later.
 */
final class Setpriv {

	private static final Optional<Path> PATH = locate();

	private static final boolean PARENT_DEATH_SIGNAL = PATH.map(Setpriv::supportsParentDeathSignal).orElse(false);

	private Setpriv() {
	}

	static Optional<Path> path() {
		return PATH;
	}

	static boolean supportsParentDeathSignal() {
		return PARENT_DEATH_SIGNAL;
	}

	private static Optional<Path> locate() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/bin"))
			.filter((dir) -> !dir.isBlank())
			.map((dir) -> Path.of(dir, "setpriv"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static boolean supportsParentDeathSignal(Path setpriv) {
		try {
			Process help = new ProcessBuilder(setpriv.toString(), "--help").redirectErrorStream(true).start();
			String output = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			help.waitFor(10, TimeUnit.SECONDS);
			return output.contains("--pdeathsig");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
