package dev.aigov.web.problem;

import java.util.List;
import java.util.Map;

import dev.aigov.registry.ApprovalRefusedException;
import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.ResumeConflictException;
import dev.aigov.registry.ResumeNotFoundException;
import dev.aigov.registry.SparqlQueries;
import dev.aigov.registry.TransitionNotAllowedException;
import dev.aigov.registry.fairness.PredictionsCsvException;
import dev.aigov.sbom.InvalidBomException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every REST failure into {@code application/problem+json}. Validation failures
 * list each rejected field with its message, so a client can show it next to the input.
 */
@RestControllerAdvice(basePackages = "dev.aigov")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid fields.");
		List<Map<String, Object>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> Map.<String, Object>of("field", error.getField(), "message",
					String.valueOf(error.getDefaultMessage())))
			.toList();
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(InvalidResumeException.class)
	ProblemDetail invalidResume(InvalidResumeException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid résumé data", ex.getMessage());
		if (ex.field() != null) {
			problem.setProperty("field", ex.field());
		}
		if (ex.line() != null) {
			problem.setProperty("line", ex.line());
		}
		return problem;
	}

	/** Bad predictions CSV: where (line, column) and what; 413 when it is too large. */
	@ExceptionHandler(PredictionsCsvException.class)
	ProblemDetail invalidPredictions(PredictionsCsvException ex) {
		boolean tooLarge = ex.reason() == PredictionsCsvException.Reason.TOO_LARGE
				|| ex.reason() == PredictionsCsvException.Reason.TOO_MANY_ROWS;
		HttpStatus status = tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
		ProblemDetail problem = problem(status, "Invalid predictions file", ex.getMessage());
		problem.setProperty("reason", ex.reason().name());
		ex.line().ifPresent((line) -> problem.setProperty("line", line));
		ex.field().ifPresent((field) -> problem.setProperty("field", field));
		return problem;
	}

	@ExceptionHandler(SparqlQueries.QueryTimeoutException.class)
	ProblemDetail queryTimeout(SparqlQueries.QueryTimeoutException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Query timed out", ex.getMessage());
	}

	/** A CycloneDX document that fails its schema: every error with its JSON pointer. */
	@ExceptionHandler(InvalidBomException.class)
	ProblemDetail invalidBom(InvalidBomException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid CycloneDX document", ex.getMessage());
		problem.setProperty("errors", ex.errors());
		return problem;
	}

	@ExceptionHandler(ResumeNotFoundException.class)
	ProblemDetail notFound(ResumeNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler(ResumeConflictException.class)
	ProblemDetail conflict(ResumeConflictException ex) {
		return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage());
	}

	/**
	 * 403 when another user could make the transition (role, separation of duties), 409
	 * when nobody can in the current state.
	 */
	@ExceptionHandler(TransitionNotAllowedException.class)
	ProblemDetail transition(TransitionNotAllowedException ex) {
		HttpStatus status = ex.forbiddenForActor() ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT;
		return problem(status, "Transition not allowed", ex.getMessage());
	}

	@ExceptionHandler(ApprovalRefusedException.class)
	ProblemDetail approvalRefused(ApprovalRefusedException ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Approval refused",
				"Approval refused: a governance check failed.");
		problem.setProperty("verdicts", ex.verdicts());
		return problem;
	}

	/**
	 * Domain code throws {@link IllegalArgumentException} when a value it was given is
	 * invalid; its message says what to fix.
	 */
	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalidArgument(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
