import LogisCore
import Testing

@Suite("CALEOL vote (DOMAIN.md §9 « by majority »; CCH L441-2 voix prépondérante; quorum: docs/rules/caleol.md)")
struct CaleolVoteTests {
    static let rank1 = CaleolDecision.attribution(rank: .first)
    static let refusal = CaleolDecision.nonAttribution(motif: "Typologie inadaptée à la composition du ménage")
    static let rejection = CaleolDecision.rejection(motif: "Ressources au-dessus du plafond PLUS")

    /// Nine voting seats (b1–b5 and the tenants' representative t for the bailleur, the mayor m,
    /// the préfet's representative p, the EPCI president e) and two advisory ones (réservataire r,
    /// insertion association a). Everyone present unless `attendance` says otherwise ("m:absent").
    func members(_ attendance: [String] = []) -> [CaleolMember] {
        let seats: [(String, CaleolMemberRole)] =
            ["b1", "b2", "b3", "b4", "b5"].map { ($0, .bailleurRepresentative) } + [
                ("t", .tenantRepresentative), ("m", .mayor), ("p", .prefectRepresentative), ("e", .epciPresident),
                ("r", .reservataire), ("a", .insertionAssociation),
            ]
        let overrides = Dictionary(
            uniqueKeysWithValues: attendance.map { text in
                let parts = text.split(separator: ":").map(String.init)
                return (parts[0], CaleolAttendance(rawValue: parts[1]) ?? .present)
            })
        return seats.map { CaleolMember(id: $0.0, role: $0.1, attendance: overrides[$0.0] ?? .present) }
    }

    /// "b1:A" votes attribution rank 1, "N" non-attribution, "R" rejection, "-" abstention.
    func ballots(_ texts: [String]) -> [CaleolBallot] {
        texts.map { text in
            let parts = text.split(separator: ":").map(String.init)
            let choice: CaleolChoice =
                switch parts[1] {
                case "A": .decision(Self.rank1)
                case "N": .decision(Self.refusal)
                case "R": .decision(Self.rejection)
                default: .abstention
                }
            return CaleolBallot(member: parts[0], choice: choice)
        }
    }

    static let voting = ["b1", "b2", "b3", "b4", "b5", "t", "m", "p", "e"]

    /// `votes` is the choices of the nine voting seats in `voting` order ("A", "N", "R", "-").
    static func cast(_ votes: String) -> [String] {
        zip(voting, votes).map { "\($0):\($1)" }
    }

    /// Columns: absences, ballots, casting-vote role, expected outcome.
    static let tallies: [(String, [String], [String], CaleolMemberRole?, CaleolVoteOutcome)] = [
        // Seed 003: « ils examinent les dossiers et attribuent les logements par décision majoritaire ».
        ("5 for, 2 against, 2 abstain", [], cast("AAAAANN--"), .epciPresident, .adopted(rank1, byCastingVote: false)),
        // Reading: the majority of the votes cast; abstentions are not votes.
        ("3 for, 2 against, 4 abstain", [], cast("AAANN----"), .epciPresident, .adopted(rank1, byCastingVote: false)),
        ("3 rejection, 2 against, 4 abstain", [], cast("RRRNN----"), nil, .adopted(rejection, byCastingVote: false)),
        ("most votes but not more than half: 3-2-2", [], cast("AAANNRR--"), .epciPresident, .noMajority),
        ("everybody abstains", [], cast("---------"), .epciPresident, .noMajority),
        // CCH L441-2: the EPCI president (conference + plan, as in Petite Camargue) breaks a tie.
        (
            "4-4, the EPCI president voted for", [], cast("AAANNN-NA"), .epciPresident,
            .adopted(rank1, byCastingVote: true)
        ),
        // CCH L441-2 « à défaut, le maire de la commune où se situent les logements ».
        ("4-4, the mayor voted against", [], cast("AAANNNNA-"), .mayor, .adopted(refusal, byCastingVote: true)),
        ("3-3 tie at the top of 3-3-1", [], cast("AAANN-NR-"), .mayor, .adopted(refusal, byCastingVote: true)),
        ("4-4, the casting vote holder abstained", [], cast("AAAANNNN-"), .epciPresident, .noMajority),
        ("4-4, the casting vote holder is absent", ["e:absent"], cast("AAAANNNN"), .epciPresident, .noMajority),
        ("3-3, the holder voted for the third option", [], cast("AAANNNR--"), .mayor, .noMajority),
        ("4-4, no casting vote in this commission", [], cast("AAANNN-NA"), nil, .noMajority),
        // DOMAIN.md §9 « with advisory members »: their ballots are not counted.
        (
            "3 for, 4 against, 2 advisory for", [], cast("AAANNNN--") + ["r:A", "a:A"], nil,
            .adopted(refusal, byCastingVote: false)
        ),
        // Reading: at least half of the voting members present or represented.
        (
            "4 of 9 voting members present", ["b5:absent", "t:absent", "m:absent", "p:absent", "e:absent"],
            cast("AAAA"), .epciPresident, .noQuorum
        ),
        (
            "4 of 9 present, plus the 2 advisory members",
            ["b5:absent", "t:absent", "m:absent", "p:absent", "e:absent"],
            cast("AAAA") + ["r:A", "a:A"], .epciPresident, .noQuorum
        ),
        (
            "3 present and 2 represented of 9: quorum",
            ["b4:represented", "b5:represented", "t:absent", "m:absent", "p:absent", "e:absent"],
            cast("AAANN"), .epciPresident, .adopted(rank1, byCastingVote: false)
        ),
    ]

