import Foundation

/// A versioned cotation grid of a territory (CCH L441-2-8, décret 2019-1378): criteria and
/// weights set by the EPCI, as data. A version that has been used is never edited: a change is a
/// new version, and every score records the version it was computed with.
public struct CotationGrid: Sendable, Equatable, Codable {
    public let id: String
    public let version: Int
    public let label: String
    public let territory: String
    public let effectiveFrom: CalendarDate?
    public let source: String
    public let criteria: [CotationCriterion]
    public let seniority: SeniorityRule?
    public let refusals: RefusalRule?

    public init(
        id: String, version: Int, label: String, territory: String, effectiveFrom: CalendarDate? = nil,
        source: String, criteria: [CotationCriterion], seniority: SeniorityRule? = nil, refusals: RefusalRule? = nil
    ) {
        self.id = id
        self.version = version
        self.label = label
        self.territory = territory
        self.effectiveFrom = effectiveFrom
        self.source = source
        self.criteria = criteria
        self.seniority = seniority
        self.refusals = refusals
    }

    /// Decodes and validates a grid file.
    public static func validated(from data: Data) throws(RuleError) -> CotationGrid {
        let grid: CotationGrid
        do {
            grid = try JSONDecoder().decode(CotationGrid.self, from: data)
        } catch let error as DecodingError {
            throw invalid(Self.describe(error))
        } catch {
            throw invalid("JSON illisible.")
        }
        try grid.validate()
        return grid
    }

    public func validate() throws(RuleError) {
        guard Self.isCode(id.replacingOccurrences(of: "-", with: "_")) else {
            throw Self.invalid("identifiant de grille « \(id) » invalide (minuscules, chiffres, tirets).")
        }
        guard version >= 1 else { throw Self.invalid("la version doit être 1 ou plus.") }
        var codes = Set<String>()
        for criterion in criteria {
            guard Self.isCode(criterion.code) else {
                throw Self.invalid("code de critère « \(criterion.code) » invalide (snake_case attendu).")
            }
            guard codes.insert(criterion.code).inserted else {
                throw Self.invalid("le code de critère « \(criterion.code) » apparaît deux fois.")
            }
            if let cap = criterion.cap, criterion.per == nil || cap <= 0 {
                throw Self.invalid("le plafond du critère « \(criterion.code) » exige « per » et un nombre positif.")
            }
        }
        if let seniority, seniority.pointsPerMonth < 0 || (seniority.cap ?? 0) < 0 {
            throw Self.invalid("l'ancienneté doit donner des points positifs.")
        }
        if let refusals, refusals.penaltyPerRefusal < 0 || refusals.freeRefusals < 0 || (refusals.maxPenalty ?? 0) < 0 {
            throw Self.invalid("la pénalité de refus s'écrit en nombres positifs (elle est retranchée).")
        }
    }

    static func isCode(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
    }

    static func invalid(_ detail: String) -> RuleError {
        RuleError(code: "invalid_grid", message: "Grille de cotation invalide : \(detail)")
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "champ « \(key.stringValue) » manquant."
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            context.codingPath.map(\.stringValue).joined(separator: ".") + " : " + context.debugDescription
        @unknown default: "JSON illisible."
        }
    }
}

/// One line of a grid.
public struct CotationCriterion: Sendable, Equatable, Codable {
    public let code: String
    public let label: String
    /// Points when the condition holds (per unit of `per` when given); may be negative.
    public let points: Int
    public let when: CotationCondition
    /// Multiply the points by this count of the household.
    public let per: CotationQuantity?
    /// Upper bound of the line's points (with `per`).
    public let cap: Int?
    /// Counts only once a social worker or an agent has validated the evidence.
    public let needsValidation: Bool

    public init(
        code: String, label: String, points: Int, when: CotationCondition, per: CotationQuantity? = nil,
        cap: Int? = nil, needsValidation: Bool = false
    ) {
        self.code = code
        self.label = label
        self.points = points
        self.when = when
        self.per = per
        self.cap = cap
        self.needsValidation = needsValidation
    }

    private enum CodingKeys: String, CodingKey {
        case code, label, points, when, per, cap, needsValidation
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try container.decode(String.self, forKey: .code),
            label: try container.decode(String.self, forKey: .label),
            points: try container.decode(Int.self, forKey: .points),
            when: try container.decode(CotationCondition.self, forKey: .when),
            per: try container.decodeIfPresent(CotationQuantity.self, forKey: .per),
            cap: try container.decodeIfPresent(Int.self, forKey: .cap),
            needsValidation: try container.decodeIfPresent(Bool.self, forKey: .needsValidation) ?? false
        )
    }
}

/// Seniority: points per whole month since the first filing (kept on renewal), capped.
public struct SeniorityRule: Sendable, Equatable, Codable {
    public let label: String
    public let pointsPerMonth: Int
    public let cap: Int?

    public init(label: String, pointsPerMonth: Int, cap: Int?) {
        self.label = label
        self.pointsPerMonth = pointsPerMonth
        self.cap = cap
    }
}

/// Refusals of adapted offers: after `freeRefusals`, each refusal removes `penaltyPerRefusal`
/// points, at most `maxPenalty` in all.
public struct RefusalRule: Sendable, Equatable, Codable {
    public let label: String
    public let freeRefusals: Int
    public let penaltyPerRefusal: Int
    public let maxPenalty: Int?

    public init(label: String, freeRefusals: Int, penaltyPerRefusal: Int, maxPenalty: Int?) {
        self.label = label
        self.freeRefusals = freeRefusals
        self.penaltyPerRefusal = penaltyPerRefusal
        self.maxPenalty = maxPenalty
    }
}
