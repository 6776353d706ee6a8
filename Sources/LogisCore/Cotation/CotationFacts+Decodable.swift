/// Facts as JSON (`logis rules cotation --facts FILE`, or a server body): `firstFiling` and
/// `evaluationDate` are required, every other field defaults as in `CotationFacts.init`.
extension CotationFacts: Decodable {
    private enum CodingKeys: String, CodingKey {
        case flags, motifs, priorities, housingStatus, firstFiling, evaluationDate, refusals, validatedCriteria
        case monthlyIncome, monthlyRent, singleParent, overcrowded, worksInTerritory, livesInTerritory
        case persons, children, disabledPersons
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func flag(_ key: CodingKeys) throws -> Bool { try container.decodeIfPresent(Bool.self, forKey: key) ?? false }
        func count(_ key: CodingKeys, _ fallback: Int) throws -> Int {
            try container.decodeIfPresent(Int.self, forKey: key) ?? fallback
        }
        self.init(
            flags: try container.decodeIfPresent(CotationFlags.self, forKey: .flags) ?? [],
            motifs: try container.decodeIfPresent(MotifSet.self, forKey: .motifs) ?? [],
            priorities: try container.decodeIfPresent(PrioritySet.self, forKey: .priorities) ?? [],
            housingStatus: try container.decodeIfPresent(HousingStatus.self, forKey: .housingStatus),
            firstFiling: try container.decode(CalendarDate.self, forKey: .firstFiling),
            evaluationDate: try container.decode(CalendarDate.self, forKey: .evaluationDate),
            refusals: try count(.refusals, 0),
            validatedCriteria: try container.decodeIfPresent(Set<String>.self, forKey: .validatedCriteria) ?? [],
            monthlyIncome: try count(.monthlyIncome, 0),
            monthlyRent: try count(.monthlyRent, 0),
            singleParent: try flag(.singleParent),
            overcrowded: try flag(.overcrowded),
            worksInTerritory: try flag(.worksInTerritory),
            livesInTerritory: try flag(.livesInTerritory),
            persons: try count(.persons, 1),
            children: try count(.children, 0),
            disabledPersons: try count(.disabledPersons, 0)
        )
    }
}
