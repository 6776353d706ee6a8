import Vapor

/// Who publishes and hosts this instance, for the mentions légales (loi 2004-575 « LCEN », art. 6
/// III): the operator writes them in the environment. A value left unset is shown as a marked
/// gap for the operator to fill, never as invented data.
public struct LegalNotice: Sendable {
    public struct Entry: Encodable, Sendable {
        let label: String
        /// The environment variable the operator sets.
        let variable: String
        let value: String?
    }

    public var entries: [Entry]

    /// The contact address, also given by the accessibility statement for reports of barriers.
    var contact: Entry? { entries.first { $0.variable == "LOGIS_CONTACT_EMAIL" } }

    static let fields: [(label: String, variable: String)] = [
        ("Collectivité éditrice", "LOGIS_OPERATOR_NAME"),
        ("Adresse de l’éditeur", "LOGIS_OPERATOR_ADDRESS"),
        ("Directeur ou directrice de la publication", "LOGIS_PUBLICATION_DIRECTOR"),
        ("Contact", "LOGIS_CONTACT_EMAIL"),
        ("Hébergeur", "LOGIS_HOST_NAME"),
        ("Adresse de l’hébergeur", "LOGIS_HOST_ADDRESS"),
    ]

    /// `value(variable)` reads one setting; empty counts as unset.
    public init(reading value: (String) -> String?) {
        entries = Self.fields.map { field in
            let text = value(field.variable)?.trimmingCharacters(in: .whitespacesAndNewlines)
            return Entry(label: field.label, variable: field.variable, value: text?.isEmpty == false ? text : nil)
        }
    }
}
