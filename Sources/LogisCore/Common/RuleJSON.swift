import Foundation

/// The one JSON encoding shared by the CLI and the server, so both print identical bytes.
public enum RuleJSON {
    /// Compact JSON, keys sorted, slashes not escaped (sources quote URLs).
    public static func data<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            // Our report types hold only integers, strings and booleans: this cannot happen in
            // practice, but a program reading us still gets a well-formed error body.
            return Data(#"{"error":{"code":"encoding_failed","message":"Réponse impossible à encoder."}}"#.utf8)
        }
    }

    /// The same bytes as `data(_:)`, as a string.
    public static func string<T: Encodable>(_ value: T) -> String {
        String(decoding: data(value), as: UTF8.self)
    }
}
