import Fluent
import Foundation
import LogisCore
import SQLKit

/// One réservataire's year (DOMAIN.md §11, docs/rules/reservataires.md): per bailleur, the
/// vacancies due under its flux agreement against those delivered; then its attributions to
/// priority publics and, outside QPV, to the first income quartile, against the legal minimums.
struct ReservataireReport: Encodable, Sendable {
    struct Holder: Encodable, Sendable {
        let id: UUID
        let name: String
        let kind: String
        let kindLabel: String
        let territory: String
        let commune: String?
    }

    struct FluxRow: Encodable, Sendable, Equatable {
        let bailleur: String
        /// The agreed share, in percent; nil for a bailleur with no agreement this year.
        let sharePercent: Double?
        /// The État's part for its public agents, within the share.
        let publicAgentsPercent: Double?
        let bailleurVacancies: Int
        let vacanciesDue: Int
        let publicAgentsDue: Int?
        let vacanciesDelivered: Int
        /// Delivered less due: negative when the bailleur owes vacancies.
        let gap: Int
    }

    struct Quota: Encodable, Sendable, Equatable {
        let code: String
        let label: String
        /// Attributions that count; nil when they cannot be told (no income quartile yet).
        let count: Int?
        let total: Int
        let sharePercent: Double?
        /// The legal minimum; nil when the rule does not apply to this contingent.
        let minimumPercent: Int?
        let met: Bool?
        let shortfall: Int?
        let note: String?
    }

    let reservataire: Holder
    let year: Int
    let flux: [FluxRow]
    let fluxTotal: FluxRow
    let quotas: [Quota]
}

/// The SQL behind a report: two aggregates over one territory and year, grouped by the database.
struct ReservataireReportQueries: Sendable {
    let sql: any SQLDatabase
    let db: any Database
    let record: ReservataireRecord
    let filter: ObservatoryFilter

    struct VacancyCounts: Decodable {
        let bailleur: UUID
        let total: Int
        let delivered: Int?
    }

    struct AttributionCounts: Decodable {
        let n: Int
        let priority: Int?
        let outside: Int?
        let quartile: Int?
    }

    /// The dwellings of this réservataire's contingent: its kind, and for a commune its own
    /// commune's dwellings [reading: one réservataire per kind in a territory, communes apart].
    var contingent: SQLQueryString {
        var clause: SQLQueryString = "d.reservataire = \(bind: record.kind)"
        if let commune = record.$commune.id { clause += " AND re.commune_id = \(bind: commune)" }
        return clause
    }

    /// A vacancy of the year: declared available that year, neither withdrawn nor a round closed
    /// without a taker (its dwelling's next round is the vacancy that counts).
    var vacanciesFrom: SQLQueryString {
        """
        FROM vacancies v JOIN dwellings d ON d.id = v.dwelling_id JOIN residences re ON re.id = d.residence_id \
        WHERE v.territory_id = \(bind: record.$territory.id) AND v.available_on >= \(bind: filter.yearStart) \
        AND v.available_on < \(bind: filter.yearEnd) AND v.status NOT IN ('annulee', 'sans_preneur')
        """
    }

    func vacancyCounts() async throws -> [VacancyCounts] {
        try await sql.raw(
            "SELECT v.organisation_id AS bailleur, COUNT(*) AS total, "
                + "SUM(CASE WHEN \(contingent) THEN 1 ELSE 0 END) AS delivered " + vacanciesFrom
                + " GROUP BY v.organisation_id"
        ).all(decoding: VacancyCounts.self)
    }

    /// Leases signed in the year on dwellings of the contingent (an attribution followed by a
    /// signed lease, as the law counts them). `CROSS JOIN` keeps SQLite on the year's leases
    /// (`offers_lease_signed`) rather than on every vacancy of the territory: 0.13 s → 0.016 s
    /// at 100,000 vacancies (docs/PERFORMANCE.md); PostgreSQL plans it as an inner join.
    func attributionCounts(firstQuartileBelow threshold: Int?) async throws -> AttributionCounts {
        let outside: SQLQueryString = "re.qpv = \(bind: false)"
        let quartile: SQLQueryString =
            threshold.map {
                "SUM(CASE WHEN \(outside) AND h.income_rfr IS NOT NULL AND \(ObservatoryQueries.incomePerUnit) < \(bind: $0) THEN 1 ELSE 0 END)"
            } ?? "0"
        let query: SQLQueryString = """
            SELECT COUNT(*) AS n, \
            SUM(CASE WHEN h.priorities IS NOT NULL AND h.priorities <> '' THEN 1 ELSE 0 END) AS priority, \
            SUM(CASE WHEN \(outside) THEN 1 ELSE 0 END) AS outside, \(quartile) AS quartile \
            FROM offers o CROSS JOIN vacancies v CROSS JOIN dwellings d \
            JOIN residences re ON re.id = d.residence_id JOIN housing_requests h ON h.id = o.request_id \
            WHERE v.id = o.vacancy_id AND d.id = v.dwelling_id \
            AND v.territory_id = \(bind: record.$territory.id) AND o.lease_signed_on >= \(bind: filter.yearStart) \
            AND o.lease_signed_on < \(bind: filter.yearEnd) AND \(contingent)
            """
        return try await sql.raw(query).first(decoding: AttributionCounts.self)
            ?? AttributionCounts(n: 0, priority: 0, outside: 0, quartile: 0)
    }

