package dev.aigov.proxy.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The OpenAI-compatible endpoints. Only callers authenticated by an application key (the
 * web module's {@code /v1} filter chain, role {@code APPLICATION}) get here; the bodies
 * are read raw so that every error, malformed JSON included, gets the OpenAI error shape.
 */
@Controller
@PreAuthorize("hasRole('APPLICATION')")
class OpenAiController {

	private final OpenAiProxy proxy;

	OpenAiController(OpenAiProxy proxy) {
		this.proxy = proxy;
	}

	@PostMapping("/v1/chat/completions")
	void chatCompletions(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.proxy.chat(request, response);
	}

	@PostMapping("/v1/embeddings")
	void embeddings(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.proxy.embeddings(request, response);
	}

	@GetMapping("/v1/models")
	void models(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.proxy.models(request, response);
	}

}
