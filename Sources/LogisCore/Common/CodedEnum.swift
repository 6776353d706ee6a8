/// A closed vocabulary whose values travel as stable snake_case codes in JSON and data files,
/// and as bit positions (the Int raw value) in the hot paths.
public protocol CodedEnum: RawRepresentable, CaseIterable, Hashable, Sendable, Codable
where RawValue == Int {
    /// The stable code used in JSON and data files.
    var code: String { get }
    /// The French label shown to people.
    var label: String { get }
}

extension CodedEnum {
    public init?(code: String) {
        guard let match = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }

    /// The accepted codes, for error messages.
    static var codeList: String {
        allCases.map(\.code).joined(separator: ", ")
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let value = Self(code: code) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Code inconnu « \(code) » (attendu : \(Self.codeList))."
            )
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

/// A set of `CodedEnum` values held in one 64-bit word, so that tests are a mask operation.
public struct CodedSet<Element: CodedEnum>: Sendable, Hashable, Codable, ExpressibleByArrayLiteral {
    public var rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        rawValue = 0
        for element in elements { insert(element) }
    }

    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }

    static func bit(_ element: Element) -> UInt64 {
        1 << UInt64(element.rawValue)
    }

    public func contains(_ element: Element) -> Bool {
        rawValue & Self.bit(element) != 0
    }

    public mutating func insert(_ element: Element) {
        rawValue |= Self.bit(element)
    }

    public var isEmpty: Bool { rawValue == 0 }

    /// The members in declaration order.
    public var elements: [Element] {
        Element.allCases.filter { contains($0) }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([Element].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(elements)
    }
}
