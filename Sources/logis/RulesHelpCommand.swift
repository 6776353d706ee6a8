import LogisRulesCLI
import Vapor

/// Lists `logis rules` in `logis --help`; the real work happens before Vapor starts (see main.swift).
struct RulesHelpCommand: AsyncCommand {
    struct Signature: CommandSignature {
        init() {}
    }

    var help: String {
        "Règles métier en JSON : eligibility, ceilings, typology, nud, renewal, offer-deadline, import-ceilings "
            + "(logis rules help)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        _ = RulesCommandLine.run(["help"])
    }
}
