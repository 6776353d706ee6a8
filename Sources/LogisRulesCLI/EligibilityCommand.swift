import Foundation
import LogisCore

/// `eligibility --year 2024 --zone autres-regions --persons 3 [--dependents 1] [--couple-ages 30,28]
/// [--disabled 1] --income 30000 [--data-dir DIR]`: the same report as `GET /api/v1/eligibility`.
enum EligibilityCommand {
    static func run(_ arguments: [String]) throws(RuleError) -> String {
        let options = try CommandOptions(
            arguments, command: "eligibility", valued: EligibilityQuery.parameterNames + ["coupleAges", "data-dir"])
        try options.noPositionals("eligibility")
        var parameters = options.values
        parameters["data-dir"] = nil
        let query = try EligibilityQuery(parameters: parameters)
        let catalog = try CeilingsCommand.catalog(options)
        return RuleJSON.string(try catalog.evaluate(query))
    }
}

/// `ceilings --year 2026 --zone idf [--data-dir DIR]`: the table in force, with its source.
enum CeilingsCommand {
    static func run(_ arguments: [String]) throws(RuleError) -> String {
        let options = try CommandOptions(arguments, command: "ceilings", valued: ["year", "zone", "data-dir"])
        try options.noPositionals("ceilings")
        let query = try CeilingsQuery(parameters: options.values)
        return RuleJSON.string(try catalog(options).schedule(year: query.year, zone: query.zone))
    }

    /// Bundled tables plus those of `--data-dir` (default `./var/rules/ceilings/`).
    static func catalog(_ options: CommandOptions) throws(RuleError) -> CeilingsCatalog {
        let directory = options.values["data-dir"] ?? CeilingsCatalog.defaultDataDirectory
        return try CeilingsCatalog.load(extraDirectory: URL(fileURLWithPath: directory, isDirectory: true))
    }
}

/// `import-ceilings FILE [--data-dir DIR]`: validates a table file and adds it to the data
/// directory, so that next January's table needs no new release.
enum ImportCeilingsCommand {
    struct Imported: Encodable {
        let year: Int
        let zone: Zone
        let path: String
        let replaced: Bool
        let missing: [Financing]
        let plsDerivedFromPlus: Bool
    }

    static func run(_ arguments: [String]) throws(RuleError) -> String {
        let options = try CommandOptions(arguments, command: "import-ceilings", valued: ["data-dir"])
        guard let path = options.positionals.first else { throw RuleError.missingParameter("FILE") }
        guard options.positionals.count == 1 else {
            throw RuleError(code: "invalid_parameter", message: "« import-ceilings » attend un seul fichier.")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RuleError(code: "io_error", message: "Lecture impossible de \(path).")
        }
        let file = try CeilingsFile.validated(from: data)
        let directory = URL(
            fileURLWithPath: options.values["data-dir"] ?? CeilingsCatalog.defaultDataDirectory, isDirectory: true)
        let destination = directory.appendingPathComponent(file.fileName)
        let fileManager = FileManager.default
        let replaced = fileManager.fileExists(atPath: destination.path)
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: destination, options: .atomic)
        } catch {
            throw RuleError(code: "io_error", message: "Écriture impossible de \(destination.path).")
        }
        let schedule = CeilingSchedule(file: file)
        let imported = Imported(
            year: file.year, zone: file.zone, path: destination.path, replaced: replaced, missing: schedule.missing,
            plsDerivedFromPlus: schedule.plsDerivedFromPlus)
        return RuleJSON.string(["imported": imported])
    }
}
