/// The demo applicant's answers: a family of four, renting privately in Vauvert.
enum DemoApplicant {
    enum Verdict {
        case pending
        case validated
        case refused(RequestDocument.RefusalReason, String)
    }

    static let steps: [(String, [String: String])] = [
        (
            "demandeur",
            [
                "lastName": "Démo", "firstName": "Camille", "birthDate": "1989-05-17", "nationality": "fr",
                "maritalStatus": "pacse", "street": "12 rue Victor Hugo", "postalCode": "30600", "city": "Vauvert",
                "email": "demandeur@demo.logis.fr",
            ]
        ),
        (
            "co-demandeur",
            [
                "present": "on", "lastName": "Démo", "firstName": "Sacha", "birthDate": "1987-11-02",
                "nationality": "eu", "relationship": "pacs",
            ]
        ),
        (
            "personnes",
            [
                "p1_firstName": "Lina", "p1_birthDate": "2015-03-08", "p1_relationship": "enfant",
                "p2_firstName": "Malo", "p2_birthDate": "2019-09-21", "p2_relationship": "enfant",
            ]
        ),
        ("situation-professionnelle", ["applicantSituation": "cdd", "coApplicantSituation": "cdi"]),
        ("ressources", ["applicantMonthlyIncome": "1280", "coApplicantMonthlyIncome": "1390", "taxIncomeN2": "27400"]),
        ("logement-actuel", ["status": "locataire_prive", "monthlyRent": "820", "surface": "52"]),
        ("motifs", ["motif1": "logement_trop_petit", "motif2": "logement_trop_cher"]),
        (
            "logement-recherche",
            ["typology_T3": "on", "typology_T4": "on", "commune1": "30341", "commune2": "30033"]
        ),
        ("handicap-dalo", ["disabledPersons": "0"]),
    ]

    static let pieces: [(String, Verdict)] = [
        ("piece_identite@0", .validated),
        ("piece_identite@1", .validated),
        (
            "quittance_loyer",
            .refused(.obsolete, "La quittance date de plus de trois mois : merci de déposer la dernière reçue.")
        ),
    ]
}
