#!/usr/bin/env python3
"""Writes the governance pack's fixtures: one clean résumé, and per rule a passing and a
failing variant of it, each differing from the clean one in the facts the rule is about.
Run from the repository root; the output is committed, this script only saves typing."""
import os, re

OUT = "policy-rules/src/main/resources/dev/aigov/policy/packs/governance/fixtures"

BASE = """# bom: {bom}
# today: 2026-01-01
@prefix aigov: <https://aigov.dev/ns#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dpv: <https://w3id.org/dpv#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://aigov.dev/id/> .

<https://aigov.dev/id/ai-system/loans> a aigov:AISystem ;
    dcterms:title "Loan pre-screening" ;
    aigov:purpose "Rank loan applications for a human underwriter." ;
    aigov:riskLevel aigov:{risk} ;
    {decides}
    aigov:owner <https://aigov.dev/id/agent/mona> .

<https://aigov.dev/id/model/scorer> a aigov:Model ;
    dcterms:title "Application scorer" ;
    aigov:servesSystem <https://aigov.dev/id/ai-system/loans> ;
    aigov:owner <https://aigov.dev/id/agent/mona> .

<https://aigov.dev/id/dataset-version/applications-2025> a aigov:DatasetVersion ;
    dcterms:isVersionOf <https://aigov.dev/id/dataset/applications> ;
    dcat:version "2025" ;
    aigov:licenseExpression "{data_licence}" ;
    aigov:sensitivity aigov:{sensitivity} ;
    aigov:containsPersonalData {personal} ;
    {legal}
    {consent}
    {retention}
    {anonymisation}
    aigov:collectionProcess "Applications received in 2025." .

<https://aigov.dev/id/base-model/base> a aigov:BaseModel ;
    dcterms:title "Base" ;
    aigov:provider "Open lab" ;
    aigov:licenseExpression "{base_licence}" .

<https://aigov.dev/id/training-run/scorer-1-training> a aigov:TrainingRun ;
    aigov:trainedOn <https://aigov.dev/id/dataset-version/applications-2025> ;
    aigov:startedFrom <https://aigov.dev/id/base-model/base> .

<https://aigov.dev/id/model-version/scorer-1> a aigov:ModelVersion ;
    aigov:versionOf <https://aigov.dev/id/model/scorer> ;
    dcat:version "1.0.0" ;
    {task}
    {architecture}
    {intended}
    {limitations}
    {method}
    aigov:servingProvider "{provider}" ;
    {output_licence}
    {energy}
    aigov:baseModel <https://aigov.dev/id/base-model/base> ;
    aigov:trainingRun <https://aigov.dev/id/training-run/scorer-1-training> .
{evaluations}{incidents}"""

def evaluation(eid, kind, metrics):
    lines = [f"""
<https://aigov.dev/id/evaluation/{eid}> a aigov:Evaluation ;
    aigov:evaluates <https://aigov.dev/id/model-version/scorer-1> ;
    aigov:evaluationKind <https://aigov.dev/ns#evaluation-kind/{kind}>""" ]
    for i, _ in enumerate(metrics):
        lines.append(f" ;\n    aigov:metric <https://aigov.dev/id/evaluation/{eid}/metric/{i}>")
    lines.append(" .\n")
    for i, (name, value, slice_) in enumerate(metrics):
        s = f' ; aigov:slice "{slice_}"' if slice_ else ""
        lines.append(f'<https://aigov.dev/id/evaluation/{eid}/metric/{i}> a aigov:Metric ; aigov:metricName "{name}" ; aigov:value "{value}"^^xsd:decimal{s} .\n')
    return "".join(lines)

