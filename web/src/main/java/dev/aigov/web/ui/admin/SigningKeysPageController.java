package dev.aigov.web.ui.admin;

import java.util.ArrayList;
import java.util.List;

import dev.aigov.signing.SigningKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signing keys: the active one and the retired ones that still verify earlier
 * signatures (as published in the JWKS), and rotation.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class SigningKeysPageController {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final SigningKeys keys;

	SigningKeysPageController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping("/admin/keys")
	String keys(Model model) {
		String active = this.keys.activeKeyId();
		List<KeyRow> rows = new ArrayList<>();
		for (JsonNode key : json.readTree(this.keys.jwks()).path("keys")) {
			String id = key.path("kid").asString();
			rows.add(new KeyRow(id, key.path("alg").asString(), id.equals(active)));
		}
		model.addAttribute("keys", rows);
		return "admin/keys";
	}

	@PostMapping("/admin/keys/rotate")
	String rotate(RedirectAttributes redirect) {
		String previous = this.keys.activeKeyId();
		String active = this.keys.rotate();
		redirect.addFlashAttribute("rotatedFrom", previous);
		redirect.addFlashAttribute("rotatedTo", active);
		return "redirect:/admin/keys";
	}

	/**
	 * A key as the page shows it.
	 *
	 * @param keyId its RFC 7638 thumbprint
	 * @param algorithm its JSF algorithm
	 * @param active whether new signatures use it
	 */
	public record KeyRow(String keyId, String algorithm, boolean active) {
	}

}
