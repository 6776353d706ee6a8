/// What a new grid version would change, before the EPCI publishes it (issue 16 §1): the same
/// requests scored with the version in force and with the draft, then compared. Ranks follow
/// `RankingOrder` (score, then first filing, then NUD) over the compared requests, so a request
/// « moves up » when fewer requests are ranked before it, whatever its own points did.
public struct CotationGridComparison: Sendable, Equatable {
    /// One request's two scores: its counted points line by line (pending lines do not count).
    public struct Entry: Sendable, Equatable {
        public let nud: String
        public let firstFiling: CalendarDate
        public let before: Scored
        public let after: Scored

        public init(nud: String, firstFiling: CalendarDate, before: Scored, after: Scored) {
            self.nud = nud
            self.firstFiling = firstFiling
            self.before = before
            self.after = after
        }
    }

    public struct Scored: Sendable, Equatable {
        public let total: Int
        /// Counted points by criterion code (seniority is `anciennete`, refusals `refus`).
        public let lines: [String: Int]

        public init(total: Int, lines: [String: Int]) {
            self.total = total
            self.lines = lines
        }

        /// The counted lines of a score: what the total adds up.
        public init(_ score: CotationScore) {
            var lines: [String: Int] = [:]
            for line in score.lines where line.isCounted { lines[line.code, default: 0] += line.points }
            self.init(total: score.total, lines: lines)
        }
    }

    /// A request whose rank changed; ranks start at 1.
    public struct Change: Sendable, Equatable {
        public let nud: String
        public let rankBefore: Int
        public let rankAfter: Int
        public let scoreBefore: Int
        public let scoreAfter: Int

        public init(nud: String, rankBefore: Int, rankAfter: Int, scoreBefore: Int, scoreAfter: Int) {
            self.nud = nud
            self.rankBefore = rankBefore
            self.rankAfter = rankAfter
            self.scoreBefore = scoreBefore
            self.scoreAfter = scoreAfter
        }
    }

    /// A criterion's weight over all compared requests: points before and after, and how many
    /// requests gain or lose points on that line.
    public struct CriterionEffect: Sendable, Equatable {
        public let code: String
        public let pointsBefore: Int
        public let pointsAfter: Int
        public let requestsGaining: Int
        public let requestsLosing: Int

        public var difference: Int { pointsAfter - pointsBefore }

        public init(code: String, pointsBefore: Int, pointsAfter: Int, requestsGaining: Int, requestsLosing: Int) {
            self.code = code
            self.pointsBefore = pointsBefore
            self.pointsAfter = pointsAfter
            self.requestsGaining = requestsGaining
            self.requestsLosing = requestsLosing
        }
    }

    public let compared: Int
    public let movedUp: Int
    public let movedDown: Int
    public let unchanged: Int
    /// The largest moves first (then the best new rank), at most `top` of them.
    public let changes: [Change]
    /// Every criterion that gives points before or after, in code order.
    public let criteria: [CriterionEffect]

    public init(_ entries: [Entry], top: Int = 50) {
        let rankBefore = Self.ranks(entries) { $0.before.total }
        let rankAfter = Self.ranks(entries) { $0.after.total }
        var up = 0
        var down = 0
        var changes: [Change] = []
        for (index, entry) in entries.enumerated() {
            let before = rankBefore[index]
            let after = rankAfter[index]
            if after < before { up += 1 } else if after > before { down += 1 } else { continue }
            changes.append(
                Change(
                    nud: entry.nud, rankBefore: before, rankAfter: after, scoreBefore: entry.before.total,
                    scoreAfter: entry.after.total))
        }
        changes.sort {
            let left = abs($0.rankAfter - $0.rankBefore)
            let right = abs($1.rankAfter - $1.rankBefore)
            return left != right ? left > right : $0.rankAfter < $1.rankAfter
        }
        compared = entries.count
        movedUp = up
        movedDown = down
        unchanged = entries.count - up - down
        self.changes = Array(changes.prefix(max(0, top)))
        criteria = Self.effects(entries)
    }

    /// Each entry's rank (1 = first) when scored by `score`.
    private static func ranks(_ entries: [Entry], score: (Entry) -> Int) -> [Int] {
        let positions = entries.map {
            RankingOrder.Position(score: score($0), firstFiling: $0.firstFiling, nud: $0.nud)
        }
        let order = positions.indices.sorted { RankingOrder.isRankedBefore(positions[$0], positions[$1]) }
        var ranks = [Int](repeating: 0, count: entries.count)
        for (rank, index) in order.enumerated() { ranks[index] = rank + 1 }
        return ranks
    }

    private static func effects(_ entries: [Entry]) -> [CriterionEffect] {
        var codes = Set<String>()
        for entry in entries {
            codes.formUnion(entry.before.lines.keys)
            codes.formUnion(entry.after.lines.keys)
        }
        return codes.sorted().map { code in
            var before = 0
            var after = 0
            var gaining = 0
            var losing = 0
            for entry in entries {
                let old = entry.before.lines[code] ?? 0
                let new = entry.after.lines[code] ?? 0
                before += old
                after += new
                if new > old { gaining += 1 } else if new < old { losing += 1 }
            }
            return CriterionEffect(
                code: code, pointsBefore: before, pointsAfter: after, requestsGaining: gaining, requestsLosing: losing)
        }
    }
}
