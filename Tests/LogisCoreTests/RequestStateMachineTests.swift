import LogisCore
import Testing

/// DOMAIN.md §3 "Lifecycle": « `brouillon` → `enregistrée` (NUD issued) → `active` ⇄
/// `en_instruction` (candidate on a vacancy) → `attribuée` (CALEOL decision) → `satisfaite`
/// (lease signed) | back to `active` (refusal, non-attribution, not chosen) », plus the exits
/// (radiation, and its cancellation within 30 days). Readings in docs/rules/lifecycle.md.
@Suite("Request state machine (DOMAIN.md §3 Lifecycle)")
struct RequestStateMachineTests {
    /// Every (move, status) pair that leads somewhere, and where; every other pair is refused.
    static let arrows: [String: RequestStatus] = [
        "register brouillon": .enregistree,
        "activate enregistree": .active,
        // A registered request is a candidate from its NUD on, activated or not (CCH L441-2-1).
        "select enregistree": .enInstruction,
        "select active": .enInstruction,
        "release en_instruction": .active,
        "release attribuee": .active,
        "attribute en_instruction": .attribuee,
        "decline attribuee": .active,
        "lease attribuee": .satisfaite,
        "radiate brouillon": .radiee,
        "radiate enregistree": .radiee,
        "radiate active": .radiee,
        "radiate en_instruction": .radiee,
        "radiate attribuee": .radiee,
        "restore radiee": .active,
    ]

    @Test("every move from every status, made by an actor who may make it")
    func theTable() {
        for move in RequestMove.allCases {
            let actor = RequestStateMachine.actors(of: move).sorted { $0.rawValue < $1.rawValue }[0]
            for status in RequestStatus.allCases {
                let key = "\(move.rawValue) \(status.rawValue)"
                let outcome = Result { () throws(RequestMoveError) in
                    try RequestStateMachine.apply(move, to: status, by: actor, previous: .active)
                }
                if let expected = Self.arrows[key] {
                    #expect((try? outcome.get()) == expected, "\(key)")
                } else {
                    #expect(throws: RequestMoveError.notFrom(status, move), "\(key)") { try outcome.get() }
                }
            }
        }
    }

    /// DOMAIN.md §2: who does what. Columns: move, the actors who may make it.
    static let whoMay: [(RequestMove, Set<RequestActor>)] = [
        (.register, [.applicant, .registeringDesk]),
        (.activate, [.registeringDesk]),
        (.select, [.landlord, .reservationHolder]),
        (.release, [.landlord, .reservationHolder, .commission, .system]),
        (.attribute, [.commission]),
        (.decline, [.applicant, .landlord, .system]),
        (.lease, [.landlord]),
        (.radiate, [.applicant, .registeringDesk, .administrator, .system]),
        (.restore, [.administrator]),
    ]

    @Test("who may make each move; the others are refused before the status is looked at")
    func whoMayMove() throws {
        for (move, allowed) in Self.whoMay {
            let from = try #require(Self.arrows.keys.first { $0.hasPrefix("\(move.rawValue) ") })
            let status = try #require(RequestStatus(rawValue: String(from.split(separator: " ")[1])))
            for actor in RequestActor.allCases {
                let outcome = Result { () throws(RequestMoveError) in
                    try RequestStateMachine.apply(move, to: status, by: actor, previous: .active)
                }
                if allowed.contains(actor) {
                    #expect((try? outcome.get()) != nil, "\(move) by \(actor)")
                } else {
                    #expect(throws: RequestMoveError.notBy(actor, move), "\(move) by \(actor)") { try outcome.get() }
                    // Even from a status the move does not leave: the actor is refused first.
                    #expect(throws: RequestMoveError.notBy(actor, move)) {
                        try RequestStateMachine.apply(move, to: .satisfaite, by: actor)
                    }
                }
            }
        }
        #expect(RequestStateMachine.actors(of: .select).contains(.steering) == false)
    }

    @Test("a restore goes back to the status before the radiation, and needs one")
    func restoreGoesBack() throws {
        for previous in [RequestStatus.enregistree, .active, .enInstruction, .attribuee] {
            #expect(
                try RequestStateMachine.apply(.restore, to: .radiee, by: .administrator, previous: previous) == previous
            )
        }
        #expect(throws: RequestMoveError.nothingToRestore) {
            try RequestStateMachine.apply(.restore, to: .radiee, by: .administrator, previous: nil)
        }
        // A satisfied request was never "struck off" in a way a restore may undo.
        #expect(throws: RequestMoveError.nothingToRestore) {
            try RequestStateMachine.apply(.restore, to: .radiee, by: .administrator, previous: .satisfaite)
        }
    }

    @Test("the waiting statuses are those a candidacy starts from")
    func waiting() {
        #expect(RequestStateMachine.waiting == [.enregistree, .active])
        #expect(RequestStateMachine.moves(from: .active, by: .registeringDesk) == [.radiate])
        #expect(RequestStateMachine.moves(from: .enregistree, by: .registeringDesk) == [.activate, .radiate])
        #expect(RequestStateMachine.moves(from: .attribuee, by: .applicant) == [.decline, .radiate])
        #expect(RequestStateMachine.moves(from: .satisfaite, by: .administrator).isEmpty)
    }
}
