/// Which revenu fiscal de référence the ceilings are compared with (DOMAIN.md §3, arrêté du 29
/// juillet 1987 art. 3): that of year N-2, or that of year N-1 when it is lower and the household
/// asks for it (its income has dropped).
public enum RetainedIncome {
    public enum Year: String, Sendable, Codable {
        case n2 = "N-2"
        case n1 = "N-1"

        /// How many years before the year of the request: a person reads « revenus 2024 », not « N-2 ».
        public var yearsBack: Int {
            switch self {
            case .n2: 2
            case .n1: 1
            }
        }
    }

    /// - Parameter n1: the N-1 income the household gave, if it asks that it be retained.
    public static func retained(n2: Int, n1 asked: Int?) -> (income: Int, year: Year) {
        guard let n1 = asked, n1 >= 0, n1 < n2 else { return (n2, .n2) }
        return (n1, .n1)
    }
}
