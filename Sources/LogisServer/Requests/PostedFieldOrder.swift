import Vapor

extension Request {
    /// The names of a url-encoded form's fields in the order the browser sent them, which is the
    /// order of the fields on the page: the error summary lists its messages in that order.
    var postedFieldNames: [String] {
        guard headers.contentType == .urlEncodedForm, let body = body.string else { return [] }
        return body.split(separator: "&").compactMap { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return String(name).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
    }
}

extension WizardPage {
    /// A message of the error summary and the field it takes the person to.
    struct ErrorLink: Encodable {
        let field: String
        let message: String
    }

    /// Errors in the fields' order on the page. A group of boxes none of which is ticked sends
    /// nothing: its message comes first, as such groups open their step (« Logements recherchés »).
    static func errorLinks(_ errors: [String: String], fieldOrder: [String]) -> [ErrorLink] {
        let position = { (key: String) -> Int in fieldOrder.firstIndex(of: key) ?? -1 }
        return errors.keys.sorted { (position($0), $0) < (position($1), $1) }
            .compactMap { key in errors[key].map { ErrorLink(field: anchor(of: key), message: $0) } }
    }

    /// The element a summary link focuses: the field itself, or the first box of a group.
    private static func anchor(of key: String) -> String {
        key == "typologies" ? "typology_\(FormOptions.typologies.first ?? "")" : key
    }
}
