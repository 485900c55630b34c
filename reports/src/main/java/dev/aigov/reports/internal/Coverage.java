package dev.aigov.reports.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which evidence of a résumé answers which framework item: the guide's seven risk areas
 * (ch. 3), the EU AI Act articles a provider documents, the four NIST AI RMF functions,
 * the twelve risks of the Generative AI Profile (NIST AI 600-1) and the ISO/IEC 42001
 * Annex A control groups. Item ids use the same notation as policy findings'
 * {@code references} ({@code EU-AI-ACT:Art.10}), so findings attach to the items they
 * evidence.
 */
final class Coverage {

	/**
	 * One piece of evidence a résumé can hold.
	 *
	 * @param id stable id, used in the JSON
	 * @param en what it is, in English
	 * @param zhTw what it is, in Traditional Chinese
	 */
	record Evidence(String id, String en, String zhTw) {
	}

	/**
	 * One framework item and the evidence that answers it.
	 *
	 * @param id e.g. {@code EU-AI-ACT:Art.10}
	 * @param framework the framework's name
	 * @param en the item in English
	 * @param zhTw the item in Traditional Chinese
	 * @param evidence ids of the evidence that answers it
	 */
	record Item(String id, String framework, String en, String zhTw, List<String> evidence) {
	}

	static final Map<String, Evidence> EVIDENCE = new LinkedHashMap<>();

	static final List<Item> ITEMS = new ArrayList<>();

