/// A dwelling's typology: T1 (one main room) to T6 (six main rooms), by number of main rooms.
public enum Typology: Int, CodedEnum, Comparable {
    case t1 = 1, t2, t3, t4, t5, t6

    public var code: String { "T\(rawValue)" }
    public var label: String { code }

    /// Accepts "T3" or "t3".
    public init?(parsing text: String) {
        self.init(code: text.uppercased())
    }

    /// T(n) clamped to T1…T6.
    static func clamped(_ rooms: Int) -> Typology {
        Typology(rawValue: min(max(rooms, 1), 6)) ?? .t6
    }

    public static func < (lhs: Typology, rhs: Typology) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A set of typologies (the wishes of a request).
public typealias TypologySet = CodedSet<Typology>

extension CodedSet where Element == Typology {
    /// Every typology from `lower` to `upper`.
    public init(_ range: ClosedRange<Typology>) {
        self.init(Typology.allCases.filter { range.contains($0) })
    }
}
