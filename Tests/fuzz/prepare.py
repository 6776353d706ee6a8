#!/usr/bin/env python3
"""Prepares the fuzzing runs against a running Logis with its demo data.

    python3 Tests/fuzz/prepare.py http://127.0.0.1:PORT OUTPUT_DIR

Signs in the demo applicant, the demo registering agent, the demo bailleur, the demo
réservataire and the demo CALEOL member (two sessions each: one for the run, one that
`DELETE /api/v1/session` may revoke),
gives the applicant two pieces waiting for review (so the agent's validate and refuse have
something to act on), declares two vacancies as the bailleur (one on a dwelling the bailleur
manages itself, one in the réservataire's contingent, so each has candidates to rank, explain and
keep), holds a CALEOL session of SEMIGA's commission today with two more dwellings on its agenda
(on the first, the applicant's request kept with a justification when it is ranked, every voting
seat's vote recorded and the decisions taken, so an offer is made; the second left undecided),
collects the ids of existing requests, pieces, vacancies, the session, its seats and the offers
and the NUDs of the candidates, then writes OUTPUT_DIR/applicant.toml, agent.toml, caleol.toml,
bailleur.toml and reservataire.toml: the token, Tests/fuzz/schemathesis.toml, and the ids as
dictionaries the fuzzer draws path parameters and some body fields (`vacancyId`, `vacancyIds`,
`nud`, `memberId`) from (most of the time; otherwise it makes its own). Standard library only.

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
# The demo CALEOL member sits as the EPCI president in SEMIGA's commission for Petite Camargue.
CALEOL = "caleol@demo.logis.fr"
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


def hold_session(base: str, bailleur: str, applicant_nud: str, used: list[str]) -> dict:
    """A CALEOL session held today with two dwellings of the bailleur's own contingent on its agenda.

    On the first (preferably one the applicant is ranked for: the applicant is kept with a
    justification), every voting seat's vote is recorded by the secretariat and the decisions are
    taken, so an offer is made (to the applicant when kept); the second stays undecided, for the
    votes and decisions the fuzzer sends."""
    status, dwellings = call(base, "GET", "/api/v1/dwellings", token=bailleur)
    free = [d for d in dwellings if d["reservataire"] == "bailleur" and d["occupancy"] == "occupe"
            and d["id"] not in used]
    agenda: list[tuple[str, list[str]]] = []
    decided_with_applicant = False
    for dwelling in free:
        if len(agenda) == 2:
            break
        status, vacancy = call(base, "POST", "/api/v1/vacancies", token=bailleur,
                               body={"dwellingId": dwelling["id"], "availableOn": date.today().isoformat()})
        if status != 201:
            continue
        status, ranking = call(base, "GET", f"/api/v1/vacancies/{vacancy['id']}/candidates?count=3", token=bailleur)
        top = [c["nud"] for c in ranking.get("candidates", [])] if status == 200 else []
        status, explanation = call(base, "GET",
                                   f"/api/v1/vacancies/{vacancy['id']}/candidates/{applicant_nud}/explanation",
                                   token=bailleur)
        ranked = status == 200 and explanation.get("outcome") in ("propose", "classe")
        if not agenda and ranked:
            kept = [applicant_nud] + [n for n in top if n != applicant_nud][:2]
            body = {"candidates": kept,
                    "justification": "Demande de démonstration présentée pour exercer la proposition (fuzzing)."}
            decided_with_applicant = True
        elif len(top) == 3:
            body = {"candidates": top}
        else:
            continue
        status, answer = call(base, "POST", f"/api/v1/vacancies/{vacancy['id']}/selection", token=bailleur, body=body)
        if status != 201:
            raise SystemExit(f"prepare.py: selecting on {dwelling['reference']} answered {status}: {answer}")
        agenda.append((vacancy["id"], body["candidates"]))
    if len(agenda) != 2:
        raise SystemExit("prepare.py: fewer than two dwellings of the bailleur's contingent to put on a session agenda")
    status, session = call(base, "POST", "/api/v1/caleol/sessions", token=bailleur,
                           body={"heldOn": date.today().isoformat(), "vacancyIds": [v for v, _ in agenda]})
    if status != 201:
        raise SystemExit(f"prepare.py: creating a CALEOL session answered {status}: {session}")
    seats = [seat["id"] for seat in session["seats"]]
    decided, kept = agenda[0]
    for seat in session["seats"]:
        if not seat["votes"]:
            continue
        for rank, nud in enumerate(kept, start=1):
            status, answer = call(base, "POST", f"/api/v1/caleol/sessions/{session['id']}/votes", token=bailleur,
                                  body={"vacancyId": decided, "nud": nud, "memberId": seat["id"],
                                        "choice": {"code": "attribution", "rank": rank}})
            if status != 201:
                raise SystemExit(f"prepare.py: recording a vote answered {status}: {answer}")
    status, answer = call(base, "POST", f"/api/v1/caleol/sessions/{session['id']}/decisions", token=bailleur,
                          body={"vacancyId": decided})
    if status != 201:
        raise SystemExit(f"prepare.py: taking the decisions answered {status}: {answer}")
    status, offers = call(base, "GET", "/api/v1/offers", token=bailleur)
    if status != 200 or not offers:
        raise SystemExit(f"prepare.py: the bailleur's offers answered {status}: {offers}")
    return {"session": session["id"], "vacancies": [v for v, _ in agenda],
            "nuds": [n for _, nuds in agenda for n in nuds], "seats": seats, "offers": [o["id"] for o in offers],
            "applicantOffered": decided_with_applicant}


def write_dictionary(path: Path, values: list[str]) -> str:
    unique = list(dict.fromkeys(v for v in values if v))
    path.write_text("".join(json.dumps(v) + "\n" for v in unique), encoding="utf-8")
    return str(path)


def toml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string of plain ASCII is a valid TOML basic string


def write_config(path: Path, token: str, spare_token: str, dictionaries: dict[str, tuple[str, str]]) -> None:
    """token for every call; spare_token for DELETE /api/v1/session, which revokes what it is given.

    dictionaries: a path parameter's name, or a location-qualified key (`body.vacancyId`,
    `body.vacancyIds[*]`), to (dictionary name, file)."""
    static = (HERE / "schemathesis.toml").read_text(encoding="utf-8")
    lines = [f"headers = {{ Authorization = {toml_string('Bearer ' + token)} }}", "", static, "", "[parameters]"]
    for parameter, (name, _) in dictionaries.items():
        key = parameter if "." in parameter else "path." + parameter
        lines.append(f"{toml_string(key)} = {{ dictionary = {toml_string(name)}, probability = 0.8 }}")
    names = list(dict.fromkeys(name for name, _ in dictionaries.values()))
    files = {name: file for name, file in dictionaries.values()}
    for name in names:
        lines += ["", f"[dictionaries.{name}]", f"from-file = {toml_string(files[name])}"]
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
    member = sign_in(base, CALEOL, "198.51.100.19")
    member_spare = sign_in(base, CALEOL, "198.51.100.20")

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
    status, declared = call(base, "GET", "/api/v1/vacancies", token=bailleur)
    dwellings_used = [v["dwellingId"] for v in declared or [] if v["id"] in vacancies]
    held = hold_session(base, bailleur, own["nud"], dwellings_used)
    status, own_offers = call(base, "GET", "/api/v1/offers", token=applicant)
    applicant_offers = [o["id"] for o in own_offers] if status == 200 else []
    offers = ("offers", write_dictionary(output / "offers.dict", applicant_offers + held["offers"]))
    applicant_dictionaries["offer"] = offers
    caleol_dictionaries = {
        "session": ("sessions", write_dictionary(output / "sessions.dict", [held["session"], held["session"].lower()])),
        "body.vacancyId": ("agenda", write_dictionary(output / "agenda.dict", held["vacancies"])),
        "body.nud": ("agendaNuds", write_dictionary(output / "agenda-nuds.dict",
                                                    held["nuds"] + [n.lower() for n in held["nuds"][:1]])),
        "body.memberId": ("seats", write_dictionary(output / "seats.dict", held["seats"])),
    }
    # The candidates' NUDs, one in lower case, and the applicant's (ranked or not for these dwellings).
    nuds = candidates + [n.lower() for n in candidates[:1]] + [own["nud"]]
    vacancy_dictionaries = {
        "vacancy": ("vacancies", write_dictionary(output / "vacancies.dict", vacancies)),
        "nud": ("nuds", write_dictionary(output / "nuds.dict", nuds)),
    }
    write_config(output / "applicant.toml", applicant, applicant_spare, applicant_dictionaries)
    write_config(output / "agent.toml", agent, agent_spare, agent_dictionaries)
    write_config(output / "bailleur.toml", bailleur, bailleur_spare, {
        **vacancy_dictionaries, **caleol_dictionaries, "offer": offers,
        "body.vacancyIds[*]": ("allVacancies", write_dictionary(output / "all-vacancies.dict",
                                                                vacancies + held["vacancies"])),
    })
    write_config(output / "caleol.toml", member, member_spare, caleol_dictionaries)
    write_config(output / "reservataire.toml", reservataire, reservataire_spare, vacancy_dictionaries)
    print(json.dumps({"applicantRequest": own["id"], "nud": own["nud"], "documents": len(documents),
                      "agentRequests": len(set(agent_requests)), "piecesUploaded": len(missing[:2]),
                      "vacancies": len(vacancies), "candidateNuds": len(set(candidates)),
                      "caleolSession": held["session"], "agenda": len(held["vacancies"]),
                      "offers": len(held["offers"]), "applicantOffers": len(applicant_offers)}))


if __name__ == "__main__":
    main()
