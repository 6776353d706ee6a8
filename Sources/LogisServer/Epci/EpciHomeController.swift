import Vapor

/// `/epci`: the intercommunal authority's space. Its tools (cotation grid, guichet list,
/// observatory) come with issue 16; until then the page says what is coming, so an EPCI
/// administrator who signs in lands on a page of their own rather than on a refusal.
struct EpciHomeController: RouteCollection {
    static let administrators = AccessPolicy.only(.epci)

    func boot(routes: any RoutesBuilder) throws {
        routes.get("epci", use: home).access(Self.administrators)
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let territory: String
    }

    func home(req: Request) async throws -> View {
        let account = try req.requireAccount()
        let territory = try await account.$territory.get(on: req.db)?.name ?? "Tous les territoires"
        return try await req.view.render(
            "epci/home", Page(layout: req.layoutContext(title: "Espace EPCI"), territory: territory))
    }
}
