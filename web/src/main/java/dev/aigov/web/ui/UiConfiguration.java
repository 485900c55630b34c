package dev.aigov.web.ui;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * What every page shares: the language, Traditional Chinese unless the browser asks for
 * English first, switched with {@code ?lang=} on any page and remembered in a cookie; and
 * a content security policy that lets only the appliance's own scripts run, so that a
 * name with markup in it can never become code even if a template forgot to escape it.
 */
@Configuration(proxyBeanMethods = false)
class UiConfiguration implements WebMvcConfigurer {

	/** Traditional Chinese (Taiwan), the language most compliance officers read. */
	static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("aigov-lang");
		// Until the reader chooses: English for a browser that asks for English first,
		// Traditional Chinese for everyone else.
		resolver.setDefaultLocaleFunction((request) -> (request.getHeader("Accept-Language") != null
				&& request.getLocale().getLanguage().equals(Locale.ENGLISH.getLanguage())) ? Locale.ENGLISH : ZH_TW);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieSameSite("Lax");
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor language = new LocaleChangeInterceptor();
		language.setParamName("lang");
		language.setIgnoreInvalidLocale(true);
		registry.addInterceptor(language);
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				if (handler instanceof HandlerMethod method
						&& method.getBeanType().getPackageName().startsWith(UiConfiguration.class.getPackageName())) {
					response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
				}
				return true;
			}
		});
	}

}
