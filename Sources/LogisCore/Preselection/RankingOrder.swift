/// The order in which requests are ranked against each other (DOMAIN.md §8, seed 003): the
/// cotation score, highest first; then seniority, the earliest first filing first; then the NUD,
/// which makes the order total. Defined once: the pre-selection sorts with it, and the server
/// turns the same keys into SQL (`ORDER BY` and "how many are ahead") for positions and lists.
public enum RankingOrder {
    public enum Key: String, Sendable, CaseIterable {
        case score
        case firstFiling
        case nud
    }

    /// The keys in order, each with its direction.
    public static let keys: [(key: Key, descending: Bool)] = [
        (.score, true), (.firstFiling, false), (.nud, false),
    ]

    /// A request's place in the order.
    public struct Position: Sendable, Equatable {
        public let score: Int
        public let firstFiling: CalendarDate
        public let nud: String

        public init(score: Int, firstFiling: CalendarDate, nud: String) {
            self.score = score
            self.firstFiling = firstFiling
            self.nud = nud
        }
    }

    public static func isRankedBefore(_ lhs: Position, _ rhs: Position) -> Bool {
        for (key, descending) in keys {
            let order: Int
            switch key {
            case .score: order = compare(lhs.score, rhs.score)
            case .firstFiling: order = compare(lhs.firstFiling, rhs.firstFiling)
            case .nud: order = compare(lhs.nud, rhs.nud)
            }
            if order != 0 { return descending ? order > 0 : order < 0 }
        }
        return false
    }

    private static func compare<T: Comparable>(_ lhs: T, _ rhs: T) -> Int {
        lhs < rhs ? -1 : (lhs > rhs ? 1 : 0)
    }
}
