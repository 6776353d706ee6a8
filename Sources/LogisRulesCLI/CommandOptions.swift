import LogisCore

/// The `--name value` options (or `--name=value`), flags and positional words of one command.
struct CommandOptions {
    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// Parses `arguments`; an option not in `valued` or `flags` is an `unknown_option` error.
    init(_ arguments: [String], command: String, valued: [String], flags allowedFlags: [String] = []) throws(RuleError)
    {
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                positionals.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if allowedFlags.contains(name), inlineValue == nil {
                flags.insert(name)
            } else if valued.contains(name) {
                if let inlineValue {
                    values[name] = inlineValue
                } else if index < arguments.count, !arguments[index].hasPrefix("--") {
                    values[name] = arguments[index]
                    index += 1
                } else {
                    throw RuleError(code: "missing_parameter", message: "L'option « --\(name) » attend une valeur.")
                }
            } else {
                let known = (valued + allowedFlags).map { "--\($0)" }.joined(separator: ", ")
                throw RuleError(
                    code: "unknown_option",
                    message: "Option « --\(name) » inconnue pour « \(command) » (options : \(known))."
                )
            }
        }
    }

    func required(_ name: String) throws(RuleError) -> String {
        guard let value = values[name], !value.isEmpty else { throw RuleError.missingParameter(name) }
        return value
    }

    func date(_ name: String) throws(RuleError) -> CalendarDate {
        let text = try required(name)
        do {
            return try CalendarDate(iso: text)
        } catch {
            throw RuleError.invalidParameter(name, value: text, expected: "une date existante au format AAAA-MM-JJ")
        }
    }

    func integer(_ name: String) throws(RuleError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw RuleError.invalidParameter(name, value: text, expected: "un nombre entier positif ou nul")
        }
        return value
    }

    func noPositionals(_ command: String) throws(RuleError) {
        if let extra = positionals.first {
            throw RuleError(code: "invalid_parameter", message: "Argument « \(extra) » inattendu pour « \(command) ».")
        }
    }
}
