package dev.aigov.web.audit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aigov.audit.AuditStatus;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class AuditGateFilterTests {

	private static final AuditStatus WRITABLE = status(null);

	private static final AuditStatus READ_ONLY = status("the audit journal directory is read-only");

	private final AtomicInteger passed = new AtomicInteger();

	private final FilterChain chain = (request, response) -> this.passed.incrementAndGet();

	@Test
	void aChangeIsRefusedBeforeItReachesTheApplicationWhileTheJournalCannotBeWritten() throws Exception {
		MockHttpServletResponse response = run(READ_ONLY, "POST", "/api/registry/datasets");
		assertThat(this.passed).as("nothing was changed").hasValue(0);
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"status\":503", "read-only",
				"\"instance\":\"/api/registry/datasets\"");
	}

	@Test
	void aPageFormIsRefusedWithAnErrorPage() throws Exception {
		MockHttpServletResponse response = run(READ_ONLY, "POST", "/model-versions/x/approve");
		assertThat(this.passed).hasValue(0);
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getErrorMessage()).contains("read-only");
	}

	@Test
	void readsSignInAndTheProxyAreNotGatedHere() throws Exception {
		run(READ_ONLY, "GET", "/api/registry/datasets");
		run(READ_ONLY, "POST", "/login");
		run(READ_ONLY, "POST", "/v1/chat/completions");
		assertThat(this.passed).hasValue(3);
	}

	@Test
	void changesPassWhileTheJournalIsWritable() throws Exception {
		run(WRITABLE, "DELETE", "/api/admin/proxy/keys/key-1");
		run(WRITABLE, "POST", "/admin/users");
		assertThat(this.passed).hasValue(2);
	}

	@Test
	void aStatusThatCannotBeReadRefusesChanges() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new AuditGateFilter(() -> {
			throw new IllegalStateException("closed");
		}).doFilter(new MockHttpServletRequest("PUT", "/api/registry/models/m"), response, this.chain);
		assertThat(this.passed).hasValue(0);
		assertThat(response.getStatus()).isEqualTo(503);
	}

	private MockHttpServletResponse run(AuditStatus status, String method, String path) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new AuditGateFilter(() -> status).doFilter(new MockHttpServletRequest(method, path), response, this.chain);
		return response;
	}

	private static AuditStatus status(String problem) {
		return new AuditStatus(problem == null, problem, 0, 0, 1 << 30, Duration.ZERO, 0, 0, null, null);
	}

}
