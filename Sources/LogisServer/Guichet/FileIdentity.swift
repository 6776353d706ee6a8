import LogisCore

/// What an agent reads first on a file: who the person is, then what is left to do.
struct FileIdentity: Encodable {
    let name: String
    let birthDate: String?
    let household: String
    let commune: String?
    let status: String
    /// The next date the desk must keep: the attestation, else the renewal.
    let deadline: String?
    let paperReceivedOn: String?

    init(_ request: HousingRequest) {
        let applicant = request.form.applicant
        name = applicant.map { "\($0.firstName) \($0.lastName)" } ?? "(identité non saisie)"
        birthDate = applicant.map(\.birthDate).flatMap { $0.isEmpty ? nil : RequestSummary.display($0) }
        let persons = request.householdPersons
        household = persons > 1 ? "\(persons) personnes" : "1 personne"
        commune = applicant.flatMap { $0.city.isEmpty ? nil : "\($0.city) (\($0.postalCode))" }
        status = request.status.label
        if let due = request.attestationDueOn {
            deadline = "Attestation à remettre avant le \(RequestSummary.display(due))"
        } else if let anniversary = request.anniversaryOn {
            deadline = "À renouveler avant le \(RequestSummary.display(anniversary))"
        } else {
            deadline = nil
        }
        paperReceivedOn = request.paperReceivedOn.map(RequestSummary.display)
    }
}

/// The file's « À faire »: each item a sentence, in the order the desk usually works.
enum FileTodo {
    static func items(
        _ request: HousingRequest, checklist: ChecklistView, pendingCriteria: Int, can: GuichetFileController.Can,
        today: CalendarDate
    ) -> [String] {
        var items: [String] = []
        if can.attestationSent, let due = request.attestationDueOn {
            let late = (try? CalendarDate(iso: due)).map { $0 < today } == true
            items.append(
                "\(late ? "En retard : r" : "R")emettre ou envoyer l’attestation d’enregistrement "
                    + "(au plus tard le \(RequestSummary.display(due))).")
        }
        let toReview = checklist.checklist.filter { $0.status == "en_attente" }.count
        if can.review, toReview > 0 {
            items.append(toReview > 1 ? "Vérifier \(toReview) pièces déposées." : "Vérifier 1 pièce déposée.")
        }
        if !checklist.completeForInstruction, request.status.isLive {
            items.append("Obtenir les pièces qui manquent pour instruire la demande.")
        }
        if can.priority, pendingCriteria > 0 {
            items.append(
                pendingCriteria > 1
                    ? "Valider \(pendingCriteria) critères de cotation." : "Valider 1 critère de cotation.")
        }
        if can.activate { items.append("Vérifier la demande, puis la marquer vérifiée (active).") }
        return items
    }
}
