/// The facts of one request that a grid scores: a plain value, built by the server from the
/// request (or generated in bulk for the nightly batch).
public struct CotationFacts: Sendable, Equatable {
    public var flags: CotationFlags
    public var motifs: MotifSet
    public var priorities: PrioritySet
    public var housingStatus: HousingStatus?
    /// First filing date: seniority counts from it and is kept on renewal (CCH R441-2-8).
    public var firstFiling: CalendarDate
    public var evaluationDate: CalendarDate
    /// Refusals of adapted offers.
    public var refusals: Int
    /// Codes of the criteria whose evidence a social worker or an agent has validated.
    public var validatedCriteria: Set<String>
    /// Monthly income and rent in euros, for the effort rate (rent / income).
    public var monthlyIncome: Int
    public var monthlyRent: Int
    public var singleParent: Bool
    public var overcrowded: Bool
    public var worksInTerritory: Bool
    public var livesInTerritory: Bool
    public var persons: Int
    public var children: Int
    public var disabledPersons: Int

    public init(
        flags: CotationFlags = [], motifs: MotifSet = [], priorities: PrioritySet = [],
        housingStatus: HousingStatus? = nil, firstFiling: CalendarDate, evaluationDate: CalendarDate,
        refusals: Int = 0, validatedCriteria: Set<String> = [], monthlyIncome: Int = 0, monthlyRent: Int = 0,
        singleParent: Bool = false, overcrowded: Bool = false, worksInTerritory: Bool = false,
        livesInTerritory: Bool = false, persons: Int = 1, children: Int = 0, disabledPersons: Int = 0
    ) {
        self.flags = flags
        self.motifs = motifs
        self.priorities = priorities
        self.housingStatus = housingStatus
        self.firstFiling = firstFiling
        self.evaluationDate = evaluationDate
        self.refusals = refusals
        self.validatedCriteria = validatedCriteria
        self.monthlyIncome = monthlyIncome
        self.monthlyRent = monthlyRent
        self.singleParent = singleParent
        self.overcrowded = overcrowded
        self.worksInTerritory = worksInTerritory
        self.livesInTerritory = livesInTerritory
        self.persons = persons
        self.children = children
        self.disabledPersons = disabledPersons
    }

    /// Whole months since the first filing.
    public var monthsWaiting: Int { firstFiling.fullMonths(until: evaluationDate) }

    /// Rent above `rate` × income. With no income, any rent is excessive.
    public func effortRate(above rate: Double) -> Bool {
        guard monthlyIncome > 0 else { return monthlyRent > 0 }
        return Double(monthlyRent) > rate * Double(monthlyIncome)
    }

    func quantity(_ quantity: CotationQuantity) -> Int {
        switch quantity {
        case .children: children
        case .persons: persons
        case .disabledPersons: disabledPersons
        }
    }
}
