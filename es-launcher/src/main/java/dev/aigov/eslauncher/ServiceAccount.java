package dev.aigov.eslauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The operating-system account Elasticsearch runs as. Elasticsearch refuses to run as
 * root, so when we are root it runs as the system user {@value #USER}, created on first
 * use, owning the instance directory; otherwise it runs as us.
 */
final class ServiceAccount {

	static final String USER = "aigov-es";

	private static final System.Logger logger = System.getLogger(ServiceAccount.class.getName());

	private static final Object CREATE_LOCK = new Object();

	private final boolean switchUser;

	private ServiceAccount(boolean switchUser) {
		this.switchUser = switchUser;
	}

	static ServiceAccount forCurrentUser() {
		return new ServiceAccount(isRoot());
	}

	static boolean isRoot() {
		try {
			// /proc/self belongs to the effective user of the process reading it.
			return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return "root".equals(System.getProperty("user.name"));
		}
	}

	/**
	 * Whether Elasticsearch must run as {@value #USER} rather than as us.
	 */
	boolean switchesUser() {
		return this.switchUser;
	}

	/**
	 * Makes sure the account exists and can use the directories: it owns everything under
	 * {@code instanceDir}, and can traverse the ancestors of every path it reads.
	 */
	void prepare(Path instanceDir, Path... readPaths) {
		if (!this.switchUser) {
			return;
		}
		try {
			UserPrincipalLookupService lookup = instanceDir.getFileSystem().getUserPrincipalLookupService();
			ensureUserExists(lookup);
			UserPrincipal user = lookup.lookupPrincipalByName(USER);
			GroupPrincipal group = lookup.lookupPrincipalByGroupName(USER);
			try (Stream<Path> tree = Files.walk(instanceDir)) {
				for (Path path : tree.toList()) {
					PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
							LinkOption.NOFOLLOW_LINKS);
					view.setOwner(user);
					view.setGroup(group);
				}
			}
			ensureTraversable(instanceDir);
			for (Path path : readPaths) {
				ensureTraversable(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare " + instanceDir + " for user " + USER, ex);
		}
	}

	private static void ensureUserExists(UserPrincipalLookupService lookup) throws IOException {
		synchronized (CREATE_LOCK) {
			if (exists(lookup)) {
				return;
			}
			String useradd = Files.isExecutable(Path.of("/usr/sbin/useradd")) ? "/usr/sbin/useradd" : "useradd";
			String shell = Files.exists(Path.of("/usr/sbin/nologin")) ? "/usr/sbin/nologin" : "/bin/false";
			List<String> command = List.of(useradd, "--system", "--no-create-home", "--user-group", "--shell", shell,
					USER);
			logger.log(Level.INFO, "Creating system user {0}: Elasticsearch refuses to run as root", USER);
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			try {
				process.waitFor(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while creating user " + USER, ex);
			}
			// Exit code 9 means another process created it meanwhile.
			if (!exists(lookup)) {
				throw new IOException(String.join(" ", command) + " failed (exit code "
						+ (process.isAlive() ? "none" : process.exitValue()) + "): " + output.strip()
						+ "; create the user yourself or run as a non-root user");
			}
		}
	}

	private static boolean exists(UserPrincipalLookupService lookup) throws IOException {
		try {
			lookup.lookupPrincipalByName(USER);
			lookup.lookupPrincipalByGroupName(USER);
			return true;
		}
		catch (UserPrincipalNotFoundException ex) {
			return false;
		}
	}

	/**
	 * Adds search permission for others (never read) on every ancestor directory that
	 * lacks it, so the account can reach {@code path}.
	 */
	private static void ensureTraversable(Path path) throws IOException {
		List<Path> ancestors = new ArrayList<>();
		for (Path ancestor = path.toAbsolutePath().getParent(); ancestor != null; ancestor = ancestor.getParent()) {
			ancestors.add(ancestor);
		}
		for (Path ancestor : ancestors) {
			Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
			permissions.addAll(Files.getPosixFilePermissions(ancestor));
			if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
				permissions.add(PosixFilePermission.OTHERS_EXECUTE);
				Files.setPosixFilePermissions(ancestor, permissions);
				logger.log(Level.WARNING, "Added o+x to {0} so that user {1} can reach {2}", ancestor, USER, path);
			}
		}
	}

}
