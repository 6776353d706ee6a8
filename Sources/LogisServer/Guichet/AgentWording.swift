/// The paper entry speaks to the agent about the applicant (« le demandeur »), while the wizard's
/// checks are written for the applicant (« votre nom »). One table of phrases turns the one into
/// the other, longest first, so the checks stay written once.
enum AgentWording {
    private static let phrases: [(String, String)] = [
        ("Vous vous dites", "Le demandeur se dit"),
        ("avec vous :", "avec le demandeur :"),
        ("vous et votre co-demandeur", "le demandeur et le co-demandeur"),
        ("Vous ne déclarez pas de co-demandeur", "Aucun co-demandeur n’est déclaré"),
        ("la situation de votre co-demandeur", "la situation du co-demandeur"),
        ("ajoutez votre co-demandeur", "ajoutez le co-demandeur"),
        ("votre co-demandeur", "le co-demandeur"),
        ("comme votre enfant", "comme enfant du demandeur"),
        ("votre situation familiale", "la situation familiale du demandeur"),
        ("votre date de naissance", "la date de naissance du demandeur"),
        ("votre titre de séjour", "le titre de séjour du demandeur"),
        ("votre nationalité", "la nationalité du demandeur"),
        ("votre code postal", "le code postal du demandeur"),
        ("votre adresse", "l’adresse du demandeur"),
        ("votre commune", "la commune du demandeur"),
        ("votre prénom", "le prénom du demandeur"),
        ("votre nom", "le nom du demandeur"),
        ("votre lien", "le lien avec le demandeur"),
        ("votre situation", "la situation du demandeur"),
        ("vos revenus mensuels", "les revenus mensuels du demandeur"),
        ("dans vos ressources", "dans les ressources du foyer"),
        ("avant vous", "avant le demandeur"),
    ]

    static func aboutApplicant(_ message: String) -> String {
        phrases.reduce(message) { text, phrase in text.replacingOccurrences(of: phrase.0, with: phrase.1) }
    }

    static func aboutApplicant(_ errors: [String: String]) -> [String: String] {
        errors.mapValues(aboutApplicant)
    }
}
