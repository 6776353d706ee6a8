/// The timeline's lines about a piece name the person it is about: a household of four has four
/// identity pieces, and « Pièce refusée : pièce d’identité » does not say whose to send again.
enum PieceHistory {
    static func line(_ event: String, label: String, piece: String, in form: RequestForm) -> String {
        guard let person = form.personFullName(ofPiece: piece) else { return "\(event) : \(label)." }
        return "\(event) pour \(person) : \(label)."
    }
}

extension RequestForm {
    /// The person a piece keyed `code@N` is about (Cerfa order, as `personNames`); nil for a piece of
    /// the household. Persons other than the couple are known by their first name only.
    func personFullName(ofPiece key: String) -> String? {
        guard let at = key.lastIndex(of: "@"), let index = Int(key[key.index(after: at)...]) else { return nil }
        var names: [String] = []
        if let applicant { names.append("\(applicant.firstName) \(applicant.lastName)") }
        if let co = coApplicant, co.present { names.append("\(co.firstName) \(co.lastName)") }
        names += (dependents?.people ?? []).map(\.firstName)
        guard names.indices.contains(index) else { return nil }
        let name = names[index].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? nil : name
    }
}
