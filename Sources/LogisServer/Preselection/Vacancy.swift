import Fluent
import Vapor

/// A dwelling declared free from a date (DOMAIN.md §8), followed until a lease is signed.
final class Vacancy: Model, @unchecked Sendable {
    static let schema = "vacancies"

    enum Status: String, Codable, Sendable, CaseIterable {
        /// Declared; candidates are being pre-selected.
        case open = "ouverte"
        /// The dwelling and its candidates are on the agenda of a CALEOL session.
        case atCommission = "en_commission"
        /// The commission decided; offers are being made.
        case attributed = "attribuee"
        /// A lease is signed.
        case leased = "pourvue"
        /// Declared by mistake or the dwelling was taken off the market.
        case withdrawn = "annulee"
        /// Every attributed candidate refused or lapsed: this round is closed (its session,
        /// decisions and offers stay as they were) and a new vacancy opens for the dwelling.
        case noTaker = "sans_preneur"

        var label: String {
            switch self {
            case .open: "Présélection en cours"
            case .atCommission: "Inscrite en commission (CALEOL)"
            case .attributed: "Attribuée, proposition en cours"
            case .leased: "Bail signé"
            case .withdrawn: "Annulée"
            case .noTaker: "Aucun candidat retenu n’a accepté : nouvelle présélection ouverte"
            }
        }

        var isSelectable: Bool { self == .open }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "dwelling_id") var dwelling: StockDwelling
    @Parent(key: "organisation_id") var organisation: Organisation
    @Parent(key: "territory_id") var territory: Territory
    /// INSEE code of the dwelling's commune: the ranking table is read for this commune.
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "available_on") var availableOn: String
    @Field(key: "status") var status: Status
    @Field(key: "declared_by") var declaredBy: UUID
    @Field(key: "declared_at") var declaredAt: Date
    /// Why fewer than three candidates were kept (required then, unless one is DALO).
    @OptionalField(key: "selection_justification") var selectionJustification: String?
    @OptionalField(key: "selected_at") var selectedAt: Date?
    /// The CALEOL session whose agenda the vacancy is on (M0017).
    @OptionalField(key: "session_id") var sessionID: UUID?

    init() {}

    /// Vacancies with the dwelling, its résidence and its commune: what every page, decision and
    /// offer about a vacancy shows.
    static func queryWithDwelling(on db: any Database) -> QueryBuilder<Vacancy> {
        query(on: db).with(\.$dwelling) { $0.with(\.$residence) { $0.with(\.$commune) } }
    }
}

/// A request kept for a vacancy, with the reasons it was kept, as they stood when it was chosen
/// (DOMAIN.md §8: « every pre-selection stores why each candidate was chosen »).
final class VacancyCandidate: Model, @unchecked Sendable {
    static let schema = "vacancy_candidates"

    enum Origin: String, Codable, Sendable {
        /// Among the first of the ranking.
        case ranking = "classement"
        /// Swapped in by the agent, with a justification.
        case swappedIn = "ajout"
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "vacancy_id") var vacancy: Vacancy
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "nud") var nud: String
    /// 1, 2, 3: the order in which the candidates go to the commission.
    @Field(key: "position") var position: Int
    @Field(key: "score") var score: Int
    @Field(key: "origin") var origin: Origin
    @OptionalField(key: "justification") var justification: String?
    /// `CandidateExplanation` as JSON, frozen at selection.
    @Field(key: "explanation") var explanation: String
    @Field(key: "selected_by") var selectedBy: UUID
    @Field(key: "selected_at") var selectedAt: Date

    init() {}
}
