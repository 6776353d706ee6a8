import Vapor

/// The pages every French public service links from its footer: mentions légales, the
/// accessibility statement (RGAA 4.1) and the site map. The privacy page is `PrivacyPageController`.
struct LegalPagesController: RouteCollection {
    let notice: LegalNotice

    func boot(routes: any RoutesBuilder) throws {
        routes.get("mentions-legales", use: legalNotice).access(.everyone)
        routes.get("accessibilite", use: accessibility).access(.everyone)
        routes.get("plan-du-site", use: siteMap).access(.everyone)
    }

    struct NoticePage: Encodable {
        let layout: LayoutContext
        let entries: [LegalNotice.Entry]
    }

    func legalNotice(req: Request) async throws -> View {
        try await req.view.render(
            "home/legal-notice",
            NoticePage(layout: req.layoutContext(title: "Mentions légales"), entries: notice.entries))
    }

    struct AccessibilityPage: Encodable {
        let layout: LayoutContext
        let contact: LegalNotice.Entry?
    }

    func accessibility(req: Request) async throws -> View {
        try await req.view.render(
            "home/accessibility",
            AccessibilityPage(layout: req.layoutContext(title: "Déclaration d’accessibilité"), contact: notice.contact))
    }

    struct SiteMapPage: Encodable {
        let layout: LayoutContext
    }

    /// Every public page, and for a signed-in person the pages their role opens (the menu's own
    /// decisions, `LayoutContext.Menu`).
    func siteMap(req: Request) async throws -> View {
        try await req.view.render("home/site-map", SiteMapPage(layout: req.layoutContext(title: "Plan du site")))
    }
}
