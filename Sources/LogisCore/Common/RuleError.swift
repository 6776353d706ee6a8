/// An error a person or a program can act on: a stable snake_case `code` and a French `message`.
///
/// The CLI prints it as `{"error":{"code":…,"message":…}}` with exit code 2; the server sends the
/// same body with a 4xx status.
public struct RuleError: Error, Sendable, Equatable, Encodable, CustomStringConvertible {
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// A required parameter is absent (or empty).
    public static func missingParameter(_ name: String) -> RuleError {
        RuleError(code: "missing_parameter", message: "Le paramètre « \(name) » est obligatoire.")
    }

    /// A parameter is present but its value cannot be used.
    public static func invalidParameter(_ name: String, value: String, expected: String) -> RuleError {
        RuleError(
            code: "invalid_parameter",
            message: "Le paramètre « \(name) » doit être \(expected) (reçu : « \(value) »)."
        )
    }
}

/// The JSON body of an error: `{"error":{"code":…,"message":…}}`.
public struct RuleErrorBody: Encodable, Sendable {
    public let error: RuleError

    public init(_ error: RuleError) {
        self.error = error
    }
}
