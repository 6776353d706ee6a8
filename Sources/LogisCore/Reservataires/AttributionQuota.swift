/// Whether a share of attributions reaches a legal minimum, and by how many it falls short.
public struct QuotaCheck: Sendable, Equatable {
    /// Attributions that count towards the quota (to a priority household, to the first quartile).
    public let count: Int
    /// The attributions the quota is a share of.
    public let total: Int
    /// The legal minimum, in percent.
    public let minimumPercent: Int

    public init(count: Int, total: Int, minimumPercent: Int) {
        self.count = count
        self.total = total
        self.minimumPercent = minimumPercent
    }

    /// The share reached, in percent with one decimal; nil without any attribution.
    public var sharePercent: Double? {
        guard total > 0 else { return nil }
        return (Double(count) * 1_000 / Double(total)).rounded() / 10
    }

    /// At least the minimum, compared in whole numbers (no rounding lets 24.96 % pass for 25 %).
    /// Without any attribution there is nothing to fall short of.
    public var isMet: Bool { count * 100 >= total * minimumPercent }

    /// How many more attributions the quota would have needed: the smallest whole number of
    /// attributions that reaches the minimum, less those made.
    public var shortfall: Int {
        let needed = (total * minimumPercent + 99) / 100
        return max(0, needed - count)
    }
}

/// The attribution quotas a réservataire is held to (CCH L441-1 as amended by loi n° 2017-86 du
/// 27 janvier 2017 « Égalité et citoyenneté » and loi ELAN 2018); docs/rules/reservataires.md.
public enum AttributionQuotas {
    /// CCH L441-1: at least 25 % of the attributions made on each réservataire's contingent
    /// (collectivités, Action Logement…) and of the bailleur's non-reserved dwellings go to
    /// households recognised DALO or, failing them, to the priority publics of L441-1. The État's
    /// (préfet's) contingent is reserved for priority publics as a whole (its public agents' part
    /// aside): it has no 25 % minimum, so nil.
    public static func priorityPublicsMinimum(for holder: Reservataire) -> Int? {
        switch holder {
        case .etat: nil
        case .commune, .epci, .actionLogement, .departement, .bailleur: 25
        }
    }

    /// CCH L441-1 (loi Égalité et citoyenneté, art. 70): at least 25 % of the yearly attributions,
    /// followed by a signed lease, of dwellings outside the quartiers prioritaires de la politique de
    /// la ville go to applicants of the first quartile of income per consumption unit (or to
    /// households relocated by an urban renewal operation), on each EPCI that has a PLH.
    public static let firstQuartileOutsideQPVMinimum = 25

    public static func priorityPublics(for holder: Reservataire, count: Int, total: Int) -> QuotaCheck? {
        priorityPublicsMinimum(for: holder).map { QuotaCheck(count: count, total: total, minimumPercent: $0) }
    }

    public static func firstQuartileOutsideQPV(count: Int, total: Int) -> QuotaCheck {
        QuotaCheck(count: count, total: total, minimumPercent: firstQuartileOutsideQPVMinimum)
    }
}

extension Reservataire {
    /// The contingent's name in French, as pages and reports show it.
    public var label: String {
        switch self {
        case .etat: "État (contingent préfectoral)"
        case .commune: "Commune"
        case .epci: "EPCI"
        case .actionLogement: "Action Logement"
        case .departement: "Département"
        case .bailleur: "Bailleur (logements non réservés)"
        }
    }
}
