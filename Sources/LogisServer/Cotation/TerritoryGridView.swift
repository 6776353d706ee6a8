import LogisCore
import Vapor

/// A grid as the public reads it (CCH L441-2-8: the criteria and their weights are public): each
/// criterion with its points in words, seniority and refusals last.
struct TerritoryGridView: Content {
    struct Criterion: Content {
        let code: String
        let label: String
        let points: String
        let needsValidation: Bool
    }

    let id: String
    let version: Int
    let label: String
    let effectiveFrom: String?
    let effectiveFromLabel: String?
    let source: String
    let criteria: [Criterion]

    init(_ grid: CotationGrid) {
        id = grid.id
        version = grid.version
        label = grid.label
        effectiveFrom = grid.effectiveFrom?.iso
        effectiveFromLabel = grid.effectiveFrom?.french
        source = grid.source
        var rows = grid.criteria.map {
            Criterion(
                code: $0.code, label: $0.label, points: Self.points($0), needsValidation: $0.needsValidation)
        }
        if let seniority = grid.seniority {
            let cap = seniority.cap.map { ", \(Self.count($0)) au plus" } ?? ""
            rows.append(
                Criterion(
                    code: "anciennete", label: seniority.label,
                    points: "\(Self.count(seniority.pointsPerMonth)) par mois\(cap)", needsValidation: false))
        }
        if let refusals = grid.refusals, refusals.penaltyPerRefusal != 0 {
            let cap = refusals.maxPenalty.map { ", \(Self.count($0)) au plus" } ?? ""
            let after = refusals.freeRefusals > 0 ? " au-delà de \(refusals.freeRefusals)" : ""
            rows.append(
                Criterion(
                    code: "refus", label: refusals.label,
                    points: "−\(Self.count(refusals.penaltyPerRefusal)) par refus\(after)\(cap)", needsValidation: false
                ))
        }
        criteria = rows
    }

    private static func points(_ criterion: CotationCriterion) -> String {
        guard let per = criterion.per else { return count(criterion.points) }
        let unit =
            switch per {
            case .children: "enfant"
            case .persons: "personne"
            case .disabledPersons: "personne en situation de handicap"
            }
        let cap = criterion.cap.map { ", \(count($0)) au plus" } ?? ""
        return "\(count(criterion.points)) par \(unit)\(cap)"
    }

    private static func count(_ points: Int) -> String {
        let number = FrenchFormat.integer(points).replacingOccurrences(of: "-", with: "−")
        return abs(points) > 1 ? "\(number) points" : "\(number) point"
    }
}