    func report() async throws -> ReservataireReport {
        let holder = try record.holder()
        let shares = try await FluxShareRecord.query(on: db).filter(\.$reservataire.$id == (try record.requireID()))
            .filter(\.$year == filter.year).with(\.$bailleur).all()
        let counts = Dictionary(try await vacancyCounts().map { ($0.bailleur, $0) }, uniquingKeysWith: { a, _ in a })
        var bailleurs = Dictionary(shares.map { ($0.$bailleur.id, $0.bailleur.name) }, uniquingKeysWith: { a, _ in a })
        let deliveredElsewhere = counts.values.filter { ($0.delivered ?? 0) > 0 && bailleurs[$0.bailleur] == nil }
        for count in deliveredElsewhere {
            bailleurs[count.bailleur] = try await Organisation.find(count.bailleur, on: db)?.name ?? "—"
        }
        let flux = bailleurs.map { id, name in
            let share = shares.first { $0.$bailleur.id == id }
            return Self.fluxRow(bailleur: name, share: share, counts: counts[id])
        }.sorted { $0.bailleur < $1.bailleur }
        let thresholds = try await ObservatoryQueries(sql: sql, filter: filter).quartileThresholds()
        let attributions = try await attributionCounts(firstQuartileBelow: thresholds?.first)
        let commune = try await record.$commune.get(on: db)
        let territory = try await record.$territory.get(on: db)
        return ReservataireReport(
            reservataire: .init(
                id: try record.requireID(), name: record.name, kind: record.kind, kindLabel: holder.label,
                territory: territory.slug, commune: commune?.inseeCode),
            year: filter.year, flux: flux, fluxTotal: Self.total(flux),
            quotas: Self.quotas(holder, attributions, quartileKnown: thresholds != nil))
    }

    static func fluxRow(bailleur: String, share: FluxShareRecord?, counts: VacancyCounts?) -> ReservataireReport.FluxRow
    {
        let vacancies = counts?.total ?? 0
        let delivered = counts?.delivered ?? 0
        let agreed = share.map { FluxShare(basisPoints: $0.shareBasisPoints) }
        let agents = share?.publicAgentsBasisPoints.map(FluxShare.init(basisPoints:))
        let due = agreed?.vacanciesDue(outOf: vacancies) ?? 0
        return ReservataireReport.FluxRow(
            bailleur: bailleur, sharePercent: agreed.map { Double($0.basisPoints) / 100 },
            publicAgentsPercent: agents.map { Double($0.basisPoints) / 100 }, bailleurVacancies: vacancies,
            vacanciesDue: due, publicAgentsDue: agents?.vacanciesDue(outOf: vacancies),
            vacanciesDelivered: delivered, gap: delivered - due)
    }

    static func total(_ rows: [ReservataireReport.FluxRow]) -> ReservataireReport.FluxRow {
        let agentsDue = rows.compactMap(\.publicAgentsDue)
        let due = rows.map(\.vacanciesDue).reduce(0, +)
        let delivered = rows.map(\.vacanciesDelivered).reduce(0, +)
        return ReservataireReport.FluxRow(
            bailleur: "Total", sharePercent: nil, publicAgentsPercent: nil,
            bailleurVacancies: rows.map(\.bailleurVacancies).reduce(0, +), vacanciesDue: due,
            publicAgentsDue: agentsDue.isEmpty ? nil : agentsDue.reduce(0, +), vacanciesDelivered: delivered,
            gap: delivered - due)
    }

    static func quotas(
        _ holder: Reservataire, _ counts: AttributionCounts, quartileKnown: Bool
    ) -> [ReservataireReport.Quota] {
        let priority = counts.priority ?? 0
        let priorityCheck = AttributionQuotas.priorityPublics(for: holder, count: priority, total: counts.n)
        let outside = counts.outside ?? 0
        let quartileCheck = AttributionQuotas.firstQuartileOutsideQPV(count: counts.quartile ?? 0, total: outside)
        return [
            ReservataireReport.Quota(
                code: "priority", label: "Attributions aux publics prioritaires (DALO, CCH L441-1)",
                count: priority, total: counts.n,
                sharePercent: QuotaCheck(count: priority, total: counts.n, minimumPercent: 0).sharePercent,
                minimumPercent: priorityCheck?.minimumPercent, met: priorityCheck?.isMet,
                shortfall: priorityCheck?.shortfall,
                note: priorityCheck == nil
                    ? "Le contingent de l’État est destiné aux publics prioritaires : pas de minimum de 25 %." : nil),
            ReservataireReport.Quota(
                code: "first_quartile_outside_qpv",
                label: "Attributions hors QPV au premier quartile de revenus",
                count: quartileKnown ? quartileCheck.count : nil,
                total: outside, sharePercent: quartileKnown ? quartileCheck.sharePercent : nil,
                minimumPercent: quartileCheck.minimumPercent, met: quartileKnown ? quartileCheck.isMet : nil,
                shortfall: quartileKnown ? quartileCheck.shortfall : nil,
                note: quartileKnown
                    ? nil : "Seuil du premier quartile inconnu : moins de 4 demandes en attente aux revenus connus."),
        ]
    }
}
