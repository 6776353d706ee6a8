/// The ceilings in force for one year and zone, for the three financings, with their source.
public struct CeilingSchedule: Sendable, Equatable, Encodable {
    public let year: Int
    public let zone: Zone
    public let source: String
    /// `nil` when no official PLAI table is known for this year and zone.
    public let plai: CeilingTable?
    public let plus: CeilingTable
    public let pls: CeilingTable
    /// True when PLS is computed as PLUS × 1.30 rather than read from the file.
    public let plsDerivedFromPlus: Bool

    public init(file: CeilingsFile) {
        year = file.year
        zone = file.zone
        source = file.source
        plai = file.plai
        plus = file.plus
        pls = file.pls ?? file.plus.scaledForPLS()
        plsDerivedFromPlus = file.pls == nil
    }

    /// The legal text and the date of the values, as a person reads it under the table: the
    /// file's source goes on with notes for whoever maintains the data, which stop at the first « : ».
    public var publicSource: String {
        guard let end = source.range(of: " : ") else { return source }
        return String(source[..<end.lowerBound]) + "."
    }

    public func table(for financing: Financing) -> CeilingTable? {
        switch financing {
        case .plai: plai
        case .plus: plus
        case .pls: pls
        }
    }

    /// Financings with no table for this year and zone.
    public var missing: [Financing] {
        Financing.allCases.filter { table(for: $0) == nil }
    }

    private enum CodingKeys: String, CodingKey {
        case year, zone, zoneLabel, source, plai, plus, pls, plsDerivedFromPlus, missing
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(year, forKey: .year)
        try container.encode(zone, forKey: .zone)
        try container.encode(zone.label, forKey: .zoneLabel)
        try container.encode(source, forKey: .source)
        try container.encode(plai, forKey: .plai)
        try container.encode(plus, forKey: .plus)
        try container.encode(pls, forKey: .pls)
        try container.encode(plsDerivedFromPlus, forKey: .plsDerivedFromPlus)
        try container.encode(missing, forKey: .missing)
    }
}
