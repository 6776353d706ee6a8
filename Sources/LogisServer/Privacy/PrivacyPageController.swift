import LogisCore
import Vapor

/// `/confidentialite`: what Logis does with personal data, in plain French (RGPD articles 12–14).
/// The delays shown come from `RetentionPolicy`, the same constants `logis retention` applies.
struct PrivacyPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("confidentialite", use: page).access(.everyone)
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let struckOffMonths: Int
        let auditMonths: Int
        let struckOffSource: String
        let auditSource: String
    }

    func page(req: Request) async throws -> View {
        let page = Page(
            layout: req.layoutContext(title: "Données personnelles et confidentialité"),
            struckOffMonths: RetentionPolicy.months(for: .struckOffRequest),
            auditMonths: RetentionPolicy.months(for: .auditEntry),
            struckOffSource: RetentionPolicy.Category.struckOffRequest.source,
            auditSource: RetentionPolicy.Category.auditEntry.source)
        return try await req.view.render("privacy/index", page)
    }
}
