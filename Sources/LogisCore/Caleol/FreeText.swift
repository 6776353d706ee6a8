/// The free texts a commission or an applicant writes (motives, missing pieces, refusal details):
/// trimmed before they are judged empty, and bounded so that a minute stays readable.
enum FreeText {
    /// Reading (docs/rules/caleol.md): a motive fits in 2,000 characters; longer is a pasted file.
    static let maximumLength = 2000

    /// `text` without leading and trailing white space; `nil` when nothing is left.
    static func trimmed(_ text: String?) -> String? {
        guard let text else { return nil }
        let kept = text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return kept.isEmpty ? nil : String(kept)
    }

    static func isTooLong(_ text: String) -> Bool {
        text.count > maximumLength
    }
}
