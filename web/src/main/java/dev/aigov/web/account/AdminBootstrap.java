package dev.aigov.web.account;

import java.io.PrintStream;
import java.util.Set;

import dev.aigov.registry.Role;
import dev.aigov.web.security.SecurityProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Creates the first administrator when no enabled administrator exists, so the appliance
 * never ships a well-known password. The password comes from {@code AIGOV_ADMIN_PASSWORD}
 * (or {@code aigov.security.admin-password}), or is generated and printed once to the
 * console; it is never written to the log.
 */
@Component
class AdminBootstrap implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(AdminBootstrap.class);

	static final String PASSWORD_VARIABLE = "AIGOV_ADMIN_PASSWORD";

	private final AccountService accounts;

	private final SecurityProperties properties;

	private final Environment environment;

	private final PrintStream console;

	AdminBootstrap(AccountService accounts, SecurityProperties properties, Environment environment) {
		this.accounts = accounts;
		this.properties = properties;
		this.environment = environment;
		this.console = System.out;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.accounts.anyEnabledAdministrator()) {
			return;
		}
		String configured = this.environment.getProperty(PASSWORD_VARIABLE, this.properties.adminPassword());
		String username = this.properties.adminUsername();
		AccountService.CreatedAccount created;
		try {
			created = this.accounts.create(username, "Administrator", Set.of(Role.ADMIN), configured, "appliance");
		}
		catch (ErrorResponseException ex) {
			logger.warn(
					"No enabled administrator exists and account '{}' is already taken; "
							+ "set aigov.security.admin-username to a free name to create a new administrator",
					username);
			return;
		}
		if (created.generatedPassword() != null) {
			this.console.printf(
					"%n==================================================================%n"
							+ "  First start: administrator '%s' created with the password%n%n      %s%n%n"
							+ "  It is shown only this once. Sign in and change it (POST /api/me/password).%n"
							+ "==================================================================%n%n",
					username, created.generatedPassword());
		}
		else {
			this.console.printf("First start: administrator '%s' created with the configured password.%n", username);
		}
	}

}
