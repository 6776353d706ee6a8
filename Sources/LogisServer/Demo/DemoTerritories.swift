/// The two territories of the seeds, as printed there (seed 000: Libercourt; seed 003: Petite Camargue).
/// Where a seed is silent (e.g. the Libercourt desk's street address or hours) the field stays empty
/// rather than invented. Desk codes are Logis demo codes for the NUD, not official SNE codes.
enum DemoTerritories {
    struct Desk {
        let kind: Guichet.Kind
        let name: String
        let street: String?
        let postalCode: String?
        let city: String
        let email: String?
        let phone: String?
        let hours: String?
        let deskCode: String?
        let notes: String?
    }

    struct Partner {
        let kind: Organisation.Kind
        let name: String
        let address: String?
        let phone: String?
        let website: String?
        let notes: String?
    }

    struct Place {
        let slug: String
        let name: String
        let epciName: String
        let departement: String
        let zone: String
        let summary: String
        let phone: String?
        let website: String?
        let cotationGrid: String
        let communes: [(name: String, postalCode: String)]
        let desks: [Desk]
        let partners: [Partner]
    }

    static let onAppointment = "Accueil du public uniquement sur rendez-vous."

    static let libercourt = Place(
        slug: "libercourt", name: "Libercourt", epciName: "Communauté d’agglomération d’Hénin-Carvin",
        departement: "062", zone: "autres-regions",
        summary:
            "Depuis le 20 juin 2022, la mairie de Libercourt est guichet enregistreur de la demande de logement social. "
            + "Le Pôle Habitat reçoit les demandes des Libercourtois comme des personnes extérieures, à la Maison des "
            + "droits et des solidarités. Les attributions sont prononcées par la commission d’attribution (CAL) du "
            + "bailleur : six membres désignés par son conseil d’administration, le préfet, le président de la CAHC et "
            + "le maire de Libercourt (ou leurs représentants), avec un représentant des organismes agréés pour "
            + "l’accompagnement des ménages et le réservataire Action Logement.",
        phone: "03 21 18 64 01", website: nil, cotationGrid: "exemple-lyon",
        communes: [("Libercourt", "62820")],
        desks: [
            Desk(
                kind: .enregistrement,
                name: "Mairie de Libercourt – Pôle Habitat (Maison des droits et des solidarités)",
                street: nil, postalCode: "62820", city: "Libercourt", email: "logement@libercourt.fr",
                phone: "03 21 18 64 01", hours: nil, deskCode: "LIBPH",
                notes: "Point d’accès au droit. Formulaires Cerfa disponibles à l’accueil de la Maison des droits.")
        ],
        partners: [])

    static let petiteCamargue = Place(
        slug: "petite-camargue", name: "Communauté de communes de Petite Camargue",
        epciName: "Communauté de communes de Petite Camargue", departement: "030", zone: "autres-regions",
        summary:
            "1 386 logements sociaux sur cinq communes ; environ 105 attributions par an pour 500 demandes, soit "
            + "5 demandes pour 1 logement. La Communauté de communes a créé une Conférence intercommunale du logement "
            + "et un guichet unique d’enregistrement de la demande.",
        phone: "04 66 51 19 20", website: "https://www.petitecamargue.fr", cotationGrid: "petite-camargue",
        communes: [
            ("Aimargues", "30470"), ("Aubord", "30620"), ("Beauvoisin", "30640"), ("Le Cailar", "30740"),
            ("Vauvert", "30600"),
        ],
        desks: [
            Desk(
                kind: .accueil, name: "CCAS d’Aimargues", street: "2 rue Entre-Vignes", postalCode: "30470",
                city: "Aimargues", email: "ccas@aimargues.fr", phone: "04 66 73 12 19", hours: nil, deskCode: nil,
                notes: nil),
            Desk(
                kind: .accueil, name: "Mairie d’Aubord", street: "1 place de la Mairie", postalCode: "30620",
                city: "Aubord", email: "accueil@aubord.fr", phone: "04 66 71 12 65", hours: nil, deskCode: nil,
                notes: nil),
            Desk(
                kind: .accueil, name: "CCAS de Beauvoisin", street: "Rue de la Mairie", postalCode: "30640",
                city: "Beauvoisin", email: "ccas.beauvoisin@gmail.com", phone: "04 66 01 76 98", hours: nil,
                deskCode: nil, notes: nil),
            Desk(
                kind: .accueil, name: "Mairie du Cailar", street: "1 place Ledru Rollin", postalCode: "30740",
                city: "Le Cailar", email: "accueil@communelecailar.fr", phone: "04 66 88 01 05", hours: nil,
                deskCode: nil, notes: nil),
            Desk(
                kind: .accueil, name: "CCAS de Vauvert", street: "168 rue Montcalm", postalCode: "30600",
                city: "Vauvert", email: "ccas@vauvert.fr", phone: "04 66 73 17 80", hours: nil, deskCode: nil,
                notes: nil),
            Desk(
                kind: .enregistrement, name: "France Services Petite Camargue", street: "261 rue du Mail",
                postalCode: "30600", city: "Vauvert", email: "france-services@cc-petitecamargue.fr",
                phone: "09 70 72 48 11", hours: onAppointment, deskCode: "FSPCV", notes: nil),
            Desk(
                kind: .enregistrement, name: "CCAS de Vauvert", street: "168 rue Montcalm", postalCode: "30600",
                city: "Vauvert", email: "ccas@vauvert.fr", phone: "04 66 73 17 80", hours: onAppointment,
                deskCode: "CCVAU", notes: nil),
            Desk(
                kind: .enregistrement, name: "Agence du bailleur SEMIGA", street: "240 chemin de la Tour de l’Évêque",
                postalCode: "30000", city: "Nîmes", email: nil, phone: "04 66 04 72 30", hours: onAppointment,
                deskCode: "SEMIG", notes: nil),
            Desk(
                kind: .enregistrement, name: "Agence du bailleur Un Toit Pour Tous",
                street: "110 avenue du Pont Juvénal", postalCode: "34000", city: "Montpellier", email: nil,
                phone: "04 30 06 10 00", hours: onAppointment, deskCode: "UTPT3", notes: nil),
            Desk(
                kind: .enregistrement, name: "Agence du bailleur Habitat du Gard", street: "92 bis avenue Jean Jaurès",
                postalCode: "30000", city: "Nîmes", email: nil, phone: "04 66 62 81 00", hours: onAppointment,
                deskCode: "HDGAR", notes: nil),
        ],
        partners: [
            Partner(
                kind: .bailleur, name: "SEMIGA", address: "240 chemin de la Tour de l’Évêque, 30000 Nîmes",
                phone: "04 66 04 72 30", website: nil, notes: nil),
            Partner(
                kind: .bailleur, name: "Un Toit Pour Tous", address: "110 avenue du Pont Juvénal, 34000 Montpellier",
                phone: "04 30 06 10 00", website: nil, notes: nil),
            Partner(
                kind: .bailleur, name: "Habitat du Gard", address: "92 bis avenue Jean Jaurès, 30000 Nîmes",
                phone: "04 66 62 81 00", website: nil, notes: nil),
            Partner(
                kind: .reservataire, name: "Action Logement", address: "102 allée de l’Amérique Latine, 30900 Nîmes",
                phone: "05 61 14 52 52", website: "https://www.actionlogement.fr",
                notes:
                    "Pour les salariés d’une entreprise du secteur privé de plus de 10 salariés. Accueil physique sur "
                    + "rendez-vous."),
        ])

    static let all = [libercourt, petiteCamargue]
}
