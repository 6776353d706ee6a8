import Foundation
import Vapor

/// `logis generate --requests N --dwellings M --territories T --seed S`: fills the configured
/// database with a synthetic register (territories, stock, requests with their ranking rows)
/// for benchmarks and load tests. Rerun with the same options, it carries on where it stopped.
struct LogisGenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "requests", help: "Nombre de demandes (défaut 20000).")
        var requests: Int?

        @Option(name: "dwellings", help: "Nombre de logements du parc (défaut : 2 par demande).")
        var dwellings: Int?

        @Option(name: "territories", help: "Nombre de territoires (EPCI), 1 à 2000 (défaut 1).")
        var territories: Int?

        @Option(
            name: "seed", help: "Graine : les mêmes options et la même graine donnent les mêmes données (défaut 42).")
        var seed: UInt64?

        @Option(name: "batch", help: "Demandes par transaction (défaut 5000, au plus 5000).")
        var batch: Int?

        @Flag(
            name: "keep-indexes",
            help:
                "PostgreSQL : garder les index pendant le chargement "
                + "(par défaut mis de côté à partir de 100 000 demandes).")
        var keepIndexes: Bool

        init() {}
    }

    var help: String {
        "Génère un registre synthétique (territoires, parc, demandes classées) dans la base configurée ; reprend où il s’est arrêté."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let requests = signature.requests ?? 20_000
        var options = DatasetGenerator.Options(
            requests: requests, dwellings: signature.dwellings ?? requests * 2,
            territories: signature.territories ?? 1, seed: signature.seed ?? 42,
            batchSize: min(5_000, max(1, signature.batch ?? 5_000)))
        if signature.keepIndexes { options.setIndexesAsideFrom = Int.max }
        guard options.requests >= 0, options.dwellings >= 0 else {
            context.console.error("Les nombres de demandes et de logements doivent être positifs.")
            throw LogisError.badRequest
        }
        let app = context.application
        try await app.prepareDatabase()
        let started = Date()
        let report = try await DatasetGenerator(app: app, options: options).run()
        let seconds = Date().timeIntervalSince(started)
        context.console.print(
            "Graine \(options.seed), \(options.territories) territoire(s) : \(report.requestsWritten) demandes écrites "
                + "(\(report.requestsFound) déjà là), \(report.dwellingsWritten) logements écrits "
                + "(\(report.dwellingsFound) déjà là) en \(String(format: "%.1f", seconds)) s "
                + "(\(app.logisSettings.databaseKind.rawValue)).")
    }
}