CLEAN = dict(
    bom="VERIFIED", risk="HighRisk",
    decides='aigov:decidesAboutPeople true ;',
    data_licence="CC-BY-4.0", sensitivity="Internal", personal="true",
    legal="dpv:hasLegalBasis dpv:Contract ;", consent="", retention='aigov:retentionUntil "2027-12-31"^^xsd:date ;',
    anonymisation='aigov:anonymisationMethod "pseudonymised applicant ids" ;',
    base_licence="Apache-2.0",
    task='aigov:task "binary classification" ;', architecture='aigov:architecture "gradient-boosted trees" ;',
    intended='aigov:intendedUse "Order applications for review; never the sole basis of a decision." ;',
    limitations='aigov:limitations "Validated on 2025 applications only." ;',
    method='aigov:explanationMethod "SHAP values per decision" ;',
    provider="on-premises", output_licence="", energy='aigov:energyPerInferenceWh "0.002"^^xsd:decimal ;',
    evaluations=None, incidents="",
)
CLEAN_EVALS = dict(
    accuracy=[("accuracy", "0.81", None)],
    fairness=[("disparate_impact", "0.91", "B vs A"), ("equalized_odds_difference", "0.05", None),
              ("demographic_parity_difference", "0.04", None)],
    robustness=[("robust_accuracy", "0.74", None)],
)

def render(overrides=None, evals=None, incidents=""):
    values = dict(CLEAN)
    values.update(overrides or {})
    ev = dict(CLEAN_EVALS)
    ev.update(evals or {})
    values["evaluations"] = "".join(evaluation(f"scorer-1-{k}", k, m) for k, m in ev.items() if m is not None)
    values["incidents"] = incidents
    text = BASE.format(**values)
    return re.sub(r"\n    \n", "\n", re.sub(r"\n\s+(?=\n)", "", text))

GENERATIVE = {"task": 'aigov:task "text generation" ;', "risk": "LimitedRisk",
              "decides": "aigov:decidesAboutPeople false ;",
              "output_licence": 'aigov:outputLicenseTerms "Outputs owned by the organisation." ;'}
GROUNDED = {"groundedness": [("groundedness", "0.93", None)]}

def incident(severity, status):
    return f"""
<https://aigov.dev/id/incident/scorer-1-drift> a aigov:Incident ;
    aigov:concerns <https://aigov.dev/id/model-version/scorer-1> ;
    dcterms:title "Score drift after a form change" ;
    aigov:severity <https://aigov.dev/ns#severity/{severity}> ;
    aigov:status <https://aigov.dev/ns#incident-status/{status}> .
"""

