/// How a dwelling was financed, which sets its rent level and its income ceiling.
public enum Financing: Int, CodedEnum, Comparable {
    /// Prêt locatif aidé d'intégration: the lowest rents and ceilings.
    case plai
    /// Prêt locatif à usage social: the standard social dwelling.
    case plus
    /// Prêt locatif social: intermediate rents; ceilings = PLUS × 1.30.
    case pls

    public var code: String {
        switch self {
        case .plai: "plai"
        case .plus: "plus"
        case .pls: "pls"
        }
    }

    public var label: String { code.uppercased() }

    public static func < (lhs: Financing, rhs: Financing) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A set of financings (e.g. those a household is eligible for).
public typealias FinancingSet = CodedSet<Financing>

/// One optional value per financing; encodes every key, with `null` where there is no value.
public struct FinancingValues<Value: Sendable & Equatable>: Sendable, Equatable {
    public var plai: Value?
    public var plus: Value?
    public var pls: Value?

    public init(plai: Value? = nil, plus: Value? = nil, pls: Value? = nil) {
        self.plai = plai
        self.plus = plus
        self.pls = pls
    }

    public subscript(financing: Financing) -> Value? {
        get {
            switch financing {
            case .plai: plai
            case .plus: plus
            case .pls: pls
            }
        }
        set {
            switch financing {
            case .plai: plai = newValue
            case .plus: plus = newValue
            case .pls: pls = newValue
            }
        }
    }
}

extension FinancingValues: Encodable where Value: Encodable {
    private enum CodingKeys: String, CodingKey {
        case plai, plus, pls
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // Explicit nulls: a financing we cannot judge is shown, not hidden.
        try container.encode(plai, forKey: .plai)
        try container.encode(plus, forKey: .plus)
        try container.encode(pls, forKey: .pls)
    }
}
