import Foundation
import SQLKit
import Vapor

/// `logis bench preselection [--vacancies 200] [--seed 42]`: on a database filled by
/// `logis generate` with the same seed, times the pre-selection of random generated dwellings
/// beside the hand-written query and the join over wishes, and prints a markdown table.
struct LogisBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "benchmark", help: "Le banc à lancer : preselection.")
        var benchmark: String

        @Option(name: "vacancies", help: "Nombre de logements tirés au hasard (défaut 200).")
        var vacancies: Int?

        @Option(name: "seed", help: "La graine donnée à logis generate (défaut 42).")
        var seed: UInt64?

        @Flag(name: "header", help: "Imprime l’en-tête du tableau.")
        var header: Bool

        init() {}
    }

    var help: String { "Mesure la présélection sur les données de logis generate (tableau markdown)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.benchmark == "preselection" else {
            context.console.error("Banc inconnu : \(signature.benchmark). Choix : preselection.")
            throw LogisError.badRequest
        }
        let app = context.application
        guard let sql = app.db as? any SQLDatabase else { throw LogisError.badRequest }
        let seed = signature.seed ?? 42
        let dwellings = try await DatasetGenerator.firstMissing(100_000_000, table: StockDwelling.schema, on: sql) {
            GeneratedStockBatch.dwellingID(seed: seed, index: $0)
        }
        let result = try await PreselectionBench(
            app: app, seed: seed, dwellings: dwellings, vacancies: max(1, signature.vacancies ?? 200)
        ).run()
        if signature.header { context.console.print(PreselectionBench.markdownHeader) }
        context.console.print(PreselectionBench.markdown(result))
        context.console.print(
            "<!-- \(result.database): \(result.vacancies) vacancies, \(result.candidatesFound) with candidates -->")
    }
}
