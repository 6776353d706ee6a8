import Foundation
import LogisCore
import Vapor

/// Who can get which social housing: the public simulator page and `GET /api/v1/eligibility`,
/// which answers the same JSON, byte for byte, as `logis rules eligibility`.
struct EligibilityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "eligibility", use: api).access(.everyone)
        routes.get("simulateur", use: simulator).access(.everyone)
    }

    func api(req: Request) async throws -> Response {
        let report = try evaluate(Self.parameters(of: req), catalog: req.application.ceilings)
        let response = Response(status: .ok, body: .init(data: RuleJSON.data(report)))
        response.headers.contentType = .json
        return response
    }

    struct SimulatorPage: Encodable {
        struct TableRow: Encodable {
            let category: String
            let plai: String
            let plus: String
            let pls: String
        }

        let layout: LayoutContext
        let values: [String: String]
        let zones: [FormChoice]
        let years: [Int]
        let error: String?
        let report: EligibilityReport?
        let typologies: String?
        let typologyReason: String?
        let table: [TableRow]
        let tableSource: String?
        let tableYear: Int
        /// The year of the revenu fiscal de référence asked for: N-2 of the year of the request.
        let taxYear: Int
        /// The year of the tax notice that shows it.
        let noticeYear: Int
    }

    func simulator(req: Request) async throws -> View {
        var values = Self.parameters(of: req)
        let catalog = req.application.ceilings
        let years = Array(Set(catalog.all.map(\.year))).sorted(by: >)
        let year = values["year"].flatMap(Int.init) ?? years.first ?? req.today.year
        values["year"] = String(year)
        values["zone"] = values["zone"] ?? Zone.autresRegions.code
        var report: EligibilityReport?
        var error: String?
        var advice: TypologyAdvice?
        if values["persons"] != nil || values["income"] != nil {
            do {
                let evaluated = try evaluate(values, catalog: catalog)
                report = evaluated
                let dependents = Int(values["dependents"] ?? "") ?? 0
                let persons = evaluated.persons
                if let composition = try? HouseholdComposition(
                    adults: max(1, persons - dependents), children: min(dependents, persons - 1))
                {
                    advice = TypologyAdvice(for: composition)
                }
            } catch let failure as LogisError {
                error = failure.message
            }
        }
        let zone = Zone(code: values["zone"] ?? "") ?? .autresRegions
        let schedule = try? catalog.schedule(year: year, zone: zone)
        let page = SimulatorPage(
            layout: req.layoutContext(title: "Simulateur d’éligibilité"), values: values,
            zones: Zone.allCases.map { FormChoice(code: $0.code, label: $0.label) }, years: years, error: error,
            report: report, typologies: advice?.typologies.map(\.code).joined(separator: ", "),
            typologyReason: advice?.reason, table: schedule.map(Self.rows) ?? [], tableSource: schedule?.publicSource,
            tableYear: year, taxYear: year - 2, noticeYear: year - 1)
        return try await req.view.render("eligibility/simulator", page)
    }

    private func evaluate(_ parameters: [String: String], catalog: CeilingsCatalog) throws -> EligibilityReport {
        do {
            let query = try EligibilityQuery(parameters: parameters)
            return try catalog.evaluate(query)
        } catch let error as RuleError {
            throw LogisError(error)
        }
    }

    static func rows(_ schedule: CeilingSchedule) -> [SimulatorPage.TableRow] {
        let amount = { (table: CeilingTable?, index: Int) -> String in
            guard let table else { return "non publié" }
            return RequestSummary.euros(index < 6 ? table.categories[index] : table.extraPerson)
        }
        return (0..<7).map { index in
            SimulatorPage.TableRow(
                category: index < 6 ? "Catégorie \(index + 1)" : "Par personne supplémentaire",
                plai: amount(schedule.plai, index), plus: amount(schedule.plus, index), pls: amount(schedule.pls, index)
            )
        }
    }

    static func parameters(of req: Request) -> [String: String] {
        let items = URLComponents(string: req.url.string)?.queryItems ?? []
        var parameters: [String: String] = [:]
        for item in items {
            guard let value = item.value, !value.isEmpty else { continue }
            parameters[item.name] = value
        }
        return parameters
    }
}