    @Test("Majority of votes cast, casting vote on a tie, quorum", arguments: tallies)
    func tally(
        _ name: String, attendance: [String], votes: [String], castingVote: CaleolMemberRole?,
        expected: CaleolVoteOutcome
    ) throws {
        let outcome = try CaleolVote.tally(ballots(votes), members: members(attendance), castingVote: castingVote)
        #expect(outcome == expected, "\(name)")
        #expect(outcome.code == expected.code, "\(name)")
    }

    static let quorum: [(String, Int, Int, Bool)] = [
        ("8 seats, 4 present: exactly half", 8, 4, true),
        ("8 seats, 3 present", 8, 3, false),
        ("9 seats, 5 present", 9, 5, true),
        ("9 seats, 4 present", 9, 4, false),
        ("no voting seat at all", 0, 0, false),
    ]

    @Test("Quorum: half of the voting seats present or represented (reading, CCH R441-9)", arguments: quorum)
    func quorumThreshold(_ name: String, seats: Int, present: Int, expected: Bool) {
        let members = (0..<seats).map { index in
            CaleolMember(
                id: "b\(index)", role: .bailleurRepresentative, attendance: index < present ? .present : .absent)
        }
        let advisory = CaleolMember(id: "r", role: .reservataire)
        #expect(CaleolVote.hasQuorum(members + [advisory]) == expected, "\(name)")
    }

    /// CCH L441-2 (loi Égalité et citoyenneté): « Lorsque l'établissement public de coopération
    /// intercommunale … a créé une conférence intercommunale du logement … et a adopté le plan
    /// partenarial de gestion de la demande …, son président dispose d'une voix prépondérante en
    /// cas d'égalité des voix. À défaut, le maire de la commune où se situent les logements … ».
    static let castingVote: [(String, Bool, Bool, CaleolMemberRole)] = [
        ("conference and plan (Petite Camargue, seed 003: CIL and PPGDID)", true, true, .epciPresident),
        ("conference only", true, false, .mayor),
        ("plan only", false, true, .mayor),
        ("neither", false, false, .mayor),
    ]

    @Test("Who holds the casting vote", arguments: castingVote)
    func castingVoteHolder(_ name: String, conference: Bool, plan: Bool, expected: CaleolMemberRole) {
        let role = CaleolVote.castingVoteRole(epciHasHousingConference: conference, epciHasDemandManagementPlan: plan)
        #expect(role == expected, "\(name)")
    }

    /// DOMAIN.md §9: « the mayor of the commune (or representative, voting) … the EPCI president
    /// for its territory (voting), with advisory members »; CCH L441-2: réservataires that are not
    /// members by right « participent avec voix consultative ».
    static let roles: [(CaleolMemberRole, Bool)] = [
        (.bailleurRepresentative, true), (.mayor, true), (.prefectRepresentative, true),
        (.tenantRepresentative, true), (.epciPresident, true), (.reservataire, false), (.insertionAssociation, false),
    ]

    @Test("Which seats vote", arguments: roles)
    func seatVotes(_ role: CaleolMemberRole, votes: Bool) {
        #expect(role.votes == votes, "\(role.code)")
        #expect(CaleolMemberRole(code: role.code) == role)
    }

    static let badBallots: [(String, [String], [String], String)] = [
        ("a ballot from someone not in the commission", [], ["x:A"], "ballot_from_unknown_member"),
        ("a ballot from an absent member", ["m:absent"], ["m:A"], "ballot_from_absent_member"),
        ("two ballots from one member", [], ["b1:A", "b1:N"], "ballot_cast_twice"),
    ]

    @Test("Inconsistent ballots are refused, not silently counted", arguments: badBallots)
    func badBallot(_ name: String, attendance: [String], votes: [String], error: String) {
        let result = Result { () throws(CaleolError) in
            try CaleolVote.tally(ballots(votes), members: members(attendance), castingVote: .mayor)
        }
        #expect(throws: CaleolError.self, "\(name)") { try result.get() }
        if case .failure(let failure) = result { #expect(failure.code == error, "\(name)") }
    }

    @Test("Two members in the casting-vote seat: refused rather than guessed")
    func ambiguousCastingVote() {
        let members = members() + [CaleolMember(id: "m2", role: .mayor)]
        #expect(throws: CaleolError.castingVoteHolderAmbiguous(.mayor)) {
            try CaleolVote.tally(ballots(Self.cast("AAAANNNN-")), members: members, castingVote: .mayor)
        }
    }

    @Test("The outcome reads in French for the minutes")
    func outcomeLabels() {
        #expect(
            CaleolVoteOutcome.adopted(Self.rank1, byCastingVote: true).label
                == "Attribution en rang 1 (adoptée par voix prépondérante)")
        #expect(CaleolVoteOutcome.noQuorum.code == "no_quorum")
    }
}
