import Fluent
import Foundation
import LogisCore
import Vapor

/// What a figure is computed over: one territory (or all), one commune by INSEE code (or all),
/// one calendar year for the flows (attributions, renewals, striking-offs). Stock and pending
/// requests are counted as they stand today.
struct ObservatoryFilter: Sendable, Equatable, Codable {
    var territoryID: UUID?
    var territorySlug: String?
    var communeCode: String?
    var year: Int
    /// For labels: the territory's and the commune's names.
    var territoryName: String?
    var communeName: String?
    /// The last month of the year that has begun (12 for a past year): later months have no figure.
    var lastMonth = 12

    /// The first and the following 1 January, as `YYYY-MM-DD` strings compared with date columns.
    var yearStart: String { String(format: "%04d-01-01", year) }
    var yearEnd: String { String(format: "%04d-01-01", year + 1) }

    struct Query: Decodable {
        var territoire: String?
        var commune: String?
        var annee: String?
    }

    static let invalid = LogisError(
        .badRequest, code: .invalidStatisticsFilter,
        message:
            "Filtre invalide : la commune est un code INSEE à 5 caractères et l’année est comprise entre 2000 et 2100."
    )

    /// Reads `?territoire=slug&commune=INSEE&annee=YYYY`: an empty territory or commune means
    /// « all », no year this year.
    /// `scope` is the only territory the reader may see (an EPCI administrator's), nil for all.
    static func parse(_ req: Request, scope: UUID?) async throws -> ObservatoryFilter {
        guard let query = try? req.query.decode(Query.self) else { throw invalid }
        let thisYear = req.today.year
        var filter = ObservatoryFilter(year: thisYear)
        // Read as the API document states them, without trimming: 4 digits, 5 INSEE characters.
        if let text = query.annee {
            guard text.count == 4, text.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(text),
                (2000...2100).contains(year)
            else { throw invalid }
            // Any year the API document allows: a year to come has no flow yet, not an error.
            filter.year = year
        }
        if filter.year == thisYear { filter.lastMonth = req.today.month }
        if filter.year > thisYear { filter.lastMonth = 0 }
        // Empty is « toutes les communes », as the page's form sends it.
        if let code = query.commune?.uppercased(), !code.isEmpty {
            guard code.count == 5, code.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "A" || $0 == "B") })
            else { throw invalid }
            filter.communeCode = code
            filter.communeName = try await Commune.query(on: req.db).filter(\.$inseeCode == code).first()?.name
        }
        if let slug = query.territoire?.trimmingCharacters(in: .whitespaces), !slug.isEmpty {
            guard slug.count <= 80,
                let territory = try await Territory.query(on: req.db).filter(\.$slug == slug).first()
            else {
                throw LogisError(
                    .notFound, code: .territoryNotFound, message: "Ce territoire n’existe pas dans Logis.")
            }
            filter.territoryID = try territory.requireID()
            filter.territorySlug = slug
            filter.territoryName = territory.name
        }
        if let scope {
            guard filter.territoryID == nil || filter.territoryID == scope else { throw LogisError.forbidden }
            filter.territoryID = scope
            let territory = try await Territory.find(scope, on: req.db)
            filter.territorySlug = territory?.slug
            filter.territoryName = territory?.name
        }
        return filter
    }
}
