import Fluent
import Foundation
import LogisCore
import Vapor

/// One household, one request (DOMAIN.md §3): before registering, desks look for a request of the
/// same person — same birth name, first name and birth date once accents, case, hyphens and
/// spaces are set aside, or the same e-mail, or the same phone number.
enum DuplicateDetection {
    /// « Lefèvre-Dupont » and « LEFEVRE DUPONT » give the same key.
    static func normalise(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        let letters = folded.map { character -> Character in
            character.isLetter || character.isNumber ? character : " "
        }
        return String(letters).split(separator: " ").joined(separator: " ")
    }

    static func identityKey(birthName: String, lastName: String, firstName: String, birthDate: String) -> String? {
        let name = normalise(birthName.isEmpty ? lastName : birthName)
        let first = normalise(firstName)
        guard !name.isEmpty, !first.isEmpty, !birthDate.isEmpty else { return nil }
        return "\(name)|\(first)|\(birthDate)"
    }

    static func email(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        return value.isEmpty ? nil : value
    }

    /// French numbers in one shape: « +33 6 12 34 56 78 » and « 06.12.34.56.78 » match.
    static func phone(_ text: String) -> String? {
        var digits = text.filter(\.isNumber)
        if digits.hasPrefix("33"), digits.count == 11 { digits = "0" + digits.dropFirst(2) }
        return digits.count >= 9 ? digits : nil
    }

    /// Duplicate checks one agent may run in the throttling window (a desk enters a few dozen
    /// papers a day; a loop probing who has a request is stopped).
    static let checksPerAgent = 120

    /// The candidates an agent may see in full (their territory), and — to a registering desk
    /// about to register a complete entry, nobody else — how many others exist elsewhere, as a
    /// count without identity. Each candidate shown is an opened file, and each match elsewhere
    /// is written to the audit log on that file, so its territory can see who looked.
    static func visibleCandidates(
        for request: HousingRequest, on req: Request
    ) async throws
        -> (visible: [HousingRequest], elsewhere: Int?)
    {
        let agent = try req.requireAccount()
        _ = try await AttemptThrottle(database: req.db, now: req.now).admit([
            .duplicateChecks(agentID: try agent.requireID())
        ])
        let all = try await candidates(for: request, on: req.db)
        let territory = AgentScope.territoryID(of: agent)
        let visible = all.filter { agent.role == .admin || $0.$territory.id == territory }
        for candidate in visible {
            if let id = candidate.id { try await req.audit(.requestRead, target: .request(id), reason: .duplicate) }
        }
        let registering = agent.role == .enregistreur && WizardStep.firstMissing(in: request.form) == nil
        guard registering else { return (visible, nil) }
        let others = all.filter { candidate in !visible.contains { $0.id == candidate.id } }
        for other in others {
            if let id = other.id {
                try await req.audit(.duplicateMatched, target: .request(id), reason: .duplicateElsewhere)
            }
        }
        return (visible, others.count)
    }

    /// Live requests of the same person, other than `request` itself.
    static func candidates(for request: HousingRequest, on db: any Database) async throws -> [HousingRequest] {
        let keys = (request.identityKey, request.contactEmail, request.contactPhone)
        guard keys.0 != nil || keys.1 != nil || keys.2 != nil else { return [] }
        let found = try await HousingRequest.query(on: db)
            .group(.or) { group in
                if let identity = keys.0 { group.filter(\.$identityKey == identity) }
                if let email = keys.1 { group.filter(\.$contactEmail == email) }
                if let phone = keys.2 { group.filter(\.$contactPhone == phone) }
            }
            .all()
        return found.filter { $0.id != request.id && $0.status.isLive && $0.status != .brouillon }
    }
}

extension HousingRequest {
    /// Keeps the searchable columns in step with the form and dates, wherever the request is saved.
    ///
    /// The due dates are set only while they are due: the attestation while unsent and the request
    /// registered, the anniversary and striking-off dates while it is live. A queue then walks one
    /// index in date order and stops at its page. Every change of status or of these dates must
    /// call this before saving.
    func syncSearchColumns() {
        householdPersons = form.householdPersons
        incomeRFR = form.resources?.taxIncomeN2
        let filed = firstFiledOn.flatMap { try? CalendarDate(iso: $0) }
        // A paper form's month runs from the day the desk received it (docs/rules/calendars.md).
        let complete = (paperReceivedOn ?? firstFiledOn).flatMap { try? CalendarDate(iso: $0) }
        let followed = [RequestStatus.enregistree, .active, .enInstruction].contains(status)
        let attestationDue = attestationSentAt == nil && [RequestStatus.enregistree, .active].contains(status)
        attestationDueOn =
            attestationDue ? complete.map { RequestCalendar.attestationDeadline(completeFilingOn: $0).iso } : nil
        let schedule = followed ? filed.map { RequestCalendar.renewal(registeredOn: $0, renewals: renewals) } : nil
        anniversaryOn = schedule?.anniversary.iso
        strikeOffOn = schedule?.radiation.iso
        waitedMonths =
            status == .satisfaite
            ? filed.flatMap { first in radiatedAt.map { first.fullMonths(until: CalendarDate.today(now: $0)) } } : nil
        let satisfaction = SatisfactionColumns(
            firstFiledOn: firstFiledOn, satisfiedAt: status == .satisfaite ? radiatedAt : nil)
        satisfiedOn = satisfaction.satisfiedOn
        waitedDays = satisfaction.waitedDays
        guard let applicant = form.applicant else { return }
        searchName = RequestSearch.nameTokens(
            [applicant.lastName, applicant.birthName, applicant.firstName])
        displayName = "\(applicant.lastName.uppercased()) \(applicant.firstName)"
        birthDate = applicant.birthDate.isEmpty ? nil : applicant.birthDate
        identityKey = DuplicateDetection.identityKey(
            birthName: applicant.birthName, lastName: applicant.lastName, firstName: applicant.firstName,
            birthDate: applicant.birthDate)
        contactEmail = DuplicateDetection.email(applicant.email)
        contactPhone = DuplicateDetection.phone(applicant.phone)
    }
}
