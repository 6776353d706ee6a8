import LogisCore
import Vapor

/// A request as the API shows it to its applicant.
struct RequestDTO: Content {
    struct Renewal: Content {
        let anniversary: String
        let reminder: String
        let radiation: String
    }

    let id: UUID?
    let status: String
    let nud: String?
    let firstFiledOn: String?
    let householdPersons: Int
    let renewal: Renewal?
    let missingSteps: [String]
    let form: RequestForm

    init(_ request: HousingRequest) {
        id = request.id
        status = request.status.rawValue
        nud = request.nud
        firstFiledOn = request.firstFiledOn
        householdPersons = request.form.householdPersons
        renewal = RequestLifecycle.schedule(of: request).map {
            Renewal(anniversary: $0.anniversary.iso, reminder: $0.reminder.iso, radiation: $0.radiation.iso)
        }
        missingSteps = WizardStep.allCases.filter { !$0.isAnswered(in: request.form) }.map(\.rawValue)
        form = request.form
    }
}

struct TimelineDTO: Content {
    let occurredAt: Date
    let kind: String
    let label: String
    let comment: String?

    init(_ event: RequestEvent) {
        occurredAt = event.occurredAt
        kind = event.kind.rawValue
        label = event.label
        comment = event.comment
    }
}
