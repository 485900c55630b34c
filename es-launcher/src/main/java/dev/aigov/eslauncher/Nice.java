package dev.aigov.eslauncher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * coreutils {@code nice}: runs a command at a higher niceness (any user may lower their
 * own priority), in the same process, so a parent-death signal set before it is kept.
 */
final class Nice {

	private static final Optional<Path> PATH = Stream
		.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
				Stream.of("/usr/bin", "/bin"))
		.filter((dir) -> !dir.isBlank())
		.map((dir) -> Path.of(dir, "nice"))
		.filter(Files::isExecutable)
		.findFirst();

	private Nice() {
	}

	static Optional<Path> path() {
		return PATH;
	}

}
