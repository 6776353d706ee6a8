import LogisCore

extension RequestForm {
    /// The motifs of the request, read strictly (`unknown_code` for a code the vocabulary does
    /// not know): the one reading the checklist and the cotation share.
    func storedMotifs() throws(RuleError) -> [Motif] {
        var motifs: [Motif] = []
        for code in reasons?.motifs ?? [] {
            if let motif = try StoredCode.read(code, field: "motif de la demande", as: Motif.self) {
                motifs.append(motif)
            }
        }
        return motifs
    }

    /// The current housing status, nil while unanswered; an unknown code throws.
    func storedHousingStatus() throws(RuleError) -> HousingStatus? {
        try StoredCode.read(housing?.status ?? "", field: "logement actuel")
    }
}
