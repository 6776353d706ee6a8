/// When a criterion applies, as data: one JSON object with a single key.
///
/// ```json
/// {"flag": "sans_logement"}          {"motif": "violences_familiales"}   {"priority": "dalo"}
/// {"housingStatus": "heberge"}       {"effortRateAbove": 0.3}            {"singleParent": true}
/// {"overcrowded": true}              {"worksInTerritory": true}          {"livesInTerritory": true}
/// {"disabled": true}                 {"childrenAtLeast": 3}              {"personsAtLeast": 5}
/// {"monthsWaitingAtLeast": 24}       {"all": [ … ]}   {"any": [ … ]}    {"not": { … }}
/// ```
/// `{"singleParent": false}` means "not a single parent". See docs/rules/cotation.md.
public indirect enum CotationCondition: Sendable, Equatable, Codable {
    case flag(CotationFlag)
    case motif(Motif)
    case priority(PriorityCriterion)
    case housingStatus(HousingStatus)
    /// Monthly rent / monthly income strictly above this rate (taux d'effort excessif).
    case effortRateAbove(Double)
    case singleParent(Bool)
    case overcrowded(Bool)
    case worksInTerritory(Bool)
    case livesInTerritory(Bool)
    case disabled(Bool)
    case childrenAtLeast(Int)
    case personsAtLeast(Int)
    case monthsWaitingAtLeast(Int)
    case all([CotationCondition])
    case any([CotationCondition])
    case not(CotationCondition)

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "Une condition est un objet à une seule clé (par exemple {\"flag\":\"sans_logement\"})."
                ))
        }
        func value<T: Decodable>(_ type: T.Type) throws -> T { try container.decode(type, forKey: key) }
        switch key.stringValue {
        case "flag": self = .flag(try value(CotationFlag.self))
        case "motif": self = .motif(try value(Motif.self))
        case "priority": self = .priority(try value(PriorityCriterion.self))
        case "housingStatus": self = .housingStatus(try value(HousingStatus.self))
        case "effortRateAbove": self = .effortRateAbove(try value(Double.self))
        case "singleParent": self = .singleParent(try value(Bool.self))
        case "overcrowded": self = .overcrowded(try value(Bool.self))
        case "worksInTerritory": self = .worksInTerritory(try value(Bool.self))
        case "livesInTerritory": self = .livesInTerritory(try value(Bool.self))
        case "disabled": self = .disabled(try value(Bool.self))
        case "childrenAtLeast": self = .childrenAtLeast(try value(Int.self))
        case "personsAtLeast": self = .personsAtLeast(try value(Int.self))
        case "monthsWaitingAtLeast": self = .monthsWaitingAtLeast(try value(Int.self))
        case "all": self = .all(try value([CotationCondition].self))
        case "any": self = .any(try value([CotationCondition].self))
        case "not": self = .not(try value(CotationCondition.self))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "Condition « \(key.stringValue) » inconnue.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .flag(let flag): try container.encode(flag, forKey: Key("flag"))
        case .motif(let motif): try container.encode(motif, forKey: Key("motif"))
        case .priority(let priority): try container.encode(priority, forKey: Key("priority"))
        case .housingStatus(let status): try container.encode(status, forKey: Key("housingStatus"))
        case .effortRateAbove(let rate): try container.encode(rate, forKey: Key("effortRateAbove"))
        case .singleParent(let value): try container.encode(value, forKey: Key("singleParent"))
        case .overcrowded(let value): try container.encode(value, forKey: Key("overcrowded"))
        case .worksInTerritory(let value): try container.encode(value, forKey: Key("worksInTerritory"))
        case .livesInTerritory(let value): try container.encode(value, forKey: Key("livesInTerritory"))
        case .disabled(let value): try container.encode(value, forKey: Key("disabled"))
        case .childrenAtLeast(let count): try container.encode(count, forKey: Key("childrenAtLeast"))
        case .personsAtLeast(let count): try container.encode(count, forKey: Key("personsAtLeast"))
        case .monthsWaitingAtLeast(let months): try container.encode(months, forKey: Key("monthsWaitingAtLeast"))
        case .all(let conditions): try container.encode(conditions, forKey: Key("all"))
        case .any(let conditions): try container.encode(conditions, forKey: Key("any"))
        case .not(let condition): try container.encode(condition, forKey: Key("not"))
        }
    }
}
