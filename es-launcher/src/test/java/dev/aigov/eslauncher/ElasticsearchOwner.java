package dev.aigov.eslauncher;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A JVM that owns an Elasticsearch, for the tests that kill the owner. Arguments: cache
 * directory, instance directory, whether Elasticsearch dies with this JVM. Prints
 * {@code READY <server pid> <launcher pid>} once Elasticsearch is healthy, then runs
 * until its standard input closes (so that it never outlives the test JVM) or it is
 * killed.
 */
public final class ElasticsearchOwner {

	private ElasticsearchOwner() {
	}

	public static void main(String[] args) throws IOException {
		ElasticsearchSettings settings = ElasticsearchSettings.builder(Path.of(args[0]), Path.of(args[1])).build();
		EmbeddedElasticsearch elasticsearch = new EmbeddedElasticsearch(settings, Boolean.parseBoolean(args[2]));
		try {
			elasticsearch.start();
		}
		catch (RuntimeException ex) {
			System.out.println("FAILED " + ex.getMessage().replace('\n', ' '));
			System.exit(1);
		}
		System.out.println("READY " + elasticsearch.pid() + " " + elasticsearch.launcher().orElseThrow().pid());
		System.out.flush();
		while (System.in.read() != -1) {
			// Wait for the test JVM to close our input or to kill us.
		}
		System.exit(0);
	}

}
