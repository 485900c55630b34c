package dev.aigov.web.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import dev.aigov.registry.FieldSpec;
import dev.aigov.registry.Kind;
import dev.aigov.registry.ResumeSchema;
import dev.aigov.registry.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two message bundles say the same things: the same keys, none empty, and a label in
 * both languages for every kind, field, value and role the registry can show, so no page
 * ever shows a raw key.
 */
class UiMessagesTests {

	private final Properties english = load("/messages.properties");

	private final Properties chinese = load("/messages_zh_TW.properties");

	@Test
	void bothLanguagesHaveTheSameKeysAndNoEmptyText() {
		assertThat(new TreeSet<>(this.chinese.stringPropertyNames()))
			.isEqualTo(new TreeSet<>(this.english.stringPropertyNames()));
		for (Properties bundle : List.of(this.english, this.chinese)) {
			bundle.forEach((key, value) -> assertThat(value.toString()).as(key.toString()).isNotBlank());
		}
	}

	@Test
	void theChineseBundleIsWrittenInTraditionalChinese() {
		// Characters whose simplified form differs: a page in simplified Chinese would
		// show the simplified ones instead.
		String all = String.join("", this.chinese.values().stream().map(Object::toString).toList());
		assertThat(all).contains("審查", "資料", "權責", "職責分離", "履歷");
		for (String simplified : List.of("审查", "资料", "数据", "职责", "简历", "模型版本号", "设置")) {
			assertThat(all).as("simplified '%s'", simplified).doesNotContain(simplified);
		}
	}

	@Test
	void everyKindFieldValueAndRoleHasALabel() {
		List<String> keys = new ArrayList<>();
		for (Kind kind : Kind.values()) {
			keys.add("kind." + kind.segment());
			for (FieldSpec field : ResumeSchema.fields(kind).values()) {
				keys.add("field." + kind.segment() + "." + field.name());
				field.values().keySet().forEach((value) -> keys.add("enum." + value));
			}
		}
		for (Role role : Role.values()) {
			keys.add("role." + role.name());
		}
		for (String state : Set.of("draft", "submitted", "approved", "rejected", "deployed", "retired")) {
			keys.add("state." + state);
		}
		assertThat(this.english.stringPropertyNames()).containsAll(keys);
		assertThat(this.chinese.stringPropertyNames()).containsAll(keys);
	}

	private static Properties load(String resource) {
		Properties properties = new Properties();
		try (InputStream in = UiMessagesTests.class.getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return properties;
	}

}
