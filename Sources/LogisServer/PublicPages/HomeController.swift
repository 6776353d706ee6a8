import Fluent
import Vapor

/// The home page: what a social-housing request is, in plain words, and where to go.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home).access(.everyone)
    }

    struct HomePage: Encodable {
        struct TerritoryLink: Encodable {
            let slug: String
            let name: String
        }

        let layout: LayoutContext
        let territories: [TerritoryLink]
        /// A signed-in person is sent to their work, not offered an account they already have.
        let roleHome: RoleHome?
    }

    func home(req: Request) async throws -> View {
        let territories = try await Territory.query(on: req.db).sort(\.$name).all()
            .map { HomePage.TerritoryLink(slug: $0.slug, name: $0.name) }
        let page = HomePage(
            layout: req.layoutContext(title: "Votre demande de logement social"), territories: territories,
            roleHome: req.auth.get(Account.self).map { RoleHome($0.role) })
        return try await req.view.render("home/index", page)
    }
}
