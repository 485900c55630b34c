package dev.aigov.eslauncher;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finding and stopping Elasticsearch process trees: the launcher (the
 * {@code bin/elasticsearch} CLI JVM) and the server JVM it forks.
 */
final class ProcessTrees {

	/** Both the CLI and the server name an {@code org.elasticsearch.} class or module. */
	private static final String ELASTICSEARCH_MARKER = "org.elasticsearch.";

	private static final Duration FORCED_GRACE = Duration.ofSeconds(10);

	private static final System.Logger logger = System.getLogger(ProcessTrees.class.getName());

	private ProcessTrees() {
	}

	/**
	 * Stops Elasticsearch processes an earlier owner left running on this instance
	 * directory, then removes the stale pid file.
	 * <p>
	 * Two ways in: the pid file (a live process whose command line is Elasticsearch's and
	 * names the instance or distribution directory; the pid file rules out a stranger
	 * using the shared distribution), and a scan of all processes whose command line is
	 * Elasticsearch's and names the instance directory (a launcher that died before the
	 * server wrote the pid file). The distribution path alone is not enough in the scan:
	 * every instance on the machine shares it.
	 * @return the processes that were stopped
	 */
	static Set<ProcessHandle> reapOrphans(Path instanceDir, Path pidFile, Path distributionHome, Duration grace) {
		Set<Long> protectedPids = selfAndAncestors();
		Set<ProcessHandle> orphans = new LinkedHashSet<>();
		readPid(pidFile).ifPresent((pid) -> ProcessHandle.of(pid)
			.filter(ProcessTrees::isAlive)
			.filter((handle) -> !protectedPids.contains(handle.pid()))
			.filter((handle) -> {
				String commandLine = commandLine(handle);
				return isElasticsearch(commandLine)
						&& (mentions(commandLine, instanceDir) || mentions(commandLine, distributionHome));
			})
			.ifPresent(orphans::add));
		ProcessHandle.allProcesses()
			.filter((handle) -> !protectedPids.contains(handle.pid()))
			.filter((handle) -> isOrphanOf(commandLine(handle), instanceDir))
			.forEach(orphans::add);
		if (!orphans.isEmpty()) {
			logger.log(Level.WARNING, "Stopping Elasticsearch processes {0} left running on {1} by an earlier owner",
					pids(orphans), instanceDir);
			terminate(orphans, grace);
		}
		try {
			Files.deleteIfExists(pidFile);
		}
		catch (IOException ex) {
			logger.log(Level.WARNING, "Cannot delete stale pid file " + pidFile, ex);
		}
		return orphans;
	}

	static boolean isOrphanOf(String commandLine, Path instanceDir) {
		return isElasticsearch(commandLine) && mentions(commandLine, instanceDir);
	}

	static boolean isElasticsearch(String commandLine) {
		return commandLine.contains(ELASTICSEARCH_MARKER);
	}

	/**
	 * Whether a command line names {@code dir} or a path inside it ({@code /tmp/a} is not
	 * mentioned by {@code /tmp/ab/x}).
	 */
	static boolean mentions(String commandLine, Path dir) {
		String path = dir.toString();
		int from = 0;
		while (true) {
			int at = commandLine.indexOf(path, from);
			if (at < 0) {
				return false;
			}
			int end = at + path.length();
			boolean startsPath = at == 0 || !isPathCharacter(commandLine.charAt(at - 1));
			if (!startsPath) {
				from = at + 1;
				continue;
			}
			if (end == commandLine.length() || !isPathCharacter(commandLine.charAt(end))
					|| commandLine.charAt(end) == File.separatorChar) {
				return true;
			}
			from = at + 1;
		}
	}

	private static boolean isPathCharacter(char c) {
		return !Character.isWhitespace(c) && c != ':' && c != '"' && c != '\'' && c != '=' && c != ',';
	}

	/**
	 * The command line of a process, arguments joined by spaces; empty if unknown (the
	 * process is gone, or belongs to another user and we are not root).
	 */
	static String commandLine(ProcessHandle handle) {
		Path procCmdline = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
		try {
			byte[] raw = Files.readAllBytes(procCmdline);
			return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
		}
		catch (IOException | SecurityException ex) {
			return handle.info().commandLine().orElse("");
		}
	}

	static OptionalLong readPid(Path pidFile) {
		try {
			if (!Files.isRegularFile(pidFile)) {
				return OptionalLong.empty();
			}
			String content = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
			return content.matches("[1-9][0-9]{0,9}") ? OptionalLong.of(Long.parseLong(content)) : OptionalLong.empty();
		}
		catch (IOException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * Stops process trees: SIGTERM to every root (the Elasticsearch CLI forwards it as an
	 * orderly shutdown to the server), waits up to {@code grace}, then SIGKILL to
	 * whatever of the trees is still alive. Descendants are listed before the first
	 * signal, because once a parent dies its children are re-parented and no longer its
	 * descendants.
	 * @return whether every process is gone
	 */
	static boolean terminate(Collection<ProcessHandle> roots, Duration grace) {
		Set<ProcessHandle> all = new LinkedHashSet<>();
		for (ProcessHandle root : roots) {
			all.add(root);
			root.descendants().forEach(all::add);
		}
		roots.forEach(ProcessHandle::destroy);
		if (awaitExit(all, grace)) {
			return true;
		}
		List<ProcessHandle> survivors = all.stream().filter(ProcessTrees::isAlive).toList();
		logger.log(Level.WARNING, "Killing Elasticsearch processes {0}: still alive {1} s after SIGTERM",
				pids(survivors), grace.toSeconds());
		survivors.forEach(ProcessHandle::destroyForcibly);
		boolean gone = awaitExit(survivors, FORCED_GRACE);
		if (!gone) {
			logger.log(Level.ERROR, "Elasticsearch processes {0} survived SIGKILL",
					pids(all.stream().filter(ProcessTrees::isAlive).toList()));
		}
		return gone;
	}

	/**
	 * Polls rather than using {@link ProcessHandle#onExit()}: most of these processes are
	 * not our children, and a zombie (exited, not yet reaped by its parent) counts as
	 * gone.
	 */
	static boolean awaitExit(Collection<ProcessHandle> handles, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (handles.stream().anyMatch(ProcessTrees::isAlive)) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return handles.stream().noneMatch(ProcessTrees::isAlive);
			}
		}
		return true;
	}

	/**
	 * Whether a process still runs; a zombie does not.
	 */
	static boolean isAlive(ProcessHandle handle) {
		if (!handle.isAlive()) {
			return false;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"),
					StandardCharsets.US_ASCII);
			// pid (comm) state ...: comm may contain spaces and parentheses, the state
			// follows the last ')'.
			int afterName = stat.lastIndexOf(')');
			return afterName < 0 || stat.length() < afterName + 3 || stat.charAt(afterName + 2) != 'Z';
		}
		catch (IOException ex) {
			return handle.isAlive();
		}
	}

	private static Set<Long> selfAndAncestors() {
		Set<Long> pids = new HashSet<>();
		Optional<ProcessHandle> current = Optional.of(ProcessHandle.current());
		while (current.isPresent()) {
			pids.add(current.get().pid());
			current = current.get().parent();
		}
		return pids;
	}

	static String pids(Collection<ProcessHandle> handles) {
		return handles.stream()
			.map((handle) -> Long.toString(handle.pid()))
			.collect(Collectors.joining(", ", "[", "]"));
	}

}
