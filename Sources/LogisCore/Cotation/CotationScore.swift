/// A request's score with its breakdown, line by line, as the applicant sees it.
public struct CotationScore: Sendable, Equatable, Encodable {
    public let gridId: String
    public let gridVersion: Int
    public let evaluatedOn: CalendarDate
    /// Sum of the counted lines.
    public let total: Int
    /// Points waiting for a social worker's or agent's validation (not in `total`).
    public let pendingPoints: Int
    public let lines: [CotationLine]
}

/// One line of a score.
public struct CotationLine: Sendable, Equatable, Encodable {
    public let code: String
    public let label: String
    public let points: Int
    public let status: Status
    /// A precision for the applicant ("14 mois", "3 enfants"), or null.
    public let detail: String?

    public enum Status: String, Sendable, Codable {
        case counted
        case pendingValidation = "pending_validation"
    }

    public var isCounted: Bool { status == .counted }

    private enum CodingKeys: String, CodingKey {
        case code, label, points, status, detail
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(label, forKey: .label)
        try container.encode(points, forKey: .points)
        try container.encode(status, forKey: .status)
        try container.encode(detail, forKey: .detail)
    }
}
