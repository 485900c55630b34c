package dev.aigov.web.ui;

import java.util.Locale;

import dev.aigov.registry.ApprovalRefusedException;
import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.ResumeConflictException;
import dev.aigov.registry.ResumeNotFoundException;
import dev.aigov.registry.TransitionNotAllowedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's model holds (the signed-in user, the language, the current path for
 * the language switch), and how a page shows an error: as a page in the reader's
 * language, never as the API's problem+json. Runs before the API's exception handler,
 * which would otherwise answer for these controllers too.
 */
@ControllerAdvice(basePackageClasses = UiPages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiPages {

	@ModelAttribute
	void common(Model model, HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& !"anonymousUser".equals(authentication.getPrincipal())) {
			model.addAttribute("me", CurrentUser.of(authentication));
		}
		Locale locale = LocaleContextHolder.getLocale();
		model.addAttribute("lang", locale.getLanguage().equals("en") ? "en" : "zh-TW");
		model.addAttribute("langBase", languageSwitchBase(request));
	}

	/** The current page's address, ready for {@code lang=...} to be appended. */
	static String languageSwitchBase(HttpServletRequest request) {
		StringBuilder base = new StringBuilder(request.getRequestURI()).append('?');
		String query = request.getQueryString();
		if (query != null) {
			for (String pair : query.split("&")) {
				if (!pair.isEmpty() && !pair.startsWith("lang=")) {
					base.append(pair).append('&');
				}
			}
		}
		return base.toString();
	}

	@ExceptionHandler(ResumeNotFoundException.class)
	String notFound(ResumeNotFoundException ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		return error(HttpStatus.NOT_FOUND, "error.notFound", ex.getMessage(), model, request, response);
	}

	@ExceptionHandler(AccessDeniedException.class)
	String forbidden(AccessDeniedException ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		return error(HttpStatus.FORBIDDEN, "error.forbidden", null, model, request, response);
	}

	@ExceptionHandler({ InvalidResumeException.class, IllegalArgumentException.class })
	String badRequest(RuntimeException ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		return error(HttpStatus.BAD_REQUEST, "error.badRequest", ex.getMessage(), model, request, response);
	}

	@ExceptionHandler({ ResumeConflictException.class, TransitionNotAllowedException.class,
			ApprovalRefusedException.class })
	String conflict(RuntimeException ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		return error(HttpStatus.CONFLICT, "error.conflict", ex.getMessage(), model, request, response);
	}

	@ExceptionHandler(ErrorResponseException.class)
	String errorResponse(ErrorResponseException ex, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
		return error((status != null) ? status : HttpStatus.BAD_REQUEST, "error.badRequest", ex.getBody().getDetail(),
				model, request, response);
	}

	private String error(HttpStatus status, String titleKey, String detail, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		common(model, request);
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		model.addAttribute("titleKey", titleKey);
		model.addAttribute("detail", detail);
		return "error/page";
	}

}
