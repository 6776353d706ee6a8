import Fluent
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

    /// Every commune with a code officiel géographique; one without is not offered (it could not be
    /// matched with the stock, which names communes by code).
    static func load(on db: any Database) async throws -> CommuneList {
        let communes = try await Commune.query(on: db).filter(\.$inseeCode != nil).all()
        return CommuneList(
            entries: communes.compactMap { commune in
                commune.inseeCode.map {
                    Entry(
                        code: $0, name: commune.name, postalCode: commune.postalCode, territoryID: commune.$territory.id
                    )
                }
            })
    }

    var codes: [String] { entries.map(\.code) }

    func entry(code: String) -> Entry? { byCode[code] }

    /// The commune's name for a page; a code Logis does not know is shown as it is rather than hidden.
    func name(of code: String) -> String { byCode[code]?.name ?? code }

    func names(of codes: [String]) -> [String] { codes.map(name(of:)) }
}