CASES = {
    "fairness.no-evaluation": (dict(evals={"fairness": None}, overrides={"decides": "aigov:decidesAboutPeople false ;"}),
                               dict(evals={"fairness": None})),
    "fairness.decision-scope-unstated": (dict(), dict(overrides={"decides": ""})),
    "fairness.disparate-impact": (dict(evals={"fairness": [("disparate_impact", "0.80", "B vs A")]}),
                                  dict(evals={"fairness": [("disparate_impact", "0.62", "B vs A")]})),
    "fairness.equalized-odds": (dict(evals={"fairness": [("equalized_odds_difference", "0.20", None)]}),
                                dict(evals={"fairness": [("equalized_odds_difference", "0.31", None)]})),
    "fairness.demographic-parity": (dict(evals={"fairness": [("demographic_parity_difference", "0.10", None)]}),
                                    dict(evals={"fairness": [("demographic_parity_difference", "0.17", None)]})),
    "fairness.no-disparity-metric": (dict(evals={"fairness": [("equalized_odds_difference", "0.05", None)]}),
                                     dict(evals={"fairness": [("false_positive_rate", "0.45", "B"), ("false_positive_rate", "0.23", "A")]})),
    "privacy.no-legal-basis": (dict(overrides={"personal": "false", "legal": ""}), dict(overrides={"legal": ""})),
    "privacy.consent-not-recorded": (
        dict(overrides={"legal": "dpv:hasLegalBasis dpv:Consent ;", "consent": "aigov:consentRecorded true ;"}),
        dict(overrides={"legal": "dpv:hasLegalBasis dpv:Consent ;"})),
    "privacy.no-anonymisation": (dict(overrides={"anonymisation": "", "risk": "LimitedRisk"}),
                                 dict(overrides={"anonymisation": ""})),
    "privacy.retention-expired": (dict(overrides={"retention": 'aigov:retentionUntil "2026-01-01"^^xsd:date ;'}),
                                  dict(overrides={"retention": 'aigov:retentionUntil "2025-12-31"^^xsd:date ;'})),
    "privacy.confidential-external": (dict(overrides={"sensitivity": "Confidential"}),
                                      dict(overrides={"sensitivity": "Confidential", "provider": "Example Cloud AI"})),
    "ip.licence-unknown": (dict(overrides={"base_licence": "LicenseRef-internal"}),
                           dict(overrides={"base_licence": "NOASSERTION"})),
    "ip.non-commercial": (dict(overrides={"data_licence": "CC-BY-NC-4.0 OR MIT"}),
                          dict(overrides={"data_licence": "CC-BY-NC-SA-4.0"})),
    "ip.share-alike": (dict(overrides={"data_licence": "CC-BY-SA-4.0 OR CC-BY-4.0"}),
                       dict(overrides={"data_licence": "CC-BY-SA-4.0"})),
    "ip.output-licence-unrecorded": (dict(overrides=GENERATIVE, evals=GROUNDED),
                                     dict(overrides={**GENERATIVE, "output_licence": ""}, evals=GROUNDED)),
    "explain.intended-use-missing": (dict(), dict(overrides={"intended": ""})),
    "explain.limitations-missing": (dict(), dict(overrides={"limitations": ""})),
    "explain.method-missing": (dict(overrides={"method": "", "risk": "LimitedRisk", "decides": "aigov:decidesAboutPeople false ;"}),
                               dict(overrides={"method": ""})),
    "explain.model-card-incomplete": (dict(), dict(overrides={"architecture": ""})),
    "explain.bom-unchecked": (dict(), dict(overrides={"bom": "UNKNOWN"})),
    "explain.bom-not-verified": (dict(overrides={"bom": "UNKNOWN"}), dict(overrides={"bom": "INVALID"})),
    "reliability.accuracy-missing": (dict(overrides={"risk": "LimitedRisk"}, evals={"accuracy": None}),
                                     dict(evals={"accuracy": None})),
    "reliability.accuracy-unevaluated": (dict(overrides={"risk": "LimitedRisk"}),
                                         dict(overrides={"risk": "LimitedRisk"}, evals={"accuracy": None})),
    "reliability.accuracy-below": (dict(evals={"accuracy": [("accuracy", "0.60", None)]}),
                                   dict(evals={"accuracy": [("accuracy", "0.55", None)]})),
    "reliability.robustness-missing": (dict(), dict(evals={"robustness": None})),
    "reliability.robustness-below": (dict(evals={"robustness": [("robust_accuracy", "0.50", None)]}),
                                     dict(evals={"robustness": [("robust_accuracy", "0.31", None)]})),
    "reliability.groundedness-missing": (dict(overrides=GENERATIVE, evals={"hallucination": [("hallucination_rate", "0.02", None)]}),
                                         dict(overrides=GENERATIVE)),
    "reliability.groundedness-below": (dict(overrides=GENERATIVE, evals={"groundedness": [("groundedness", "0.80", None)]}),
                                       dict(overrides=GENERATIVE, evals={"groundedness": [("groundedness", "0.64", None)]})),
    "reliability.hallucination-above": (dict(overrides=GENERATIVE, evals={"hallucination": [("hallucination_rate", "0.10", None)]}),
                                        dict(overrides=GENERATIVE, evals={"hallucination": [("hallucination_rate", "0.23", None)]})),
    "security.open-incident-severe": (dict(incidents=incident("high", "mitigated")), dict(incidents=incident("critical", "open"))),
    "security.open-incident": (dict(incidents=incident("low", "closed")), dict(incidents=incident("medium", "open"))),
    "esg.energy-unrecorded": (dict(), dict(overrides={"energy": ""})),
}

for rule, (passing, failing) in CASES.items():
    os.makedirs(f"{OUT}/{rule}", exist_ok=True)
    for kind, case in (("pass", passing), ("fail", failing)):
        with open(f"{OUT}/{rule}/{kind}-{rule.split('.')[1]}.ttl", "w") as f:
            f.write(render(case.get("overrides"), case.get("evals"), case.get("incidents", "")))
print(len(CASES), "rules")
