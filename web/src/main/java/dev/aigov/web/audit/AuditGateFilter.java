package dev.aigov.web.audit;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.aigov.audit.AuditPipeline;
import dev.aigov.audit.AuditStatus;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every change (a request other than GET, HEAD or OPTIONS) while the audit
 * journal cannot be written, before anything is changed: administrative events are
 * recorded after the change they describe is committed, so a change accepted while the
 * journal is down would go unrecorded. The policy proxy ({@code /v1}) refuses its own
 * calls in the OpenAI error shape; signing in and out stay possible.
 */
@Component
class AuditGateFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(AuditGateFilter.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Supplier<AuditStatus> status;

	@Autowired
	AuditGateFilter(AuditPipeline pipeline) {
		this(pipeline::status);
	}

	AuditGateFilter(Supplier<AuditStatus> status) {
		this.status = status;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || path.startsWith("/v1/")
				|| path.equals("/login") || path.equals("/logout");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		AuditStatus current;
		try {
			current = this.status.get();
		}
		catch (RuntimeException ex) {
			current = null;
		}
		if (current != null && current.writable()) {
			chain.doFilter(request, response);
			return;
		}
		String reason = (current != null && current.problem() != null) ? current.problem()
				: "the audit status could not be read";
		logger.warn("Refused {} {}: the audit journal cannot be written ({})", request.getMethod(),
				request.getRequestURI(), reason);
		String detail = "Changes are refused while the audit journal cannot be written, so that none goes unrecorded: "
				+ reason + ".";
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/")) {
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			problem.put("title", "Audit unavailable");
			problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
			problem.put("detail", detail);
			problem.put("instance", request.getRequestURI());
			json.writeValue(response.getOutputStream(), problem);
			return;
		}
		response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value(), detail);
	}

}
