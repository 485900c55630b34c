package dev.aigov.detect;

import dev.aigov.detect.Hit.Category;

/** The detectors that come with the suite, by the type name their hits carry. */
enum BuiltInType {

	EMAIL(Category.PII),

	PHONE(Category.PII),

	TW_NATIONAL_ID(Category.PII),

	TW_RESIDENT_CERT(Category.PII),

	TW_UBN(Category.PII),

	CREDIT_CARD(Category.PII),

	IBAN(Category.PII),

	IPV4(Category.PII),

	IPV6(Category.PII),

	AWS_ACCESS_KEY(Category.SECRET),

	AWS_SECRET_KEY(Category.SECRET),

	GCP_API_KEY(Category.SECRET),

	GITHUB_TOKEN(Category.SECRET),

	OPENAI_API_KEY(Category.SECRET),

	ANTHROPIC_API_KEY(Category.SECRET),

	SLACK_TOKEN(Category.SECRET),

	STRIPE_KEY(Category.SECRET),

	PRIVATE_KEY(Category.SECRET),

	JWT(Category.SECRET),

	PASSWORD(Category.SECRET);

	private final Category category;

	BuiltInType(Category category) {
		this.category = category;
	}

	Category category() {
		return this.category;
	}

}
