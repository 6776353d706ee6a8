import Fluent
import Vapor

/// The public directory of desks, by territory and commune, as pages and as JSON.
struct DirectoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("guichets", use: directoryPage).access(.everyone)
        routes.get("territoires", ":slug", use: territoryPage).access(.everyone)
        routes.get("api", "v1", "territories", use: territoriesJSON).access(.everyone)
        routes.get("api", "v1", "territories", ":slug", use: territoryJSON).access(.everyone)
    }

    struct DirectoryPage: Encodable {
        let layout: LayoutContext
        let territories: [TerritoryView]
        let communes: [String]
        let selectedCommune: String
    }

    func directoryPage(req: Request) async throws -> View {
        let selected = (req.query[String.self, at: "commune"] ?? "").trimmingCharacters(in: .whitespaces)
        let territories = try await loadTerritories(on: req.db)
        let allCities = Set(territories.flatMap { $0.guichets.map(\.city) })
        let filter = allCities.contains(selected) ? selected : nil
        let views = territories.map { TerritoryView($0, onlyCity: filter) }.filter { !$0.cities.isEmpty }
        let page = DirectoryPage(
            layout: req.layoutContext(title: "Annuaire des guichets"), territories: views,
            communes: allCities.sorted { $0.localizedStandardCompare($1) == .orderedAscending },
            selectedCommune: filter ?? "")
        return try await req.view.render("directory/index", page)
    }

    struct TerritoryPage: Encodable {
        let layout: LayoutContext
        let territory: TerritoryView
        /// The cotation grid in force today, bundled or published by the EPCI (CCH L441-2-8).
        let grid: TerritoryGridView?
    }

    func territoryPage(req: Request) async throws -> View {
        let territory = try await territory(for: req)
        await req.application.cotationGridStore.refreshIfStale(on: req.db, logger: req.logger)
        let gridID = try await Territory.query(on: req.db).filter(\.$slug == territory.slug).first()?.cotationGrid
        let grid = gridID.flatMap {
            try? req.application.cotationGridVersions.catalog.grid(id: $0, effectiveOn: req.today)
        }
        let page = TerritoryPage(
            layout: req.layoutContext(title: territory.name), territory: territory,
            grid: grid.map(TerritoryGridView.init))
        return try await req.view.render("directory/territory", page)
    }

    func territoriesJSON(req: Request) async throws -> [TerritoryView] {
        try await loadTerritories(on: req.db).map { TerritoryView($0) }
    }

    func territoryJSON(req: Request) async throws -> TerritoryView {
        try await territory(for: req)
    }

    private func territory(for req: Request) async throws -> TerritoryView {
        let slug = req.parameters.get("slug") ?? ""
        guard
            let territory = try await Territory.query(on: req.db).filter(\.$slug == slug)
                .with(\.$communes).with(\.$guichets).with(\.$organisations).first()
        else {
            throw LogisError(
                .notFound, code: .territoryNotFound, message: "Ce territoire n’est pas desservi par Logis.")
        }
        return TerritoryView(territory)
    }

    private func loadTerritories(on db: any Database) async throws -> [Territory] {
        try await Territory.query(on: db).with(\.$communes).with(\.$guichets).with(\.$organisations)
            .sort(\.$name).all()
    }
}
