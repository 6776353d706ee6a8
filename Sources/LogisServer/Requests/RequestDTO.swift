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
        self.init(
            id: request.id, status: request.status, nud: request.nud, firstFiledOn: request.firstFiledOn,
            renewals: request.renewals, form: request.form)
    }

    init(id: UUID?, status: RequestStatus, nud: String?, firstFiledOn: String?, renewals: Int, form: RequestForm) {
        self.id = id
        self.status = status.rawValue
        self.nud = nud
        self.firstFiledOn = firstFiledOn
        householdPersons = form.householdPersons
        renewal = RequestLifecycle.schedule(firstFiledOn: firstFiledOn, renewals: renewals).map {
            Renewal(anniversary: $0.anniversary.iso, reminder: $0.reminder.iso, radiation: $0.radiation.iso)
        }
        missingSteps = WizardStep.allCases.filter { !$0.isAnswered(in: form) }.map(\.rawValue)
        self.form = form
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
