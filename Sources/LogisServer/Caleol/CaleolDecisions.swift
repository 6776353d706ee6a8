import Fluent
import LogisCore
import SQLKit
import Vapor

/// Closing a dwelling at a session: the votes on each candidate are tallied, the decisions
/// checked as a whole (`CaleolDecisionSet`: ranks 1, 2, 3 at most once each, in order), stored,
/// written to each applicant's timeline, and the rank-1 candidate gets the offer.
enum CaleolDecisions {
    static func decide(
        vacancyID: UUID?, access: CaleolScope.Access, on req: Request
    ) async throws
        -> [CaleolDecisionRecord]
    {
        guard access.capacity == .secretary else {
            throw LogisError(
                .forbidden, code: .secretaryOnly,
                message: "Seul le secrétariat de la commission enregistre les décisions.")
        }
        try CaleolVoting.requireStarted(access.session, today: req.today)
        guard let vacancyID,
            let vacancy = try await Vacancy.queryWithDwelling(on: req.db).filter(\.$id == vacancyID).first()
        else { throw CaleolVoting.notOnAgenda }
        guard vacancy.status == .atCommission else { throw CaleolVoting.alreadyDecided }
        let kept = try await CaleolVoting.candidates(of: vacancy, in: access.session, on: req.db)
        let members = try await CaleolSessions.members(of: access.session, on: req.db).map(\.1)
        let sessionOn = try CalendarDate(iso: access.session.heldOn)
        let casting = CaleolMemberRole(code: access.commission.castingVoteRole)
        var adopted: [(VacancyCandidate, CaleolDecision, Bool, String)] = []
        for candidate in kept {
            let records = try await CaleolBallotRecord.query(on: req.db).filter(\.$vacancyID == vacancyID)
                .filter(\.$requestID == candidate.requestID).all()
            var ballots: [CaleolBallot] = []
            for record in records {
                let choice = CaleolVoting.Choice(
                    code: record.choice, rank: record.rank, motif: record.motif, missingPiece: record.missingPiece,
                    deadline: record.deadline)
                ballots.append(
                    CaleolBallot(
                        member: record.memberID.uuidString,
                        choice: try CaleolVoting.decision(from: choice, sessionOn: sessionOn)))
            }
            let outcome: CaleolVoteOutcome
            do {
                outcome = try CaleolVote.tally(ballots, members: members, castingVote: casting)
            } catch let failure { throw CaleolVoting.error(failure) }
            guard case .adopted(let decision, let byCastingVote) = outcome else {
                throw LogisError(.conflict, coreCode: outcome.code, message: "\(candidate.nud) : \(outcome.label)")
            }
            adopted.append((candidate, decision, byCastingVote, summary(ballots, adopted: decision)))
        }
        do {
            _ = try CaleolDecisionSet(
                examined: kept.map(\.nud), decisions: adopted.map { CandidateDecision(nud: $0.0.nud, decision: $0.1) })
        } catch let failure { throw CaleolVoting.error(failure) }
        return try await store(adopted, vacancy: vacancy, access: access, on: req)
    }

    /// « 4 pour, 1 autre choix, 1 abstention ».
    static func summary(_ ballots: [CaleolBallot], adopted: CaleolDecision) -> String {
        var inFavour = 0
        var other = 0
        var abstentions = 0
        for ballot in ballots {
            switch ballot.choice {
            case .abstention: abstentions += 1
            case .decision(let decision): if decision == adopted { inFavour += 1 } else { other += 1 }
            }
        }
        return "\(inFavour) pour, \(other) autre(s) choix, \(abstentions) abstention(s)"
    }

    private static func store(
        _ adopted: [(VacancyCandidate, CaleolDecision, Bool, String)], vacancy: Vacancy, access: CaleolScope.Access,
        on req: Request
    ) async throws -> [CaleolDecisionRecord] {
        let agent = try req.requireAccount()
        let now = req.now
        return try await req.db.transaction { db in
            // Claimed first: two secretaries closing the same dwelling at once store one set of decisions.
            let claimed = try await ConditionalWrite.update(
                "UPDATE vacancies SET status = \(bind: Vacancy.Status.attributed.rawValue) WHERE id = \(bind: try vacancy.requireID()) AND status = \(bind: Vacancy.Status.atCommission.rawValue)",
                on: db)
            guard claimed else { throw CaleolVoting.alreadyDecided }
            var records: [CaleolDecisionRecord] = []
            for (candidate, decision, byCastingVote, votes) in adopted {
                let record = CaleolDecisionRecord()
                record.$session.id = try access.session.requireID()
                record.vacancyID = try vacancy.requireID()
                record.requestID = candidate.requestID
                record.nud = candidate.nud
                record.code = decision.code
                record.rank = decision.rank?.rawValue
                record.motif = decision.motif
                record.missingPiece = decision.condition?.missingPiece
                record.deadline = decision.condition?.deadline.iso
                record.votes = votes
                record.byCastingVote = byCastingVote
                record.decidedAt = now
                try await record.create(on: db)
                records.append(record)
                guard let request = try await HousingRequest.find(candidate.requestID, on: db) else { continue }
                // The commission decides; its secretariat (the bailleur's account) records it.
                try request.apply(decision.kind.isAttribution ? .attribute : .release, by: .commission)
                try await request.save(on: db)
                try await RequestEvent(
                    requestID: candidate.requestID, kind: .caleolDecision,
                    label: timelineLabel(decision, dwelling: vacancy), comment: decision.motif, actor: agent
                ).create(on: db)
                try await RequestMessages.enqueue(
                    MessageTexts.caleolDecision(timelineLabel(decision, dwelling: vacancy), motif: decision.motif),
                    about: candidate.requestID, key: "caleol-decision:\(try record.requireID())", now: now, on: db)
                try await req.audit(
                    .requestChanged, target: .request(candidate.requestID), reason: .caleolDecision, in: db)
            }
            vacancy.status = .attributed
            try await vacancy.save(on: db)
            try await OfferActions.offerNext(for: vacancy, today: req.today, now: now, actor: agent, on: db)
            return records
        }
    }

    static func timelineLabel(_ decision: CaleolDecision, dwelling vacancy: Vacancy) -> String {
        let place = "le logement \(vacancy.dwelling.typology) à \(vacancy.dwelling.residence.commune.name)"
        switch decision {
        case .attribution(let rank) where rank == .first:
            return
                "La commission d’attribution vous a attribué \(place) (rang 1) : le bailleur vous propose le logement."
        case .attribution(let rank):
            return "La commission d’attribution vous a classé en \(rank.label) pour \(place) : il vous sera proposé "
                + "si les candidats classés avant vous le refusent."
        case .conditionalAttribution(let rank, let condition):
            return "La commission d’attribution vous a attribué \(place) (\(rank.label)) sous condition : fournir "
                + "« \(condition.missingPiece) » avant le \(RequestSummary.display(condition.deadline.iso))."
        case .nonAttribution:
            return "La commission d’attribution ne vous a pas attribué \(place). Votre demande reste active et sera "
                + "étudiée lors d’une prochaine commission."
        case .rejection:
            return "La commission d’attribution a rejeté votre candidature pour \(place) (irrecevabilité)."
        }
    }
}
