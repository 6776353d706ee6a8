import Fluent
import LogisCore
import Vapor

/// Demo housing stock for both seed territories. Seed 003 names the bailleurs of Petite Camargue
/// (SEMIGA, Un Toit Pour Tous, Habitat du Gard), its five communes and its 1,386 social dwellings,
/// but not which résidence is where: every résidence below is invented and says so in its name.
/// Seed 000 names no bailleur for Libercourt: a demo bailleur stands in for it.
enum DemoStock {
    struct DemoResidence {
        let bailleur: String
        let commune: String
        let reference: String
        let name: String
        let address: String
        let qpv: Bool
        /// Typology, financing, floor, contingent: one dwelling each.
        let dwellings: [(Typology, Financing, Int, Reservataire)]
    }

    static let libercourtBailleur = "Bailleur de démonstration (Libercourt)"

    static let residences: [DemoResidence] = [
        DemoResidence(
            bailleur: "SEMIGA", commune: "Vauvert", reference: "VAU-COS", name: "Résidence Les Costières (démo)",
            address: "12 avenue fictive des Costières, 30600 Vauvert", qpv: false,
            dwellings: [
                (.t3, .plus, 0, .commune), (.t3, .plus, 1, .bailleur), (.t2, .plai, 2, .etat),
                (.t4, .plus, 1, .actionLogement), (.t3, .pls, 3, .bailleur), (.t1, .plai, 0, .bailleur),
            ]),
        DemoResidence(
            bailleur: "SEMIGA", commune: "Vauvert", reference: "VAU-GAR", name: "Résidence La Garrigue (démo)",
            address: "3 rue fictive de la Garrigue, 30600 Vauvert", qpv: true,
            dwellings: [(.t2, .plus, 0, .bailleur), (.t5, .plus, 1, .etat), (.t4, .plai, 2, .commune)]),
        DemoResidence(
            bailleur: "SEMIGA", commune: "Le Cailar", reference: "CAI-ETA", name: "Résidence Les Étangs (démo)",
            address: "8 chemin fictif des Étangs, 30740 Le Cailar", qpv: false,
            dwellings: [(.t3, .plus, 0, .bailleur), (.t2, .plus, 1, .commune)]),
        DemoResidence(
            bailleur: "Habitat du Gard", commune: "Vauvert", reference: "VAU-MAR",
            name: "Résidence Le Mas des Roseaux (démo)", address: "21 rue fictive des Roseaux, 30600 Vauvert",
            qpv: false,
            dwellings: [(.t3, .plus, 0, .bailleur), (.t4, .plus, 0, .departement), (.t2, .pls, 1, .bailleur)]),
        DemoResidence(
            bailleur: "Habitat du Gard", commune: "Beauvoisin", reference: "BEA-OLI",
            name: "Résidence Les Oliviers (démo)", address: "5 allée fictive des Oliviers, 30640 Beauvoisin",
            qpv: false, dwellings: [(.t3, .plus, 0, .bailleur), (.t2, .plai, 1, .etat)]),
        DemoResidence(
            bailleur: "Un Toit Pour Tous", commune: "Aimargues", reference: "AIM-VIG",
            name: "Résidence Les Vignes (démo)", address: "14 rue fictive des Vignes, 30470 Aimargues", qpv: false,
            dwellings: [(.t3, .plai, 0, .bailleur), (.t4, .plus, 1, .commune), (.t2, .plus, 2, .actionLogement)]),
        DemoResidence(
            bailleur: "Un Toit Pour Tous", commune: "Aubord", reference: "AUB-PIN", name: "Résidence Les Pins (démo)",
            address: "2 impasse fictive des Pins, 30620 Aubord", qpv: false,
            dwellings: [(.t3, .plus, 0, .bailleur), (.t1, .plai, 1, .bailleur)]),
        DemoResidence(
            bailleur: libercourtBailleur, commune: "Libercourt", reference: "LIB-TER",
            name: "Résidence Les Terrils (démo)", address: "7 rue fictive des Terrils, 62820 Libercourt", qpv: true,
            dwellings: [(.t3, .plus, 0, .bailleur), (.t4, .plus, 1, .etat), (.t2, .plai, 2, .actionLogement)]),
    ]

    /// Surface (m²) and rent per m² by typology and financing, of the order of the Gard's social rents.
    static func surface(_ typology: Typology) -> Int { 20 + 15 * typology.rawValue }

    static func rent(_ typology: Typology, _ financing: Financing) -> Int {
        let perSquareMetre: Double =
            switch financing {
            case .plai: 5.2
            case .plus: 5.9
            case .pls: 8.6
            }
        return Int((Double(surface(typology)) * perSquareMetre).rounded())
    }

    static func load(on app: Application) async throws {
        let db = app.db
        try await linkOrganisations(on: db)
        try await DemoCaleol.load(on: db)
        guard try await Residence.query(on: db).count() == 0 else { return }
        try await db.transaction { db in
            for demo in residences {
                guard let commune = try await Commune.query(on: db).filter(\.$name == demo.commune).first(),
                    let organisation = try await Organisation.query(on: db).filter(\.$name == demo.bailleur).first()
                else { continue }
                let residence = Residence(
                    organisationID: try organisation.requireID(), territoryID: commune.$territory.id,
                    communeID: try commune.requireID(), reference: demo.reference, name: demo.name,
                    address: demo.address, qpv: demo.qpv)
                try await residence.create(on: db)
                for (index, (typology, financing, floor, contingent)) in demo.dwellings.enumerated() {
                    let fields = StockDwellingFields(
                        reference: "\(demo.reference)-\(index + 1)", typology: typology, surface: surface(typology),
                        floor: floor, elevator: floor >= 2, accessibility: floor == 0 ? .reachableWithoutStairs : .none,
                        financing: financing, rent: rent(typology, financing), charges: 40 + 10 * typology.rawValue,
                        reservataire: contingent)
                    try await StockDwelling(residence: residence, row: fields).create(on: db)
                }
            }
        }
    }

    /// The demo bailleur works for SEMIGA, the demo réservataire for Action Logement; Libercourt
    /// gets its demo bailleur.
    private static func linkOrganisations(on db: any Database) async throws {
        if let libercourt = try await Territory.query(on: db).filter(\.$slug == DemoTerritories.libercourt.slug)
            .first(),
            try await Organisation.query(on: db).filter(\.$name == libercourtBailleur).count() == 0
        {
            try await Organisation(
                territoryID: try libercourt.requireID(), kind: .bailleur, name: libercourtBailleur, address: nil,
                phone: nil, notes: "Bailleur fictif : la page de Libercourt ne nomme pas ses bailleurs."
            ).create(on: db)
        }
        if let actionLogement = try await Organisation.query(on: db).filter(\.$name == "Action Logement").first(),
            actionLogement.reservataireCode == nil
        {
            actionLogement.reservataireCode = Reservataire.actionLogement.rawValue
            try await actionLogement.save(on: db)
        }
        let links = [
            (DemoData.email(for: .bailleur), "SEMIGA"), (DemoData.email(for: .reservataire), "Action Logement"),
        ]
        for (email, name) in links {
            guard let account = try await Account.query(on: db).filter(\.$email == email).first(),
                account.$organisation.id == nil,
                let organisation = try await Organisation.query(on: db).filter(\.$name == name).first()
            else { continue }
            account.$organisation.id = try organisation.requireID()
            try await account.save(on: db)
        }
    }
}
