/// The saved answers of a step as the page's field values, so a draft reopens filled in.
extension WizardStep {
    func values(of form: RequestForm) -> [String: String] {
        switch self {
        case .demandeur: return Self.flatten(form.applicant)
        case .coDemandeur: return Self.flatten(form.coApplicant)
        case .situationProfessionnelle: return Self.flatten(form.employment)
        case .ressources: return Self.flatten(form.resources)
        case .logementActuel: return Self.flatten(form.housing)
        case .handicapDalo: return Self.flatten(form.situation)
        case .personnes:
            var values: [String: String] = [:]
            for (offset, person) in (form.dependents?.people ?? []).enumerated() {
                for (key, value) in Self.flatten(person) { values["p\(offset + 1)_\(key)"] = value }
            }
            if form.dependents?.expectingChild == true { values["expectingChild"] = "on" }
            return values
        case .motifs:
            var values: [String: String] = [:]
            for (offset, motif) in (form.reasons?.motifs ?? []).enumerated() { values["motif\(offset + 1)"] = motif }
            return values
        case .logementRecherche:
            guard let wishes = form.wishes else { return [:] }
            var values = Self.flatten(wishes)
            for typology in wishes.typologies { values["typology_\(typology)"] = "on" }
            for (offset, commune) in wishes.communeCodes.enumerated() { values["commune\(offset + 1)"] = commune }
            return values
        }
    }

    /// Booleans become "on" (a ticked box) or are left out; numbers and text become text.
    private static func flatten<T>(_ value: T?) -> [String: String] {
        guard let value else { return [:] }
        var values: [String: String] = [:]
        for child in Mirror(reflecting: value).children {
            guard let key = child.label else { continue }
            switch child.value {
            case let flag as Bool: if flag { values[key] = "on" }
            case let number as Int: values[key] = String(number)
            case let text as String: values[key] = text
            default: continue
            }
        }
        return values
    }
}
