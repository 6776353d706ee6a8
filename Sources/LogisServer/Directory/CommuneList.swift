import Fluent
import SQLKit
import Vapor

/// The communes Logis serves, as the request form offers them and names them: by INSEE code, shown
/// with their postal code so that two communes of the same name stay apart.
struct CommuneList: Sendable {
    struct Entry: Sendable, Equatable {
        let code: String
        let name: String
        let postalCode: String
        let territoryID: UUID

        /// « Vauvert (30600) »: the postal code tells the département at a glance.
        var label: String { "\(name) (\(postalCode))" }
    }

    /// Sorted by name, then postal code.
    let entries: [Entry]
    private let byCode: [String: Entry]

    init(entries: [Entry]) {
        self.entries = entries.sorted { ($0.name, $0.postalCode) < ($1.name, $1.postalCode) }
        byCode = Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every commune with a code officiel géographique (or a territory's only); one without is not
    /// offered (it could not be matched with the stock, which names communes by code). Read as plain
    /// rows: at national scale there are tens of thousands, and model hydration cost most of a page.
    static func load(on db: any Database, territory: UUID? = nil) async throws -> CommuneList {
        struct Row: Decodable {
            let code: String
            let name: String
            let postalCode: String
            let territoryID: UUID
        }
        guard let sql = db as? any SQLDatabase else { return CommuneList(entries: []) }
        var query = sql.select()
            .column(SQLColumn("insee_code"), as: "code").column("name")
            .column(SQLColumn("postal_code"), as: "postalCode").column(SQLColumn("territory_id"), as: "territoryID")
            .from(Commune.schema).where("insee_code", .isNot, SQLLiteral.null)
        if let territory { query = query.where("territory_id", .equal, territory) }
        let rows = try await query.all(decoding: Row.self)
        return CommuneList(
            entries: rows.map {
                Entry(code: $0.code, name: $0.name, postalCode: $0.postalCode, territoryID: $0.territoryID)
            })
    }

    var codes: [String] { entries.map(\.code) }

    func entry(code: String) -> Entry? { byCode[code] }

    /// The commune's name for a page; a code Logis does not know is shown as it is rather than hidden.
    func name(of code: String) -> String { byCode[code]?.name ?? code }

    func names(of codes: [String]) -> [String] { codes.map(name(of:)) }
}
