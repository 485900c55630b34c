package dev.aigov.eslauncher;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * Elasticsearch did not become healthy: its process exited, or the startup timeout
 * passed. The process has been stopped by the time this is thrown. The message holds the
 * reason, the exit code and the last lines Elasticsearch printed.
 */
public class ElasticsearchStartupException extends RuntimeException {

	private final Integer exitCode;

	private final transient Path consoleLog;

	private final List<String> lastLines;

	ElasticsearchStartupException(String reason, Integer exitCode, Path consoleLog, List<String> lastLines) {
		super(message(reason, exitCode, consoleLog, lastLines));
		this.exitCode = exitCode;
		this.consoleLog = consoleLog;
		this.lastLines = List.copyOf(lastLines);
	}

	private static String message(String reason, Integer exitCode, Path consoleLog, List<String> lastLines) {
		StringBuilder message = new StringBuilder(reason);
		message.append(" (exit code ").append((exitCode != null) ? exitCode : "none, killed after the timeout");
		message.append("). Full output: ").append(consoleLog).append('.');
		if (lastLines.isEmpty()) {
			message.append(" It printed nothing.");
		}
		else {
			message.append(" Last ").append(lastLines.size()).append(" lines:");
			lastLines.forEach((line) -> message.append(System.lineSeparator()).append("  ").append(line));
		}
		return message.toString();
	}

	/**
	 * Returns the exit code of the Elasticsearch process, when it exited on its own.
	 * @return the exit code, or empty if it was still running at the timeout
	 */
	public OptionalInt exitCode() {
		return (this.exitCode != null) ? OptionalInt.of(this.exitCode) : OptionalInt.empty();
	}

	/**
	 * Returns the file that holds everything the process printed.
	 * @return the console log of the instance directory
	 */
	public Path consoleLog() {
		return this.consoleLog;
	}

	/**
	 * Returns the last lines the process printed during this start.
	 * @return up to 40 lines, oldest first
	 */
	public List<String> lastLines() {
		return this.lastLines;
	}

	boolean isPortConflict() {
		return this.lastLines.stream()
			.anyMatch((line) -> line.contains("Address already in use") || line.contains("BindTransportException")
					|| line.contains("BindHttpException"));
	}

}
