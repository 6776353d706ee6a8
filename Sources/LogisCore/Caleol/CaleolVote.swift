/// What one member chose for one candidate.
public enum CaleolChoice: Sendable, Hashable {
    /// One of the decisions proposed to the vote.
    case decision(CaleolDecision)
    case abstention
}

/// One member's ballot (cast in person, remotely, or by the holder of the member's proxy).
public struct CaleolBallot: Sendable, Hashable {
    public let member: String
    public let choice: CaleolChoice

    public init(member: String, choice: CaleolChoice) {
        self.member = member
        self.choice = choice
    }
}

/// The result of the vote on one candidate.
public enum CaleolVoteOutcome: Sendable, Equatable {
    /// `byCastingVote`: the votes were tied and the casting vote decided (CCH L441-2).
    case adopted(CaleolDecision, byCastingVote: Bool)
    /// No decision has the majority and no casting vote settled it: vote again.
    case noMajority
    /// Fewer than half of the voting members present or represented: no valid deliberation.
    case noQuorum

    public var code: String {
        switch self {
        case .adopted: "adopted"
        case .noMajority: "no_majority"
        case .noQuorum: "no_quorum"
        }
    }

    public var label: String {
        switch self {
        case .adopted(let decision, let byCastingVote):
            byCastingVote ? "\(decision.label) (adoptée par voix prépondérante)" : "\(decision.label) (adoptée)"
        case .noMajority: "Aucune décision n'a recueilli la majorité : un nouveau vote est nécessaire."
        case .noQuorum: "Le quorum n'est pas atteint : la commission ne peut pas délibérer valablement."
        }
    }
}

/// How a CALEOL reaches a decision on a candidate (DOMAIN.md §9 « by majority »; seed 003
/// « attribuent les logements par décision majoritaire »). Readings in docs/rules/caleol.md.
public enum CaleolVote {
    /// Who holds the casting vote (voix prépondérante) for a dwelling (CCH L441-2, as amended by
    /// the loi Égalité et citoyenneté): the EPCI president where the EPCI has created a
    /// conférence intercommunale du logement and adopted a plan partenarial de gestion de la
    /// demande; otherwise the mayor of the commune where the dwelling is. Petite Camargue has
    /// both (seed 003), so its president holds it.
    public static func castingVoteRole(
        epciHasHousingConference: Bool, epciHasDemandManagementPlan: Bool
    ) -> CaleolMemberRole {
        epciHasHousingConference && epciHasDemandManagementPlan ? .epciPresident : .mayor
    }

    /// Reading: at least half of the voting members are present or represented (CCH R441-9 leaves
    /// the quorum to the commission's rules; this is the usual one). Advisory seats do not count.
    public static func hasQuorum(_ members: [CaleolMember]) -> Bool {
        let voting = members.filter(\.role.votes)
        return !voting.isEmpty && voting.filter(\.takesPart).count * 2 >= voting.count
    }

    /// The decision adopted for one candidate.
    ///
    /// Reading (docs/rules/caleol.md): a decision is adopted when it gets more than half of the
    /// votes cast by voting members present or represented; abstentions and advisory members'
    /// ballots are not counted. When the highest count is shared, the casting vote holder's
    /// choice among the tied decisions wins; if the holder did not vote, abstained or chose
    /// another decision, there is no majority.
    ///
    /// - Parameter castingVote: the role holding the casting vote (see `castingVoteRole`); `nil`
    ///   when the commission has none.
    /// - Throws: a ballot from a member unknown, absent, or voting twice; two members in the
    ///   casting-vote seat.
    public static func tally(
        _ ballots: [CaleolBallot], members: [CaleolMember], castingVote: CaleolMemberRole?
    ) throws(CaleolError) -> CaleolVoteOutcome {
        let counted = try countedChoices(ballots, members: members)
        let holder = try castingVoteHolder(castingVote, members: members)
        guard hasQuorum(members) else { return .noQuorum }
        var tally: [CaleolDecision: Int] = [:]
        for case .decision(let decision) in counted.values { tally[decision, default: 0] += 1 }
        let cast = tally.values.reduce(0, +)
        guard let top = tally.values.max() else { return .noMajority }
        let leaders = tally.filter { $0.value == top }.map(\.key)
        if leaders.count == 1, let leader = leaders.first, top * 2 > cast {
            return .adopted(leader, byCastingVote: false)
        }
        guard leaders.count > 1, let holder, case .decision(let chosen)? = counted[holder], leaders.contains(chosen)
        else { return .noMajority }
        return .adopted(chosen, byCastingVote: true)
    }

    /// The voting members' choices by member id; advisory ballots are dropped.
    private static func countedChoices(
        _ ballots: [CaleolBallot], members: [CaleolMember]
    ) throws(CaleolError) -> [String: CaleolChoice] {
        var choices: [String: CaleolChoice] = [:]
        var seen: Set<String> = []
        for ballot in ballots {
            guard let member = members.first(where: { $0.id == ballot.member }) else {
                throw .ballotFromUnknownMember(ballot.member)
            }
            guard member.takesPart else { throw .ballotFromAbsentMember(ballot.member) }
            guard seen.insert(ballot.member).inserted else { throw .ballotCastTwice(ballot.member) }
            if member.role.votes { choices[member.id] = ballot.choice }
        }
        return choices
    }

    /// The id of the voting member who holds the casting vote, if that seat is filled.
    private static func castingVoteHolder(
        _ role: CaleolMemberRole?, members: [CaleolMember]
    ) throws(CaleolError) -> String? {
        guard let role else { return nil }
        let seats = members.filter { $0.role == role && $0.takesPart }
        guard seats.count <= 1 else { throw .castingVoteHolderAmbiguous(role) }
        return seats.first?.id
    }
}
