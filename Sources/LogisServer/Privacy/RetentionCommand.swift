import LogisCore
import Vapor

/// `logis retention [--dry-run]`: anonymises the requests struck off for longer than the legal
/// delay and deletes the old audit lines (docs/rules/retention.md); meant to run every night.
struct LogisRetentionCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Affiche ce qui est dû sans rien modifier.")
        var dryRun: Bool

        init() {}
    }

    var help: String {
        "Applique les durées de conservation : anonymise les demandes radiées depuis plus d’un an, "
            + "supprime les lignes d’audit de plus d’un an. --dry-run n’affiche que le rapport."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let report = try await RetentionRun.run(
            today: context.application.clock.today, dryRun: signature.dryRun, app: context.application)
        for line in RetentionReport.lines(report) {
            context.console.print(line)
        }
    }
}

/// The French report of a retention run.
enum RetentionReport {
    static func lines(_ report: RetentionRun.Report) -> [String] {
        let header =
            report.applied
            ? "Conservation des données au \(french(report.today)) : durées appliquées."
            : "Conservation des données au \(french(report.today)) — simulation (--dry-run) : rien n’a été modifié."
        return [header]
            + report.lines.map { line in
                "  • \(label(line.category, applied: report.applied)) : \(line.count) — "
                    + "\(dated(line.category)) au plus tard le \(french(line.lastDueRecordDate))"
                    + " ; délai de \(RetentionPolicy.months(for: line.category)) mois : \(line.category.source)."
            }
    }

    static func label(_ category: RetentionPolicy.Category, applied: Bool) -> String {
        switch (category, applied) {
        case (.struckOffRequest, true): "demandes radiées anonymisées"
        case (.struckOffRequest, false): "demandes radiées à anonymiser"
        case (.auditEntry, true): "lignes du journal d’audit supprimées"
        case (.auditEntry, false): "lignes du journal d’audit à supprimer"
        }
    }

    private static func dated(_ category: RetentionPolicy.Category) -> String {
        switch category {
        case .struckOffRequest: "radiées"
        case .auditEntry: "écrites"
        }
    }

    static func french(_ date: CalendarDate) -> String {
        String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }
}
