import Foundation
import LogisCore

/// `cotation --grid petite-camargue [--version 1] --facts FILE` and `grids`.
enum CotationCommand {
    struct GridSummary: Encodable {
        let id: String
        let version: Int
        let label: String
        let territory: String
        let criteria: Int
    }

    static func run(_ arguments: [String]) throws(RuleError) -> String {
        let options = try CommandOptions(arguments, command: "cotation", valued: ["grid", "version", "facts"])
        try options.noPositionals("cotation")
        let grid = try CotationGridCatalog.bundled.grid(
            id: try options.required("grid"), version: try options.integer("version"))
        let facts: CotationFacts = try JSONFile.decode(try options.required("facts"), what: "faits de cotation")
        return RuleJSON.string(try CompiledCotationGrid(grid).score(facts))
    }

    static func listGrids(_ arguments: [String]) throws(RuleError) -> String {
        let options = try CommandOptions(arguments, command: "grids", valued: [])
        try options.noPositionals("grids")
        let summaries = CotationGridCatalog.bundled.grids.map {
            GridSummary(
                id: $0.id, version: $0.version, label: $0.label, territory: $0.territory, criteria: $0.criteria.count)
        }
        return RuleJSON.string(["grids": summaries])
    }
}

/// `checklist --situation FILE`: the pieces a request needs.
enum ChecklistCommand {
    static func run(_ arguments: [String]) throws(RuleError) -> String {
        let options = try CommandOptions(arguments, command: "checklist", valued: ["situation"])
        try options.noPositionals("checklist")
        let situation: RequestSituation = try JSONFile.decode(try options.required("situation"), what: "situation")
        return RuleJSON.string(DocumentChecklist(for: situation))
    }
}

/// Reads a JSON input file, with French errors.
enum JSONFile {
    static func decode<T: Decodable>(_ path: String, what: String) throws(RuleError) -> T {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RuleError(code: "io_error", message: "Lecture impossible de \(path).")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw RuleError(code: "invalid_input", message: "Fichier \(what) \(path) invalide : \(error).")
        }
    }
}
