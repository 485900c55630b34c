package dev.aigov.web.ui;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page: a form for accounts of the appliance and, when an OpenID Connect
 * provider is configured, a link to sign in there. Spring Security processes the form.
 */
@Controller
class LoginController {

	private final ObjectProvider<ClientRegistrationRepository> oidcClients;

	LoginController(ObjectProvider<ClientRegistrationRepository> oidcClients) {
		this.oidcClients = oidcClients;
	}

	@GetMapping("/login")
	@PreAuthorize("permitAll()")
	String login(Model model) {
		List<Provider> providers = new ArrayList<>();
		if (this.oidcClients.getIfAvailable() instanceof Iterable<?> registrations) {
			for (Object registration : registrations) {
				if (registration instanceof ClientRegistration client) {
					providers.add(new Provider("/oauth2/authorization/" + client.getRegistrationId(),
							(client.getClientName() != null) ? client.getClientName() : client.getRegistrationId()));
				}
			}
		}
		model.addAttribute("providers", providers);
		return "login";
	}

	record Provider(String url, String name) {
	}

}
