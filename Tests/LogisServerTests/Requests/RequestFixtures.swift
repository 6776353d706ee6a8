import Foundation

/// A family of four wishing to live in Vauvert: the answers of each wizard step.
enum FamilyInVauvert {
    static let steps: [(slug: String, fields: [String: String])] = [
        (
            "demandeur",
            [
                "lastName": "Martin", "firstName": "Léa", "birthDate": "1990-04-12", "nationality": "fr",
                "maritalStatus": "marie", "street": "3 rue des Arènes", "postalCode": "30600", "city": "Vauvert",
                "phone": "0600000000", "email": "lea.martin@exemple.fr",
            ]
        ),
        (
            "co-demandeur",
            [
                "present": "on", "lastName": "Martin", "firstName": "Hugo", "birthDate": "1988-09-30",
                "nationality": "fr", "relationship": "conjoint",
            ]
        ),
        (
            "personnes",
            [
                "p1_firstName": "Jade", "p1_birthDate": "2016-02-01", "p1_relationship": "enfant",
                "p2_firstName": "Noé", "p2_birthDate": "2019-07-15", "p2_relationship": "enfant",
            ]
        ),
        ("situation-professionnelle", ["applicantSituation": "cdi", "coApplicantSituation": "interim"]),
        (
            "ressources",
            ["applicantMonthlyIncome": "1450", "coApplicantMonthlyIncome": "900", "taxIncomeN2": "26500"]
        ),
        ("logement-actuel", ["status": "locataire_prive", "monthlyRent": "780", "surface": "48"]),
        ("motifs", ["motif1": "logement_trop_petit", "motif2": "logement_trop_cher"]),
        (
            "logement-recherche",
            ["typology_T3": "on", "typology_T4": "on", "commune1": "30341", "commune2": "30006"]
        ),
        ("handicap-dalo", ["disabledPersons": "0"]),
    ]
}
