#!/usr/bin/env python3
"""Prepares the fuzzing runs against a running Logis with its demo data.

    python3 Tests/fuzz/prepare.py http://127.0.0.1:PORT OUTPUT_DIR

Signs in the demo applicant, the demo registering agent, the demo bailleur and the demo
réservataire (two sessions each: one for the run, one that `DELETE /api/v1/session` may revoke),
gives the applicant two pieces waiting for review (so the agent's validate and refuse have
something to act on), declares two vacancies as the bailleur (one on a dwelling the bailleur
manages itself, one in the réservataire's contingent, so each has candidates to rank, explain and
keep), collects the ids of existing requests, pieces and vacancies and the NUDs of their
candidates, then writes OUTPUT_DIR/applicant.toml, agent.toml, bailleur.toml and
reservataire.toml: the token, Tests/fuzz/schemathesis.toml, and the ids as dictionaries the fuzzer
draws path parameters from (most of the time; otherwise it makes its own). Standard library only.

Run it before any fuzzing: the fuzzer's wrong passwords soon get 127.0.0.1 throttled. Each
sign-in here comes from its own forwarded address (the server must trust 127.0.0.1 as a proxy).
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
import uuid
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PASSWORD = "logis-demo-2026"
APPLICANT = "demandeur@demo.logis.fr"
AGENT = "enregistreur@demo.logis.fr"
BAILLEUR = "bailleur@demo.logis.fr"
RESERVATAIRE = "reservataire@demo.logis.fr"
# The demo bailleur (SEMIGA) manages the "bailleur" contingent itself; the demo réservataire is
# Action Logement, which proposes the candidates of its contingent.
VACANCY_CONTINGENTS = ("bailleur", "action_logement")
# The smallest file the server takes as a PDF (it reads the first bytes).
SMALL_PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def call(base: str, method: str, path: str, *, token: str | None = None, body=None,
         headers: dict[str, str] | None = None) -> tuple[int, object]:
    data = None
    all_headers = dict(headers or {})
    if isinstance(body, bytes):
        data = body
    elif body is not None:
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = "application/json"
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(base + path, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        raw = error.read()
        status = error.code
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw


def sign_in(base: str, email: str, address: str) -> str:
    status, body = call(base, "POST", "/api/v1/session", body={"email": email, "password": PASSWORD},
                        headers={"X-Forwarded-For": address})
    if status != 201:
        raise SystemExit(f"prepare.py: sign-in of {email} answered {status}: {body}")
    return body["token"]


def upload(base: str, token: str, reference: str, piece: str) -> dict:
    boundary = uuid.uuid4().hex
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"piece\"\r\n\r\n{piece}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"piece.pdf\"\r\n"
        f"Content-Type: application/pdf\r\n\r\n"
    ).encode() + SMALL_PDF + f"\r\n--{boundary}--\r\n".encode()
    status, answer = call(base, "POST", f"/api/v1/requests/{reference}/documents", token=token, body=body,
                          headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    if status != 201:
        raise SystemExit(f"prepare.py: upload of {piece} answered {status}: {answer}")
    return answer


def declare_vacancies(base: str, bailleur: str, reservataire: str) -> tuple[list[str], list[str]]:
    """One open vacancy per contingent of VACANCY_CONTINGENTS; returns their ids and candidate NUDs."""
    status, dwellings = call(base, "GET", "/api/v1/dwellings", token=bailleur)
    if status != 200 or not dwellings:
        raise SystemExit(f"prepare.py: the bailleur's dwellings answered {status}: {dwellings}")
    vacancies: list[str] = []
    nuds: list[str] = []
    for contingent, token in zip(VACANCY_CONTINGENTS, (bailleur, reservataire)):
        dwelling = next((d for d in dwellings if d["reservataire"] == contingent and d["occupancy"] == "occupe"), None)
        if dwelling is None:
            raise SystemExit(f"prepare.py: the demo bailleur has no occupied dwelling of the {contingent} contingent")
        status, vacancy = call(base, "POST", "/api/v1/vacancies", token=bailleur,
                               body={"dwellingId": dwelling["id"], "availableOn": date.today().isoformat()})
        if status != 201:
            raise SystemExit(f"prepare.py: declaring a vacancy on {dwelling['reference']} answered {status}: {vacancy}")
        vacancies.append(vacancy["id"])
        status, ranking = call(base, "GET", f"/api/v1/vacancies/{vacancy['id']}/candidates?count=6", token=token)
        if status != 200:
            raise SystemExit(f"prepare.py: the candidates of {dwelling['reference']} answered {status}: {ranking}")
        nuds += [candidate["nud"] for candidate in ranking["candidates"]]
    return vacancies, nuds


def write_dictionary(path: Path, values: list[str]) -> str:
    unique = list(dict.fromkeys(v for v in values if v))
    path.write_text("".join(json.dumps(v) + "\n" for v in unique), encoding="utf-8")
    return str(path)


def toml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string of plain ASCII is a valid TOML basic string


def write_config(path: Path, token: str, spare_token: str, dictionaries: dict[str, tuple[str, str]]) -> None:
    """token for every call; spare_token for DELETE /api/v1/session, which revokes what it is given."""
    static = (HERE / "schemathesis.toml").read_text(encoding="utf-8")
    lines = [f"headers = {{ Authorization = {toml_string('Bearer ' + token)} }}", "", static, "", "[parameters]"]
    for parameter, (name, _) in dictionaries.items():
        lines.append(f"{toml_string('path.' + parameter)} = {{ dictionary = {toml_string(name)}, probability = 0.8 }}")
    for parameter, (name, file) in dictionaries.items():
        lines += ["", f"[dictionaries.{name}]", f"from-file = {toml_string(file)}"]
    lines += [
        "",
        "# Signing out revokes the token it is sent with: that operation gets a session of its own.",
        "[[operations]]",
        'include-name = "DELETE /api/v1/session"',
        f"headers = {{ Authorization = {toml_string('Bearer ' + spare_token)} }}",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    base, output = sys.argv[1].rstrip("/"), Path(sys.argv[2])
    output.mkdir(parents=True, exist_ok=True)

    applicant = sign_in(base, APPLICANT, "198.51.100.11")
    applicant_spare = sign_in(base, APPLICANT, "198.51.100.12")
    agent = sign_in(base, AGENT, "198.51.100.13")
    agent_spare = sign_in(base, AGENT, "198.51.100.14")
    bailleur = sign_in(base, BAILLEUR, "198.51.100.15")
    bailleur_spare = sign_in(base, BAILLEUR, "198.51.100.16")
    reservataire = sign_in(base, RESERVATAIRE, "198.51.100.17")
    reservataire_spare = sign_in(base, RESERVATAIRE, "198.51.100.18")

    status, requests = call(base, "GET", "/api/v1/requests", token=applicant)
    live = [r for r in requests or [] if r.get("nud")] if status == 200 else []
    if not live:
        raise SystemExit(f"prepare.py: the demo applicant has no registered request ({status}: {requests})")
    own = live[0]
    status, checklist = call(base, "GET", f"/api/v1/requests/{own['id']}/documents", token=applicant)
    if status != 200:
        raise SystemExit(f"prepare.py: the applicant's checklist answered {status}: {checklist}")
    missing = [item["code"] for item in checklist["checklist"] if item.get("canUpload") and not item.get("documentId")]
    for piece in missing[:2]:
        upload(base, applicant, own["id"], piece)
    status, checklist = call(base, "GET", f"/api/v1/requests/{own['id']}/documents", token=applicant)
    documents = [item["documentId"] for item in checklist["checklist"] if item.get("documentId")]

    status, queues = call(base, "GET", "/api/v1/guichet/queues", token=agent)
    if status != 200:
        raise SystemExit(f"prepare.py: the agent's queues answered {status}: {queues}")
    agent_requests = [own["id"]] + [item["requestID"] for queue in queues for item in queue["items"][:2]]

    applicant_dictionaries = {
        "reference": ("references", write_dictionary(output / "references.dict",
                                                     [own["id"], own["id"].lower(), own["nud"]])),
        "id": ("documents", write_dictionary(output / "applicant-documents.dict", documents)),
    }
    agent_dictionaries = {
        "request": ("requests", write_dictionary(output / "agent-requests.dict", agent_requests)),
        "document": ("documents", write_dictionary(output / "agent-documents.dict", documents)),
    }
    vacancies, candidates = declare_vacancies(base, bailleur, reservataire)
    # The candidates' NUDs, one in lower case, and the applicant's (ranked or not for these dwellings).
    nuds = candidates + [n.lower() for n in candidates[:1]] + [own["nud"]]
    vacancy_dictionaries = {
        "vacancy": ("vacancies", write_dictionary(output / "vacancies.dict", vacancies)),
        "nud": ("nuds", write_dictionary(output / "nuds.dict", nuds)),
    }
    write_config(output / "applicant.toml", applicant, applicant_spare, applicant_dictionaries)
    write_config(output / "agent.toml", agent, agent_spare, agent_dictionaries)
    write_config(output / "bailleur.toml", bailleur, bailleur_spare, vacancy_dictionaries)
    write_config(output / "reservataire.toml", reservataire, reservataire_spare, vacancy_dictionaries)
    print(json.dumps({"applicantRequest": own["id"], "nud": own["nud"], "documents": len(documents),
                      "agentRequests": len(set(agent_requests)), "piecesUploaded": len(missing[:2]),
                      "vacancies": len(vacancies), "candidateNuds": len(set(candidates))}))


if __name__ == "__main__":
    main()
