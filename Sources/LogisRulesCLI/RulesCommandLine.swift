import LogisCore

/// `logis rules …`: the rules engine on the command line. Prints JSON on stdout and returns the
/// exit code: 0 on success, 2 for bad input (`{"error":{"code":…,"message":…}}`), 1 when a file
/// cannot be read or written.
public enum RulesCommandLine {
    /// Runs the command and prints its output on stdout.
    public static func run(_ arguments: [String]) -> Int32 {
        run(arguments) { print($0, terminator: "") }
    }

    /// Runs the command and hands its output to `write` (tests capture it this way).
    public static func run(_ arguments: [String], write: (String) -> Void) -> Int32 {
        let result = execute(arguments)
        write(result.output)
        return result.exitCode
    }

    /// Runs the command and returns its output and exit code without printing anything.
    public static func execute(_ arguments: [String]) -> RulesCommandResult {
        guard let command = arguments.first, command != "help", command != "--help", command != "-h" else {
            return RulesCommandResult(exitCode: 0, output: Usage.text)
        }
        let rest = Array(arguments.dropFirst())
        do throws(RuleError) {
            let json: String
            switch command {
            case "eligibility": json = try EligibilityCommand.run(rest)
            case "ceilings": json = try CeilingsCommand.run(rest)
            case "import-ceilings": json = try ImportCeilingsCommand.run(rest)
            case "typology": json = try TypologyCommand.run(rest)
            case "nud": json = try NUDCommand.run(rest)
            case "renewal": json = try CalendarCommands.renewal(rest)
            case "offer-deadline": json = try CalendarCommands.offerDeadline(rest)
            case "attestation-deadline": json = try CalendarCommands.attestationDeadline(rest)
            case "cotation": json = try CotationCommand.run(rest)
            case "grids": json = try CotationCommand.listGrids(rest)
            case "checklist": json = try ChecklistCommand.run(rest)
            default:
                throw RuleError(
                    code: "unknown_command",
                    message: "Commande « \(command) » inconnue. « logis rules help » liste les commandes."
                )
            }
            return RulesCommandResult(exitCode: 0, output: json + "\n")
        } catch {
            let exitCode: Int32 = error.code == "io_error" ? 1 : 2
            return RulesCommandResult(exitCode: exitCode, output: RuleJSON.string(RuleErrorBody(error)) + "\n")
        }
    }
}

/// What a command printed and its exit code.
public struct RulesCommandResult: Sendable, Equatable {
    public let exitCode: Int32
    public let output: String
}
