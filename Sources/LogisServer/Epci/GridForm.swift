import Foundation
import LogisCore

/// The draft's form: for each criterion its points, its cap (criteria counted per child, person
/// or disabled person) and whether it waits for validation; then seniority and refusals. Each
/// problem is written next to its field: the numbers are read here, then the core's checks
/// (`CotationGrid.validate`) are run criterion by criterion so that their message lands on the
/// criterion's own fields.
struct GridForm: Encodable {
    static let limit = 10_000

    struct Row: Encodable {
        let code: String
        let label: String
        let points: String
        let pointsError: String?
        let hasCap: Bool
        let cap: String
        let capError: String?
        let needsValidation: Bool
    }

    struct Number: Encodable {
        let name: String
        let label: String
        let value: String
        let error: String?
        let hint: String?
    }

    let rows: [Row]
    let seniority: [Number]
    let refusals: [Number]
    let hasErrors: Bool

    /// The form filled with a grid's values.
    init(_ grid: CotationGrid) {
        rows = grid.criteria.map {
            Row(
                code: $0.code, label: $0.label, points: String($0.points), pointsError: nil, hasCap: $0.per != nil,
                cap: $0.cap.map(String.init) ?? "", capError: nil, needsValidation: $0.needsValidation)
        }
        seniority = Self.seniorityFields(grid.seniority, values: [:], errors: [:])
        refusals = Self.refusalFields(grid.refusals, values: [:], errors: [:])
        hasErrors = false
    }

    private init(rows: [Row], seniority: [Number], refusals: [Number]) {
        self.rows = rows
        self.seniority = seniority
        self.refusals = refusals
        hasErrors =
            rows.contains { $0.pointsError != nil || $0.capError != nil }
            || (seniority + refusals).contains { $0.error != nil }
    }

    /// Reads a posted form over `base` (the draft as stored): the new grid, or the form to show
    /// again with its errors.
    static func read(_ values: [String: String], over base: CotationGrid) -> Result<CotationGrid, GridFormErrors> {
        var rows: [Row] = []
        var criteria: [CotationCriterion] = []
        for criterion in base.criteria {
            let pointsText = values["points-\(criterion.code)"] ?? ""
            let capText = values["cap-\(criterion.code)"] ?? ""
            let (points, pointsError) = number(pointsText, required: true)
            var cap: Int?
            var capError: String?
            if criterion.per != nil { (cap, capError) = number(capText, required: false) }
            let needsValidation = values["validation-\(criterion.code)"] != nil
            let edited = CotationCriterion(
                code: criterion.code, label: criterion.label, points: points ?? criterion.points, when: criterion.when,
                per: criterion.per, cap: cap, needsValidation: needsValidation)
            if capError == nil, pointsError == nil, let failure = check(base, criteria: [edited]) {
                capError = failure
            }
            criteria.append(edited)
            rows.append(
                Row(
                    code: criterion.code, label: criterion.label, points: pointsText, pointsError: pointsError,
                    hasCap: criterion.per != nil, cap: capText, capError: capError, needsValidation: needsValidation))
        }
        var errors: [String: String] = [:]
        let seniority = base.seniority.map { rule in
            let points = field("seniority-points", values, &errors, required: true)
            let cap = field("seniority-cap", values, &errors, required: false)
            return SeniorityRule(label: rule.label, pointsPerMonth: points ?? rule.pointsPerMonth, cap: cap)
        }
        if errors.isEmpty, let seniority, let failure = check(base, seniority: seniority) {
            errors["seniority-points"] = failure
        }
        let refusals = base.refusals.map { rule in
            RefusalRule(
                label: rule.label, freeRefusals: field("refusals-free", values, &errors, required: true) ?? 0,
                penaltyPerRefusal: field("refusals-penalty", values, &errors, required: true) ?? 0,
                maxPenalty: field("refusals-max", values, &errors, required: false))
        }
        if errors["refusals-free"] == nil, errors["refusals-penalty"] == nil, errors["refusals-max"] == nil,
            let refusals, let failure = check(base, refusals: refusals)
        {
            errors["refusals-penalty"] = failure
        }
        let form = GridForm(
            rows: rows, seniority: seniorityFields(base.seniority, values: values, errors: errors),
            refusals: refusalFields(base.refusals, values: values, errors: errors))
        guard !form.hasErrors else { return .failure(GridFormErrors(form: form)) }
        return .success(
            CotationGrid(
                id: base.id, version: base.version, label: base.label, territory: base.territory,
                effectiveFrom: base.effectiveFrom, source: base.source, criteria: criteria, seniority: seniority,
                refusals: refusals))
    }

    // MARK: Numbers

    private static func number(_ text: String, required: Bool) -> (Int?, String?) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
        if trimmed.isEmpty { return (nil, required ? "Saisissez un nombre de points." : nil) }
        guard let value = Int(trimmed.replacingOccurrences(of: "−", with: "-")), abs(value) <= limit else {
            return (nil, "Saisissez un nombre entier entre -10 000 et 10 000 (par exemple 15).")
        }
        return (value, nil)
    }

    private static func field(
        _ name: String, _ values: [String: String], _ errors: inout [String: String], required: Bool
    ) -> Int? {
        let (value, error) = number(values[name] ?? "", required: required)
        if let error { errors[name] = error }
        return value
    }

    /// The core's message for a grid made of `base` with only these parts, without its prefix.
    private static func check(
        _ base: CotationGrid, criteria: [CotationCriterion] = [], seniority: SeniorityRule? = nil,
        refusals: RefusalRule? = nil
    ) -> String? {
        let probe = CotationGrid(
            id: base.id, version: base.version, label: base.label, territory: base.territory, source: base.source,
            criteria: criteria, seniority: seniority, refusals: refusals)
        do {
            try probe.validate()
            return nil
        } catch {
            let detail = error.message.replacingOccurrences(of: "Grille de cotation invalide : ", with: "")
            return detail.prefix(1).uppercased() + detail.dropFirst()
        }
    }

    private static func seniorityFields(
        _ rule: SeniorityRule?, values: [String: String], errors: [String: String]
    ) -> [Number] {
        guard let rule else { return [] }
        return [
            Number(
                name: "seniority-points", label: "Points par mois d’ancienneté",
                value: values["seniority-points"] ?? String(rule.pointsPerMonth), error: errors["seniority-points"],
                hint: nil),
            Number(
                name: "seniority-cap", label: "Plafond de l’ancienneté (points)",
                value: values["seniority-cap"] ?? rule.cap.map(String.init) ?? "", error: errors["seniority-cap"],
                hint: "Laissez vide pour ne pas plafonner."),
        ]
    }

    private static func refusalFields(
        _ rule: RefusalRule?, values: [String: String], errors: [String: String]
    )
        -> [Number]
    {
        guard let rule else { return [] }
        return [
            Number(
                name: "refusals-free", label: "Refus sans pénalité",
                value: values["refusals-free"] ?? String(rule.freeRefusals),
                error: errors["refusals-free"], hint: nil),
            Number(
                name: "refusals-penalty", label: "Points retirés par refus suivant",
                value: values["refusals-penalty"] ?? String(rule.penaltyPerRefusal), error: errors["refusals-penalty"],
                hint: "Un nombre positif : il est retranché."),
            Number(
                name: "refusals-max", label: "Pénalité maximale (points)",
                value: values["refusals-max"] ?? rule.maxPenalty.map(String.init) ?? "", error: errors["refusals-max"],
                hint: "Laissez vide pour ne pas plafonner."),
        ]
    }
}

struct GridFormErrors: Error {
    let form: GridForm
}
