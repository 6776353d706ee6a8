/// A form's outcome shown above it: an error summary (focused for screen readers) or a notice.
struct FormFeedback: Encodable {
    let error: String?
    let notice: String?

    static let none = FormFeedback(error: nil, notice: nil)
    static func error(_ message: String) -> FormFeedback { .init(error: message, notice: nil) }
    static func notice(_ message: String) -> FormFeedback { .init(error: nil, notice: message) }

    /// A refusal shown above the form: its message, then each field's problem.
    static func error(_ failure: LogisError) -> FormFeedback {
        let details = (failure.fields ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) : \($0.value)" }
        return .error(([failure.message] + details).joined(separator: " — "))
    }
}
