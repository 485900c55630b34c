package dev.aigov.policy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.aigov.policy.PackRejectedException;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The files of a policy pack: {@code pack.properties}, {@code rules/*.drl} and
 * {@code fixtures/<rule-id>/(pass|fail)-*.(ttl|properties)}, by path relative to the
 * pack's root. Its version is the SHA-256 of all of them, so that the same content always
 * has the same version and any change gives a new one.
 *
 * @param origin where it came from
 * @param files content by relative path, sorted
 */
record PackSource(String origin, Map<String, byte[]> files) {

	/** Packs larger than this are refused. */
	static final int MAX_BYTES = 8 * 1024 * 1024;

	PackSource {
		files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
	}

	static PackSource fromDirectory(Path root) {
		Map<String, byte[]> files = new TreeMap<>();
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.filter(Files::isRegularFile).toList()) {
				files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the policy pack in " + root, ex);
		}
		return new PackSource(root.toString(), files);
	}

	static PackSource fromClasspath(String location) {
		Map<String, byte[]> files = new TreeMap<>();
		try {
			String base = "classpath:" + location + "/";
			Resource rootResource = new PathMatchingResourcePatternResolver().getResource(base);
			String root = rootResource.getURL().toString();
			for (Resource resource : new PathMatchingResourcePatternResolver().getResources(base + "**/*")) {
				if (!resource.isReadable()) {
					continue; // a directory
				}
				String url = resource.getURL().toString();
				try (InputStream in = resource.getInputStream()) {
					files.put(url.substring(root.length()), in.readAllBytes());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the built-in policy pack " + location, ex);
		}
		return new PackSource("built-in", files);
	}

	/** A pack uploaded as a zip file; one top-level folder, if present, is dropped. */
	static PackSource fromZip(byte[] zip, String origin) {
		if (zip.length > MAX_BYTES) {
			throw new PackRejectedException("?", List.of("The zip file is larger than 8 MiB."));
		}
		Map<String, byte[]> files = new TreeMap<>();
		long total = 0;
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (entry.isDirectory()) {
					continue;
				}
				String name = entry.getName().replace('\\', '/');
				if (name.startsWith("/") || name.contains("../") || name.startsWith("__MACOSX/")) {
					throw new PackRejectedException("?", List.of("The zip file holds an unsafe path: " + name));
				}
				byte[] content = in.readNBytes(MAX_BYTES + 1);
				total += content.length;
				if (total > MAX_BYTES) {
					throw new PackRejectedException("?", List.of("The pack unpacks to more than 8 MiB."));
				}
				files.put(name, content);
			}
		}
		catch (IOException ex) {
			throw new PackRejectedException("?", List.of("Not a readable zip file: " + ex.getMessage()));
		}
		if (files.isEmpty()) {
			throw new PackRejectedException("?", List.of("The zip file is empty."));
		}
		if (!files.containsKey("pack.properties")) {
			String prefix = files.keySet().iterator().next().split("/", 2)[0] + "/";
			if (files.keySet().stream().allMatch((name) -> name.startsWith(prefix))) {
				Map<String, byte[]> stripped = new TreeMap<>();
				files.forEach((name, content) -> stripped.put(name.substring(prefix.length()), content));
				files = stripped;
			}
		}
		return new PackSource(origin, files);
	}

	Properties manifest() {
		byte[] manifest = this.files.get("pack.properties");
		if (manifest == null) {
			throw new PackRejectedException("?", List.of("The pack has no pack.properties at its root."));
		}
		Properties properties = new Properties();
		try {
			properties.load(new java.io.InputStreamReader(new ByteArrayInputStream(manifest), StandardCharsets.UTF_8));
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new PackRejectedException("?", List.of("pack.properties is not readable: " + ex.getMessage()));
		}
		return properties;
	}

	String version() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			this.files.forEach((name, content) -> {
				digest.update(name.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				digest.update(Integer.toString(content.length).getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				digest.update(content);
			});
			return "sha256:" + HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
