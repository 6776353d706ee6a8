import Fluent
import Foundation
import Vapor

/// `logis import stock FILE.csv --bailleur NAME`: imports a bailleur's stock (StockImport).
struct LogisImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "what", help: "Ce qu’il faut importer : stock (fichier d’un bailleur) ou rpls (répertoire national).")
        var what: String

        @Argument(name: "file", help: "Le fichier CSV (UTF-8 ou export Excel « point-virgule »).")
        var file: String

        @Option(
            name: "bailleur",
            help: "Le nom du bailleur, tel que dans l’annuaire de Logis (rpls : si le fichier ne le nomme pas).")
        var bailleur: String?

        init() {}
    }

    var help: String {
        "Importe le parc d’un bailleur depuis un fichier CSV (rien n’est importé si une ligne est fausse)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let console = context.console
        guard ["stock", "rpls"].contains(signature.what) else {
            console.error("Import inconnu : \(signature.what). Choix : stock, rpls.")
            throw LogisError.badRequest
        }
        let app = context.application
        try await app.prepareDatabase()
        if signature.what == "rpls" {
            return try await RPLSImportCommand.run(
                file: signature.file, bailleur: signature.bailleur, app: app, console: console)
        }
        guard let name = signature.bailleur,
            let organisation = try await Organisation.query(on: app.db).filter(\.$name == name)
                .filter(\.$kind == Organisation.Kind.bailleur.rawValue).first()
        else {
            console.error("Indiquez un bailleur connu de l’annuaire avec --bailleur \"Nom du bailleur\".")
            throw LogisError.badRequest
        }
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            console.error("Fichier introuvable ou illisible : \(signature.file)")
            throw LogisError.badRequest
        }
        let codes = try await Commune.query(on: app.db).all().compactMap(\.inseeCode)
        let lines: [StockImport.Line]
        do {
            lines = try StockImport.parse(try StockImport.text(of: data), knownCommunes: Set(codes))
        } catch .unreadable(let reason) {
            console.error(reason)
            throw LogisError.validation(reason, code: .stockFileUnreadable)
        } catch .invalid(let problems) {
            console.error("Rien n’a été importé : \(problems.count) problème(s) à corriger dans le fichier.")
            for problem in problems { console.error("  • \(problem)") }
            throw LogisError.validation("Fichier à corriger.", code: .stockFileInvalid)
        }
        let total = lines.count
        let onTerminal = isatty(STDOUT_FILENO) == 1
        let outcome = try await StockImport.apply(lines, to: organisation, on: app.db) { done in
            guard onTerminal, done % 50 == 0 || done == total else { return }
            console.output(
                "\r\(done) / \(total) logements (\(done * 100 / max(total, 1)) %)".consoleText(), newLine: done == total
            )
        }
        console.print(
            "Import terminé pour \(organisation.name) : \(outcome.residencesCreated) résidence(s) créée(s), "
                + "\(outcome.dwellingsCreated) logement(s) ajouté(s), \(outcome.dwellingsUpdated) mis à jour.")
    }
}
