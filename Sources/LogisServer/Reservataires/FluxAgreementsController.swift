import Fluent
import LogisCore
import Vapor

/// `/reservataires/{id}/conventions`: the EPCI administrator enters a réservataire's flux
/// agreements of a year — its share of each bailleur's vacancies (CCH L441-1, loi ELAN) — which
/// the yearly report then holds the bailleur to. A réservataire reads its agreements in its
/// report but does not write them: they are signed with the bailleur, the EPCI records them.
struct FluxAgreementsController: RouteCollection {
    static let editors = AccessPolicy.only(.epci, .admin)

    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped("reservataires", ":reservataire", "conventions")
        pages.get(use: show).access(Self.editors)
        pages.post(use: save).access(Self.editors)
    }

    struct Line: Encodable {
        let bailleurID: String
        let bailleur: String
        let field: String
        let value: String
        /// What the territory's other réservataires already hold of this bailleur's flux.
        let othersText: String
        let error: String?
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let name: String
        let year: Int
        let action: String
        let report: String
        let notice: String?
        let lines: [Line]
        let errorCount: Int
    }

    struct Agreements {
        let record: ReservataireRecord
        let year: Int
        let bailleurs: [Organisation]
        /// This réservataire's agreements of the year, by bailleur.
        let own: [UUID: FluxShareRecord]
        /// The other réservataires' shares of the year, summed by bailleur.
        let others: [UUID: Int]

        static func load(_ req: Request) async throws -> Agreements {
            let record = try await ReservataireScope.find(req)
            let year = try FluxAgreementsController.year(req)
            let territory = record.$territory.id
            let bailleurs = try await Organisation.query(on: req.db).filter(\.$territory.$id == territory)
                .filter(\.$kind == Organisation.Kind.bailleur.rawValue).sort(\.$name).all()
            let shares = try await FluxShareRecord.query(on: req.db)
                .join(ReservataireRecord.self, on: \FluxShareRecord.$reservataire.$id == \ReservataireRecord.$id)
                .filter(ReservataireRecord.self, \.$territory.$id == territory).filter(\.$year == year).all()
            let id = try record.requireID()
            var own: [UUID: FluxShareRecord] = [:]
            var others: [UUID: Int] = [:]
            for share in shares {
                if share.$reservataire.id == id {
                    own[share.$bailleur.id] = share
                } else {
                    others[share.$bailleur.id, default: 0] += share.shareBasisPoints
                }
            }
            return Agreements(record: record, year: year, bailleurs: bailleurs, own: own, others: others)
        }
    }

    /// `annee` of the address (the form posts to its own, year included), this year by default; a
    /// year outside 2000…next year is refused.
    static func year(_ req: Request) throws -> Int {
        guard let text = req.query[String.self, at: "annee"], !text.isEmpty else { return req.today.year }
        guard let year = Int(text), (2000...(req.today.year + 1)).contains(year) else {
            throw LogisError(
                .badRequest, code: .invalidStatisticsFilter,
                message: "L’année doit être comprise entre 2000 et \(req.today.year + 1).")
        }
        return year
    }

    static func field(_ bailleur: UUID) -> String { "part_\(bailleur.uuidString.lowercased())" }

    func show(req: Request) async throws -> View {
        let agreements = try await Agreements.load(req)
        let notice = req.query[String.self, at: "message"] == "enregistre" ? "Les conventions sont enregistrées." : nil
        return try await Self.render(req, agreements, values: [:], errors: [:], notice: notice)
    }

    func save(req: Request) async throws -> Response {
        let agreements = try await Agreements.load(req)
        var values: [String: String] = [:]
        var errors: [String: String] = [:]
        var shares: [UUID: FluxShare?] = [:]
        for bailleur in agreements.bailleurs {
            let id = try bailleur.requireID()
            let field = Self.field(id)
            let text = ((try? req.content.get(String.self, at: field)) ?? "").trimmingCharacters(in: .whitespaces)
            values[field] = text
            if text.isEmpty {
                shares[id] = .some(nil)
                continue
            }
            guard let share = FluxShare(percentText: text) else {
                errors[field] =
                    "Saisissez un pourcentage entre 0 et 100, avec deux décimales au plus (par exemple 12,5)."
                continue
            }
            let others = agreements.others[id] ?? 0
            if others + share.basisPoints > 10_000 {
                let room = FluxShare(basisPoints: max(0, 10_000 - others)).percentText
                errors[field] =
                    "Avec les autres réservataires (\(FluxShare(basisPoints: others).percentText) %), la part dépasserait 100 % des vacances de ce bailleur : \(room) % au plus."
                continue
            }
            shares[id] = share
        }
        guard errors.isEmpty else {
            let view = try await Self.render(req, agreements, values: values, errors: errors, notice: nil)
            return try await view.encodeResponse(status: .unprocessableEntity, for: req)
        }
        let reservataire = try agreements.record.requireID()
        let (written, own, year) = (shares, agreements.own, agreements.year)
        try await req.db.transaction { db in
            for (bailleur, share) in written {
                let existing = own[bailleur]
                switch (share, existing) {
                case (nil, let existing?):
                    try await existing.delete(on: db)
                case (let share?, let existing?):
                    existing.shareBasisPoints = share.basisPoints
                    try await existing.save(on: db)
                case (let share?, nil):
                    try await FluxShareRecord(
                        reservataireID: reservataire, bailleurID: bailleur, year: year, share: share
                    ).save(on: db)
                case (nil, nil):
                    break
                }
            }
        }
        return req.redirect(
            to: "/reservataires/\(reservataire.uuidString)/conventions?annee=\(agreements.year)&message=enregistre")
    }

    static func render(
        _ req: Request, _ agreements: Agreements, values: [String: String], errors: [String: String],
        notice: String?
    ) async throws -> View {
        let id = try agreements.record.requireID().uuidString
        let lines = try agreements.bailleurs.map { bailleur in
            let bailleurID = try bailleur.requireID()
            let field = field(bailleurID)
            let stored = agreements.own[bailleurID].map { FluxShare(basisPoints: $0.shareBasisPoints).percentText }
            return Line(
                bailleurID: bailleurID.uuidString, bailleur: bailleur.name, field: field,
                value: values[field] ?? stored ?? "",
                othersText: FluxShare(basisPoints: agreements.others[bailleurID] ?? 0).percentText,
                error: errors[field])
        }
        return try await req.view.render(
            "reservataires/agreements",
            Page(
                layout: req.layoutContext(
                    title:
                        "\(errors.isEmpty ? "" : "Erreur – ")Conventions \(agreements.year) – \(agreements.record.name)"
                ),
                name: agreements.record.name, year: agreements.year,
                action: "/reservataires/\(id)/conventions?annee=\(agreements.year)",
                report: "/reservataires/\(id)?annee=\(agreements.year)", notice: notice, lines: lines,
                errorCount: errors.count))
    }
}
