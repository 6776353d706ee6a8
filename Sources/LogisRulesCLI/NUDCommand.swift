import LogisCore

/// `nud --validate NUD [--departement 030]` or
/// `nud --generate --departement 030 --date 2025-03-15 --sequence 42 [--desk GDPUB]`.
enum NUDCommand {
    static func run(_ arguments: [String]) throws(RuleError) -> String {
        let options = try CommandOptions(
            arguments, command: "nud", valued: ["validate", "departement", "date", "sequence", "desk"],
            flags: ["generate"])
        try options.noPositionals("nud")
        if let text = options.values["validate"] {
            let nud = try NUD(validating: text, expectedDepartement: options.values["departement"])
            return RuleJSON.string(NUDValidation(nud))
        }
        guard options.flags.contains("generate") else {
            throw RuleError(code: "missing_parameter", message: "Indiquer « --validate NUD » ou « --generate ».")
        }
        guard let sequence = try options.integer("sequence") else { throw RuleError.missingParameter("sequence") }
        let nud = try NUD.generate(
            departement: try options.required("departement"), registeredOn: try options.date("date"),
            sequence: sequence, deskCode: options.values["desk"] ?? "GDPUB")
        return RuleJSON.string(NUDValidation(nud))
    }
}

/// `renewal --registered DATE [--renewals N]`, `offer-deadline --sent DATE`,
/// `attestation-deadline --filed DATE`.
enum CalendarCommands {
    static func renewal(_ arguments: [String]) throws(RuleError) -> String {
        let options = try CommandOptions(arguments, command: "renewal", valued: ["registered", "renewals"])
        try options.noPositionals("renewal")
        let schedule = RequestCalendar.renewal(
            registeredOn: try options.date("registered"), renewals: try options.integer("renewals") ?? 0)
        return RuleJSON.string(schedule)
    }

    static func offerDeadline(_ arguments: [String]) throws(RuleError) -> String {
        let options = try CommandOptions(arguments, command: "offer-deadline", valued: ["sent"])
        try options.noPositionals("offer-deadline")
        return RuleJSON.string(["deadline": RequestCalendar.offerAnswerDeadline(sentOn: try options.date("sent"))])
    }

    static func attestationDeadline(_ arguments: [String]) throws(RuleError) -> String {
        let options = try CommandOptions(arguments, command: "attestation-deadline", valued: ["filed"])
        try options.noPositionals("attestation-deadline")
        let deadline = RequestCalendar.attestationDeadline(completeFilingOn: try options.date("filed"))
        return RuleJSON.string(["deadline": deadline])
    }
}
