import Fluent
import LogisCore
import Vapor

/// The allocation pages of bailleurs and réservataires: the stock with its vacancies, and for a
/// vacancy its explained ranking, the "why not?" question by NUD, and the kept candidates.
struct VacancyPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped("attributions")
        pages.get(use: home).access(VacancyAPIController.viewers)
        pages.post("vacances", use: declare).access(StockAPIController.bailleurs)
        pages.post("logements", use: addDwelling).access(StockAPIController.bailleurs)
        pages.post("residences", use: addResidence).access(StockAPIController.bailleurs)
        let one = pages.grouped("vacances", ":vacancy")
        one.get(use: show).access(VacancyAPIController.viewers)
        one.post("explication", use: explain).access(VacancyAPIController.viewers)
        one.post("selection", use: select).access(VacancyAPIController.viewers)
    }

    struct DwellingRow: Encodable {
        let id: UUID
        let reference: String
        let residence: String
        let commune: String
        let typology: String
        let financing: String
        let monthlyRent: Int
        let reservataire: String
        let vacant: Bool
    }

    struct HomePage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let organisation: String
        let isBailleur: Bool
        let vacancies: [VacancyAPIController.VacancyDTO]
        let dwellings: [DwellingRow]
        let today: String
        let residences: [Option]
        let reservataires: [Option]
        let communes: [Option]
    }

    struct Option: Encodable {
        let value: String
        let label: String
    }

    func home(req: Request) async throws -> View {
        try await renderHome(req, feedback: .none)
    }

    private func renderHome(_ req: Request, feedback: FormFeedback) async throws -> View {
        let agent = try req.requireAccount()
        let organisation = try await VacancyScope.organisation(of: agent, on: req.db)
        let isBailleur = organisation.kind == Organisation.Kind.bailleur.rawValue
        let dwellings = isBailleur ? try await StockQueries.dwellings(of: try organisation.requireID(), on: req.db) : []
        let page = HomePage(
            layout: req.layoutContext(title: "Logements et vacances"), feedback: feedback,
            organisation: organisation.name, isBailleur: isBailleur,
            vacancies: try await VacancyList.visible(to: agent, on: req.db).map(VacancyAPIController.VacancyDTO.init),
            dwellings: try dwellings.map {
                DwellingRow(
                    id: try $0.requireID(), reference: $0.reference, residence: $0.residence.name,
                    commune: $0.residence.commune.name, typology: $0.typology, financing: $0.financing.uppercased(),
                    monthlyRent: $0.rent + $0.charges, reservataire: Self.reservataireLabel($0.reservataire),
                    vacant: $0.occupancy == .vacant)
            }, today: req.today.iso,
            residences: isBailleur
                ? try await Residence.query(on: req.db).filter(\.$organisation.$id == (try organisation.requireID()))
                    .with(\.$commune).sort(\.$name).all()
                    .map { Option(value: try $0.requireID().uuidString, label: "\($0.name), \($0.commune.name)") } : [],
            reservataires: Reservataire.allCases.map {
                Option(value: $0.rawValue, label: Self.reservataireLabel($0.rawValue))
            },
            communes: try await Commune.query(on: req.db).filter(\.$territory.$id == organisation.$territory.id)
                .sort(\.$name).all().compactMap { commune in
                    commune.inseeCode.map { Option(value: $0, label: commune.name) }
                })
        return try await req.view.render("allocation/home", page)
    }

    func addDwelling(req: Request) async throws -> Response {
        do {
            let form = try req.content.decode([String: String].self)
            var values = form
            values["elevator"] = form["elevator"] == "oui" ? "oui" : "non"
            let dwelling = try await StockQueries.addDwelling(
                residenceID: form["residenceId"].flatMap(UUID.init(uuidString:)), values: values, on: req)
            return try await renderHome(req, feedback: .notice("Le logement \(dwelling.reference) est ajouté au parc."))
                .encodeResponse(status: .created, for: req)
        } catch let failure as LogisError where failure.isRefusal {
            return try await renderHome(req, feedback: .error(failure)).encodeResponse(status: failure.status, for: req)
        }
    }

    struct ResidenceForm: Content {
        let reference: String
        let name: String
        let address: String
        let communeCode: String
        let qpv: String?
    }

    func addResidence(req: Request) async throws -> Response {
        do {
            let form = try req.content.decode(ResidenceForm.self)
            let residence = try await ResidenceActions.add(
                .init(
                    reference: form.reference, name: form.name, address: form.address, communeCode: form.communeCode,
                    qpv: form.qpv == "oui"), on: req)
            return try await renderHome(req, feedback: .notice("La résidence \(residence.name) est ajoutée au parc."))
                .encodeResponse(status: .created, for: req)
        } catch let failure as LogisError where failure.isRefusal {
            return try await renderHome(req, feedback: .error(failure)).encodeResponse(status: failure.status, for: req)
        }
    }

    struct DeclareForm: Content {
        let dwellingId: String
        let availableOn: String
    }

    func declare(req: Request) async throws -> Response {
        do {
            let form = try req.content.decode(DeclareForm.self)
            let vacancy = try await VacancyActions.declare(
                dwellingID: UUID(uuidString: form.dwellingId), availableOn: form.availableOn, on: req)
            return req.redirect(to: "/attributions/vacances/\(try vacancy.requireID())?message=declaree")
        } catch let failure as LogisError where failure.isRefusal {
            return try await renderHome(req, feedback: .error(failure.message)).encodeResponse(
                status: failure.status, for: req)
        }
    }

    struct VacancyPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let vacancy: VacancyAPIController.VacancyDTO
        let residence: String
        let reservataire: String
        let accessibility: String
        let canSelect: Bool
        let selection: [KeptRow]
        let candidates: [CandidateExplanation]
        /// Zero or one explanation: Leaf includes the candidate partial inside a loop.
        let explained: [CandidateExplanation]
        let askedNud: String
        /// The bailleur may put the dwelling on a session's agenda (candidates kept, not yet scheduled).
        let canSchedule: Bool
        let sessionID: UUID?
        let offers: [OfferView]
        let refusalMotifs: [PersonalSpaceController.RefusalChoice]
        let today: String
    }

    struct KeptRow: Encodable {
        let nud: String
        let justification: String?
        let explained: [CandidateExplanation]
    }

    static let messages = [
        "declaree": "La vacance est déclarée : voici les premières demandes du classement, avec leurs raisons.",
        "retenus": "Les candidatures sont retenues pour la commission d’attribution.",
        "reponse": "La réponse du candidat est enregistrée.",
        "sans-reponse": "L’absence de réponse est enregistrée : elle vaut refus.",
        "bail": "La signature du bail est enregistrée : la demande est satisfaite.",
        "piece-recue": "La réception de la pièce est enregistrée : l’attribution sous condition est confirmée.",
    ]

    func show(req: Request) async throws -> View {
        let notice = req.query[String.self, at: "message"].flatMap { Self.messages[$0] }
        return try await renderVacancy(req, feedback: notice.map(FormFeedback.notice) ?? .none)
    }

    func renderVacancy(
        _ req: Request, feedback: FormFeedback, explained: CandidateExplanation? = nil, askedNud: String = ""
    ) async throws -> View {
        let agent = try req.requireAccount()
        let vacancy = try await vacancy(req)
        let selection = try await VacancyList.kept(vacancy, on: req)
        let proposer = try await VacancyScope.proposer(of: vacancy, on: req.db)
        let canSelect = selection.isEmpty && vacancy.status.isSelectable && agent.$organisation.id == proposer
        let page = VacancyPage(
            layout: req.layoutContext(title: "Vacance \(vacancy.dwelling.reference)"), feedback: feedback,
            vacancy: try VacancyAPIController.VacancyDTO(vacancy), residence: vacancy.dwelling.residence.name,
            reservataire: Self.reservataireLabel(vacancy.dwelling.reservataire),
            accessibility: Self.accessibilityLabel(vacancy.dwelling.accessibility), canSelect: canSelect,
            selection: selection.map {
                KeptRow(nud: $0.nud, justification: $0.justification, explained: $0.explanation.map { [$0] } ?? [])
            },
            candidates: selection.isEmpty ? try await VacancyActions.ranking(of: vacancy, count: 6, on: req) : [],
            explained: explained.map { [$0] } ?? [], askedNud: askedNud,
            canSchedule: !selection.isEmpty && vacancy.status == .open && vacancy.sessionID == nil
                && agent.role == .bailleur && agent.$organisation.id == vacancy.$organisation.id,
            sessionID: vacancy.sessionID,
            offers: agent.role == .bailleur ? try await OfferView.all(of: vacancy, today: req.today, on: req.db) : [],
            refusalMotifs: RefusalMotif.allCases.map { .init(code: $0.code, label: $0.label) }, today: req.today.iso)
        return try await req.view.render("allocation/vacancy", page)
    }

    struct ExplainForm: Content {
        let nud: String
    }

    func explain(req: Request) async throws -> Response {
        let vacancy = try await vacancy(req)
        let nud = (try? req.content.decode(ExplainForm.self).nud) ?? ""
        do {
            let explanation = try await VacancyActions.explanation(of: nud, for: vacancy, on: req)
            return try await renderVacancy(req, feedback: .none, explained: explanation, askedNud: nud)
                .encodeResponse(for: req)
        } catch let failure as LogisError where failure.isRefusal {
            return try await renderVacancy(req, feedback: .error(failure.message), askedNud: nud)
                .encodeResponse(status: failure.status, for: req)
        }
    }

    struct SelectionForm: Content {
        let candidates: [String]?
        let other: String?
        let justification: String?
    }

    func select(req: Request) async throws -> Response {
        let vacancy = try await vacancy(req)
        do {
            let form = try req.content.decode(SelectionForm.self)
            let nuds = (form.candidates ?? []) + [form.other ?? ""].filter { !$0.isEmpty }
            _ = try await VacancySelection.select(nuds, justification: form.justification, for: vacancy, on: req)
            return req.redirect(to: "/attributions/vacances/\(try vacancy.requireID())?message=retenus")
        } catch let failure as LogisError where failure.isRefusal {
            return try await renderVacancy(req, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
    }

    private func vacancy(_ req: Request) async throws -> Vacancy {
        try await VacancyScope.visibleVacancy(
            req.parameters.get("vacancy").flatMap(UUID.init(uuidString:)), agent: try req.requireAccount(), on: req.db)
    }

    static func reservataireLabel(_ code: String) -> String {
        switch Reservataire(rawValue: code) {
        case .etat: "État (préfecture)"
        case .commune: "Commune"
        case .epci: "EPCI"
        case .actionLogement: "Action Logement"
        case .departement: "Département"
        case .bailleur, nil: "Bailleur (non réservé)"
        }
    }

    static func accessibilityLabel(_ value: Int) -> String {
        switch DwellingAccessibility(rawValue: value) {
        case .wheelchairAdapted: "adapté à un fauteuil roulant"
        case .reachableWithoutStairs: "accessible sans marche (rez-de-chaussée ou ascenseur)"
        case .some(.none), nil: "accès par escalier"
        }
    }
}
