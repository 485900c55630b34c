package dev.aigov.proxy.internal;

/**
 * A refusal answered in the OpenAI error shape
 * {@code {"error":{"message","type","param","code"}}}. The message tells the caller what
 * to change; it never contains prompt text or secrets.
 */
final class OpenAiException extends RuntimeException {

	private final int status;

	private final String type;

	private final String code;

	private final String param;

	/** The audit decision this refusal stands for ({@code block}, {@code error}...). */
	private final String decision;

	OpenAiException(int status, String type, String code, String param, String message, String decision) {
		super(message, null, false, false);
		this.status = status;
		this.type = type;
		this.code = code;
		this.param = param;
		this.decision = decision;
	}

	static OpenAiException invalid(String param, String message) {
		return new OpenAiException(400, "invalid_request_error", "invalid_request", param, message, "error");
	}

	int status() {
		return this.status;
	}

	String type() {
		return this.type;
	}

	String code() {
		return this.code;
	}

	String param() {
		return this.param;
	}

	String decision() {
		return this.decision;
	}

}
