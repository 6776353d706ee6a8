import Fluent
import Foundation
import Vapor

/// `logis import rpls FILE.csv [--bailleur NAME]`: the stock from an RPLS file (RPLSImport). Bad
/// lines are listed on the error output and skipped; the exit status is non-zero when any was.
enum RPLSImportCommand {
    static func run(file: String, bailleur: String?, app: Application, console: any Console) async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            console.error("Fichier introuvable ou illisible : \(file)")
            throw LogisError.badRequest
        }
        let codes = Set(try await Commune.query(on: app.db).all().compactMap(\.inseeCode))
        let bailleurs = Set(
            try await Organisation.query(on: app.db).filter(\.$kind == Organisation.Kind.bailleur.rawValue).all()
                .map { $0.name.lowercased() })
        let reading: RPLSImport.Reading
        do {
            reading = try RPLSImport.parse(
                try StockImport.text(of: data), knownCommunes: codes, bailleurs: bailleurs, defaultBailleur: bailleur)
        } catch .unreadable(let reason) {
            console.error(reason)
            throw LogisError.validation(reason, code: .stockFileUnreadable)
        } catch .invalid(let problems) {
            console.error("Rien n’a été importé : l’en-tête du fichier est à corriger.")
            for problem in problems { console.error("  • \(problem)") }
            throw LogisError.validation("Fichier à corriger.", code: .stockFileInvalid)
        }
        let total = reading.lines.count
        let onTerminal = isatty(STDOUT_FILENO) == 1
        let outcome = try await RPLSImport.apply(reading.lines, on: app.db) { done in
            guard onTerminal, done % 100 == 0 || done == total else { return }
            console.output(progressBar(done: done, total: total).consoleText(), newLine: done == total)
        }
        console.print(
            "Import RPLS terminé : \(total) ligne(s) lue(s), \(outcome.residencesCreated) résidence(s) créée(s), "
                + "\(outcome.dwellingsCreated) logement(s) ajouté(s), \(outcome.dwellingsUpdated) mis à jour.")
        guard reading.problems.isEmpty else {
            // On the error output, so that a script can keep the report apart from the summary.
            let report = ["\(reading.problems.count) ligne(s) écartée(s) :"] + reading.problems.map { "  • \($0)" }
            FileHandle.standardError.write(Data((report.joined(separator: "\n") + "\n").utf8))
            throw LogisError.validation("Lignes écartées.", code: .stockFileInvalid)
        }
    }

    /// « [##########----------] 50 % (500 / 1000 lignes) », redrawn in place.
    static func progressBar(done: Int, total: Int, width: Int = 30) -> String {
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        return "\r[\(bar)] \(done * 100 / max(total, 1)) % (\(done) / \(total) lignes)"
    }
}
