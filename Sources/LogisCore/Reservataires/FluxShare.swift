import Foundation

/// A réservataire's share of a bailleur's yearly vacancies under a flux agreement (loi ELAN 2018,
/// CCH L441-1 and R441-5: reservations are a flux, a share of the dwellings that fall vacant in
/// the year, no longer a list of dwellings), in hundredths of a percent so that 12.5 % is exact.
public struct FluxShare: Sendable, Equatable, Codable {
    public let basisPoints: Int

    public init(basisPoints: Int) {
        self.basisPoints = basisPoints
    }

    public init(percent: Int) {
        self.basisPoints = percent * 100
    }

    /// A percentage as a person writes it — « 30 », « 12,5 », « 12.25 », « 7 % » — with at most two
    /// decimals; nil for anything else (a share is never silently rounded).
    public init?(percentText text: String) {
        var digits = text.trimmingCharacters(in: .whitespaces)
        if digits.hasSuffix("%") { digits = String(digits.dropLast()).trimmingCharacters(in: .whitespaces) }
        let parts = digits.replacingOccurrences(of: ",", with: ".").split(
            separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, parts[0].allSatisfy(\.isNumber)
        else { return nil }
        var hundredths = 0
        if parts.count == 2 {
            let decimals = parts[1]
            guard (1...2).contains(decimals.count), decimals.allSatisfy(\.isNumber), let value = Int(decimals) else {
                return nil
            }
            hundredths = decimals.count == 1 ? value * 10 : value
        }
        guard whole <= 100 else { return nil }
        self.basisPoints = whole * 100 + hundredths
        guard isValid else { return nil }
    }

    /// A share is a percentage: 0 to 100 %.
    public var isValid: Bool { (0...10_000).contains(basisPoints) }

    /// The vacancies due to the réservataire out of the bailleur's vacancies of the year: the share
    /// applied to that count, rounded to the nearest dwelling, a half up [reading: the texts set
    /// the share, not the rounding; docs/rules/reservataires.md].
    public func vacanciesDue(outOf vacancies: Int) -> Int {
        guard vacancies > 0, basisPoints > 0 else { return 0 }
        return (vacancies * basisPoints + 5_000) / 10_000
    }

    /// « 30 », « 12,5 »: the percentage as a French number.
    public var percentText: String {
        let whole = basisPoints / 100
        let rest = basisPoints % 100
        guard rest != 0 else { return String(whole) }
        let decimals = rest % 10 == 0 ? String(rest / 10) : (rest < 10 ? "0\(rest)" : String(rest))
        return "\(whole),\(decimals)"
    }
}