	static {
		evidence("purpose", "Purpose and risk level of the AI system recorded", "已記錄 AI 系統目的與風險等級");
		evidence("intended-use", "Intended use and limitations stated", "已說明預期用途與限制");
		evidence("data-provenance", "Every dataset has a source and a licence", "每個資料集均有來源與授權");
		evidence("data-preparation", "Collection, cleaning and labelling of every dataset described",
				"每個資料集均說明蒐集、清理與標註");
		evidence("personal-data-basis", "Personal data only with a recorded legal basis", "個人資料均有法律依據");
		evidence("pretrained-components", "Pre-trained components named with provider and licence", "預訓練元件已載明提供者與授權");
		evidence("licences", "Licences of the model, its data and base models recorded", "模型、資料與基礎模型授權已記錄");
		evidence("training-record", "Training run recorded with code reference", "訓練紀錄含程式碼版本");
		evidence("accuracy-evaluation", "Accuracy evaluated by the appliance or recorded", "已評估正確性");
		evidence("fairness-evaluation", "Fairness computed per group from predictions", "已依群組計算公平性指標");
		evidence("robustness-evaluation", "Robustness or security evaluated", "已評估穩健性或安全性");
		evidence("explainability", "Explanation method stated", "已說明可解釋方法");
		evidence("human-oversight", "Approved by a compliance officer with a justification", "經法遵人員核准並附理由");
		evidence("deployment-logging", "Deployed behind the policy proxy, every call logged", "經政策代理部署，每次呼叫均記錄");
		evidence("ml-bom", "Signed ML-BOM verifies and is current", "已簽章的 ML-BOM 驗證有效且為最新");
		evidence("energy", "Energy per inference or training energy recorded", "已記錄每次推論或訓練能耗");
		evidence("completeness", "Résumé complete for the ten development steps (SHACL)", "履歷十個開發步驟完整（SHACL）");
		evidence("policy-evaluation", "Governance policies evaluated", "已執行治理政策評估");

		String guide = "Generative AI adoption guide, ch. 3";
		item("GUIDE:fairness", guide, "Fairness", "公平性", "fairness-evaluation", "data-provenance");
		item("GUIDE:privacy", guide, "Privacy", "隱私", "personal-data-basis", "data-preparation");
		item("GUIDE:security", guide, "Security", "資訊安全", "robustness-evaluation", "deployment-logging");
		item("GUIDE:intellectual-property", guide, "Intellectual property", "智慧財產權", "licences",
				"pretrained-components");
		item("GUIDE:explainability", guide, "Explainability", "可解釋性", "explainability", "ml-bom");
		item("GUIDE:accuracy-reliability", guide, "Accuracy and reliability", "正確性與可靠性", "accuracy-evaluation",
				"robustness-evaluation");
		item("GUIDE:organisation-esg", guide, "Organisational and ESG impact", "組織與 ESG 影響", "energy", "purpose");

		String act = "EU AI Act";
		item("EU-AI-ACT:Art.9", act, "Art. 9 Risk management system", "第 9 條 風險管理系統", "policy-evaluation",
				"completeness");
		item("EU-AI-ACT:Art.10", act, "Art. 10 Data and data governance", "第 10 條 資料與資料治理", "data-provenance",
				"data-preparation", "personal-data-basis");
		item("EU-AI-ACT:Art.11", act, "Art. 11 and Annex IV Technical documentation", "第 11 條及附件四 技術文件", "completeness",
				"training-record", "ml-bom");
		item("EU-AI-ACT:Art.12", act, "Art. 12 Record-keeping", "第 12 條 紀錄保存", "deployment-logging");
		item("EU-AI-ACT:Art.13", act, "Art. 13 Transparency and information to deployers", "第 13 條 透明度", "intended-use",
				"explainability");
		item("EU-AI-ACT:Art.14", act, "Art. 14 Human oversight", "第 14 條 人類監督", "human-oversight");
		item("EU-AI-ACT:Art.15", act, "Art. 15 Accuracy, robustness and cybersecurity", "第 15 條 正確性、穩健性與資安",
				"accuracy-evaluation", "robustness-evaluation");
		item("EU-AI-ACT:Art.72", act, "Art. 72 Post-market monitoring", "第 72 條 上市後監測", "deployment-logging");

		String rmf = "NIST AI RMF 1.0";
		item("NIST-AI-RMF:GOVERN", rmf, "GOVERN", "治理", "human-oversight", "policy-evaluation");
		item("NIST-AI-RMF:MAP", rmf, "MAP", "映射", "purpose", "intended-use", "pretrained-components");
		item("NIST-AI-RMF:MEASURE", rmf, "MEASURE", "量測", "accuracy-evaluation", "fairness-evaluation",
				"robustness-evaluation");
		item("NIST-AI-RMF:MANAGE", rmf, "MANAGE", "管理", "deployment-logging", "completeness");

		String profile = "NIST AI 600-1 (Generative AI Profile)";
		item("NIST-AI-600-1:cbrn", profile, "CBRN information or capabilities", "化生放核資訊或能力", "deployment-logging");
		item("NIST-AI-600-1:confabulation", profile, "Confabulation", "虛構內容", "accuracy-evaluation");
		item("NIST-AI-600-1:dangerous-content", profile, "Dangerous, violent or hateful content", "危險、暴力或仇恨內容",
				"deployment-logging");
		item("NIST-AI-600-1:data-privacy", profile, "Data privacy", "資料隱私", "personal-data-basis");
		item("NIST-AI-600-1:environmental", profile, "Environmental impacts", "環境影響", "energy");
		item("NIST-AI-600-1:harmful-bias", profile, "Harmful bias and homogenization", "有害偏誤與同質化",
				"fairness-evaluation");
		item("NIST-AI-600-1:human-ai-configuration", profile, "Human-AI configuration", "人機協作配置", "human-oversight",
				"intended-use");
		item("NIST-AI-600-1:information-integrity", profile, "Information integrity", "資訊完整性", "explainability");
		item("NIST-AI-600-1:information-security", profile, "Information security", "資訊安全", "robustness-evaluation");
		item("NIST-AI-600-1:intellectual-property", profile, "Intellectual property", "智慧財產權", "licences");
		item("NIST-AI-600-1:obscene-content", profile, "Obscene, degrading or abusive content", "猥褻、貶抑或濫用內容",
				"deployment-logging");
		item("NIST-AI-600-1:value-chain", profile, "Value chain and component integration", "價值鏈與元件整合",
				"pretrained-components", "ml-bom");

		String iso = "ISO/IEC 42001:2023 Annex A";
		item("ISO-42001:A.5", iso, "A.5 Assessing impacts of AI systems", "A.5 AI 系統衝擊評估", "purpose", "intended-use");
		item("ISO-42001:A.6", iso, "A.6 AI system life cycle", "A.6 AI 系統生命週期", "training-record", "completeness",
				"human-oversight");
		item("ISO-42001:A.7", iso, "A.7 Data for AI systems", "A.7 AI 系統資料", "data-provenance", "data-preparation",
				"personal-data-basis");
		item("ISO-42001:A.8", iso, "A.8 Information for interested parties", "A.8 利害關係人資訊", "intended-use",
				"explainability");
		item("ISO-42001:A.9", iso, "A.9 Use of AI systems", "A.9 AI 系統使用", "deployment-logging");
		item("ISO-42001:A.10", iso, "A.10 Third-party and customer relationships", "A.10 第三方與客戶關係",
				"pretrained-components", "ml-bom");
	}

	private Coverage() {
	}

	private static void evidence(String id, String en, String zhTw) {
		EVIDENCE.put(id, new Evidence(id, en, zhTw));
	}

	private static void item(String id, String framework, String en, String zhTw, String... evidence) {
		for (String piece : evidence) {
			if (!EVIDENCE.containsKey(piece)) {
				throw new IllegalStateException("Unknown evidence " + piece + " for " + id);
			}
		}
		ITEMS.add(new Item(id, framework, en, zhTw, List.of(evidence)));
	}

}
