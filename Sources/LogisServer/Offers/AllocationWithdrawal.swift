import Fluent
import LogisCore
import Vapor

/// A request that leaves (struck off, abandoned) while it is on a dwelling's path: its open offer
/// is withdrawn and the next rank gets the dwelling; it leaves the kept candidates and ballots of
/// a dwelling not yet decided. Called in the transaction of the striking-off.
enum AllocationWithdrawal {
    static func requestLeft(
        _ request: HousingRequest, today: CalendarDate, now: Date, actor: Account?, on db: any Database
    ) async throws {
        let requestID = try request.requireID()
        let offers = try await OfferRecord.query(on: db).filter(\.$requestID == requestID)
            .filter(\.$leaseSignedOn == nil).all()
        for record in offers {
            var offer = try OfferActions.core(record)
            guard offer.state == .proposed || offer.state == .accepted else { continue }
            try offer.withdraw(on: today)
            record.state = offer.state.code
            record.closedOn = offer.closedOn?.iso
            try await record.save(on: db)
            guard
                let vacancy = try await Vacancy.queryWithDwelling(on: db).filter(\.$id == record.vacancyID).first()
            else { continue }
            try await OfferActions.offerNext(for: vacancy, today: today, now: now, actor: actor, on: db)
        }
        // Kept for a dwelling the commission has not decided yet: no longer presented.
        let kept = try await VacancyCandidate.query(on: db).filter(\.$requestID == requestID).with(\.$vacancy).all()
        for candidate in kept where [.open, .atCommission].contains(candidate.vacancy.status) {
            try await CaleolBallotRecord.query(on: db).filter(\.$vacancyID == candidate.$vacancy.id)
                .filter(\.$requestID == requestID).delete()
            try await candidate.delete(on: db)
        }
    }
}
