/// An irreversible action taken from a page asks once more: a box « Je confirme … » the server
/// checks, so the question holds without JavaScript and a stray click loses nothing. The JSON
/// API does not ask: its callers are programs that already chose.
enum Confirmation {
    /// The box's name in every such form; checked, it sends this value.
    static let field = "confirm"
    static let checked = "oui"

    /// Refuses (422 `confirmation_required`) unless the box was ticked; `message` says what to tick.
    static func require(_ value: String?, _ message: String) throws {
        guard value == checked else { throw LogisError.validation(message, code: .confirmationRequired) }
    }
}
