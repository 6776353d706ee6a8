/// A grid's conditions compiled once into a flat array of nodes over a few 64-bit words of facts,
/// so that scoring a request is mask tests and integer comparisons: no JSON, no dictionary, no
/// string and no allocation per request.
struct ConditionProgram: Sendable {
    enum Word: Sendable {
        case flags, motifs, priorities, housing, traits
    }

    enum Count: Sendable {
        case children, persons, monthsWaiting
    }

    enum Node: Sendable {
        /// True when any bit of the mask is set in the word.
        case bits(Word, UInt64)
        case effortAbove(Double)
        case atLeast(Count, Int)
        /// Children are `childIndices[start ..< start + count]`.
        case all(start: Int, count: Int)
        case any(start: Int, count: Int)
        case not(Int)
    }

    /// Bits of the `traits` word.
    enum Trait: UInt64 {
        case singleParent = 1
        case overcrowded = 2
        case worksInTerritory = 4
        case livesInTerritory = 8
        case disabled = 16
    }

    private(set) var nodes: [Node] = []
    private(set) var childIndices: [Int] = []
    /// Whether some condition needs the months of seniority (computed only then).
    private(set) var usesMonths = false

    /// Appends the nodes of `condition`; returns the index of its root node.
    mutating func compile(_ condition: CotationCondition) -> Int {
        switch condition {
        case .flag(let flag): return append(.bits(.flags, 1 << UInt64(flag.rawValue)))
        case .motif(let motif): return append(.bits(.motifs, 1 << UInt64(motif.rawValue)))
        case .priority(let priority): return append(.bits(.priorities, 1 << UInt64(priority.rawValue)))
        case .housingStatus(let status): return append(.bits(.housing, 1 << UInt64(status.rawValue)))
        case .effortRateAbove(let rate): return append(.effortAbove(rate))
        case .singleParent(let value): return trait(.singleParent, value)
        case .overcrowded(let value): return trait(.overcrowded, value)
        case .worksInTerritory(let value): return trait(.worksInTerritory, value)
        case .livesInTerritory(let value): return trait(.livesInTerritory, value)
        case .disabled(let value): return trait(.disabled, value)
        case .childrenAtLeast(let count): return append(.atLeast(.children, count))
        case .personsAtLeast(let count): return append(.atLeast(.persons, count))
        case .monthsWaitingAtLeast(let months):
            usesMonths = true
            return append(.atLeast(.monthsWaiting, months))
        case .all(let conditions): return combine(conditions, isAll: true)
        case .any(let conditions): return combine(conditions, isAll: false)
        case .not(let inner): return append(.not(compile(inner)))
        }
    }

    private mutating func append(_ node: Node) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    private mutating func trait(_ trait: Trait, _ value: Bool) -> Int {
        let test = append(.bits(.traits, trait.rawValue))
        return value ? test : append(.not(test))
    }

    private mutating func combine(_ conditions: [CotationCondition], isAll: Bool) -> Int {
        let roots = conditions.map { compile($0) }
        if roots.count == 1, let only = roots.first { return only }
        // "any" of bit tests on one word is one mask test.
        if !isAll, let merged = mergedBits(roots) { return append(merged) }
        let start = childIndices.count
        childIndices += roots
        return append(isAll ? .all(start: start, count: roots.count) : .any(start: start, count: roots.count))
    }

    private func mergedBits(_ roots: [Int]) -> Node? {
        var word: Word?
        var mask: UInt64 = 0
        for root in roots {
            guard case .bits(let rootWord, let rootMask) = nodes[root], word == nil || word == rootWord else {
                return nil
            }
            word = rootWord
            mask |= rootMask
        }
        return word.map { .bits($0, mask) }
    }

    /// Evaluates the condition rooted at `index` (an empty `all` is true, an empty `any` false).
    func evaluate(_ index: Int, _ facts: FactVector) -> Bool {
        nodes.withUnsafeBufferPointer { nodes in
            childIndices.withUnsafeBufferPointer { children in
                Self.evaluate(index, nodes, children, facts)
            }
        }
    }

    private static func evaluate(
        _ index: Int, _ nodes: UnsafeBufferPointer<Node>, _ children: UnsafeBufferPointer<Int>, _ facts: FactVector
    ) -> Bool {
        switch nodes[index] {
        case .bits(let word, let mask):
            return facts.word(word) & mask != 0
        case .effortAbove(let rate):
            return facts.effortAbove(rate)
        case .atLeast(let count, let minimum):
            return facts.count(count) >= minimum
        case .all(let start, let count):
            for child in start..<(start + count) where !evaluate(children[child], nodes, children, facts) {
                return false
            }
            return true
        case .any(let start, let count):
            for child in start..<(start + count) where evaluate(children[child], nodes, children, facts) {
                return true
            }
            return false
        case .not(let inner):
            return !evaluate(inner, nodes, children, facts)
        }
    }
}

/// The facts of one request as words and counts, computed once per request.
struct FactVector {
    let flags: UInt64
    let motifs: UInt64
    let priorities: UInt64
    let housing: UInt64
    let traits: UInt64
    let monthlyIncome: Int
    let monthlyRent: Int
    let children: Int
    let persons: Int
    let monthsWaiting: Int

    init(_ facts: CotationFacts, computeMonths: Bool) {
        flags = facts.flags.rawValue
        motifs = facts.motifs.rawValue
        priorities = facts.priorities.rawValue
        housing = facts.housingStatus.map { 1 << UInt64($0.rawValue) } ?? 0
        typealias Trait = ConditionProgram.Trait
        var traits: UInt64 = 0
        if facts.singleParent { traits |= Trait.singleParent.rawValue }
        if facts.overcrowded { traits |= Trait.overcrowded.rawValue }
        if facts.worksInTerritory { traits |= Trait.worksInTerritory.rawValue }
        if facts.livesInTerritory { traits |= Trait.livesInTerritory.rawValue }
        if facts.disabledPersons > 0 { traits |= Trait.disabled.rawValue }
        self.traits = traits
        monthlyIncome = facts.monthlyIncome
        monthlyRent = facts.monthlyRent
        children = facts.children
        persons = facts.persons
        monthsWaiting = computeMonths ? facts.monthsWaiting : 0
    }

    @inline(__always)
    func word(_ word: ConditionProgram.Word) -> UInt64 {
        switch word {
        case .flags: flags
        case .motifs: motifs
        case .priorities: priorities
        case .housing: housing
        case .traits: traits
        }
    }

    @inline(__always)
    func count(_ count: ConditionProgram.Count) -> Int {
        switch count {
        case .children: children
        case .persons: persons
        case .monthsWaiting: monthsWaiting
        }
    }

    /// Same rule as `CotationFacts.effortRate(above:)`.
    @inline(__always)
    func effortAbove(_ rate: Double) -> Bool {
        guard monthlyIncome > 0 else { return monthlyRent > 0 }
        return Double(monthlyRent) > rate * Double(monthlyIncome)
    }
}
