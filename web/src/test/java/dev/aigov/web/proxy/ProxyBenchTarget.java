package dev.aigov.web.proxy;

import dev.aigov.AigovApplication;
import dev.aigov.proxy.ApplicationKeys;
import dev.aigov.registry.ApprovalWorkflow;
import dev.aigov.registry.RegistryService;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the appliance with the proxy's test stand-ins ({@link ProxyTestBeans}: regex
 * detectors, a small rule set, an in-memory audit log) and one route to a stub upstream,
 * so that the load benchmark ({@code bench/scripts/proxy/}) can measure the proxy's own
 * machinery before the real detectors, rule pack and audit journal are merged. Not part
 * of the product; prints the application key to use.
 * <p>
 * Arguments: the stub's base URL (e.g. {@code http://127.0.0.1:18089/v1}) and the port.
 */
public final class ProxyBenchTarget {

	private ProxyBenchTarget() {
	}

	public static void main(String[] args) throws Exception {
		String stub = (args.length > 0) ? args[0] : "http://127.0.0.1:18089/v1";
		String port = (args.length > 1) ? args[1] : "18080";
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AigovApplication.class,
				ProxyTestBeans.class)
			// Command-line arguments, so that they win over application.yml.
			.run("--aigov.data-dir=" + dev.aigov.web.TestDataDirectory.create("proxy-bench"),
					"--aigov.demo.enabled=false", "--aigov.audit.elasticsearch.embedded.enabled=false",
					"--spring.elasticsearch.uris=http://127.0.0.1:9", "--server.port=" + port,
					"--aigov.security.admin-password=bench-admin-password",
					"--aigov.proxy.routes.support-chat.upstream=stub",
					"--aigov.proxy.routes.support-chat-onprem.upstream=stub",
					"--aigov.proxy.upstreams.stub.base-url=" + stub, "--aigov.proxy.upstreams.stub.location=on-prem",
					"--logging.level.root=WARN");
		ProxyIntegrationTest.deploy(context.getBean(RegistryService.class), context.getBean(ApprovalWorkflow.class));
		String key = context.getBean(ApplicationKeys.class)
			.create(new ApplicationKeys.Specification("bench", java.util.Set.of("*"), java.util.Set.of(), 0, null, 0),
					"bench")
			.secret();
		System.out.println("PROXY_KEY=" + key);
		System.out.println("PROXY_MODEL=" + ProxyIntegrationTest.MODEL);
	}

}
