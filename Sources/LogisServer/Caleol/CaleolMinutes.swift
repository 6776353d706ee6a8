import Fluent
import LogisCore
import Vapor

/// Gathers what the procès-verbal states from the session's records (`CaleolMinutesPDF` lays
/// it out). Reading it is reading the candidates' files: it is audited like the session view.
enum CaleolMinutes {
    static func content(of access: CaleolScope.Access, on req: Request) async throws -> CaleolMinutesContent {
        let view = try await CaleolSessionView.build(access, on: req)
        let organisation = try await Organisation.find(access.commission.$organisation.id, on: req.db)
        let territory = try await Territory.find(access.commission.$territory.id, on: req.db)
        let attendance = ["present": "présent", "represented": "représenté", "absent": "absent"]
        return CaleolMinutesContent(
            commission: access.commission.name, bailleur: organisation?.name ?? "", territory: territory?.name ?? "",
            heldOn: try CalendarDate(iso: view.heldOn), mode: view.modeLabel,
            castingVote: CaleolMemberRole(code: access.commission.castingVoteRole)?.label ?? "aucune",
            quorumReached: view.quorumReached,
            members: view.seats.map {
                CaleolMinutesContent.Member(
                    name: $0.name, role: $0.roleLabel, attendance: attendance[$0.attendance] ?? $0.attendance,
                    votes: $0.votes)
            },
            dwellings: view.agenda.map { item in
                CaleolMinutesContent.Dwelling(
                    reference: item.vacancy.dwelling, residence: item.residence, commune: item.vacancy.commune,
                    description:
                        "\(item.vacancy.typology) \(item.vacancy.financing.uppercased()), \(item.vacancy.monthlyRent) € "
                        + "charges comprises",
                    decisions: item.candidates.map { candidate in
                        CaleolMinutesContent.Decision(
                            nud: candidate.nud, decision: candidate.decision?.label ?? "Pas encore de décision",
                            motif: candidate.decision?.motif,
                            condition: candidate.decision?.missingPiece.map { piece in
                                "Pièce manquante : \(piece) avant le "
                                    + RequestSummary.display(candidate.decision?.deadline ?? "")
                            },
                            votes: candidate.decision?.votes ?? "\(candidate.ballots.count) vote(s) enregistré(s)",
                            byCastingVote: candidate.decision?.byCastingVote ?? false)
                    })
            }, producedOn: req.today)
    }
}
