/// Reads a coded answer strictly: a code the vocabulary does not know is an error naming the
/// field, never a silent default (a stored `"xx"` nationality must not become « française »).
/// An empty code is a question not answered yet, which the caller decides about.
public enum StoredCode {
    public static func unknown(_ field: String, _ code: String) -> RuleError {
        RuleError(
            code: "unknown_code",
            message: "La réponse « \(field) » porte un code inconnu (« \(code) ») : corrigez-la dans la demande.")
    }

    /// nil when the question is unanswered (empty), the value when known; throws otherwise.
    public static func read<Value: RawRepresentable>(
        _ code: String, field: String, as: Value.Type = Value.self
    ) throws(RuleError) -> Value? where Value.RawValue == String {
        if code.isEmpty { return nil }
        guard let value = Value(rawValue: code) else { throw unknown(field, code) }
        return value
    }

    public static func read<Value: CodedEnum>(
        _ code: String, field: String, as: Value.Type = Value.self
    )
        throws(RuleError) -> Value?
    {
        if code.isEmpty { return nil }
        guard let value = Value(code: code) else { throw unknown(field, code) }
        return value
    }
}
