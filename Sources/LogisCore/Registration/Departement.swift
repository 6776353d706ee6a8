import Foundation

/// French départements as they appear in the NUD: three characters, zero-padded INSEE code
/// (`030` Gard, `062` Pas-de-Calais, `02A`/`02B` Corse, `971`–`976` outre-mer).
public enum Departement {
    /// Normalises a typed code to its three characters: "30" → "030", "2a" → "02A", "971" → "971".
    /// Returns nil when the text cannot be a département code (not whether it is a known one).
    public static func normalize(_ text: String) -> String? {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard (1...3).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) else {
            return nil
        }
        if code == "2A" || code == "2B" { return "0" + code }
        if code == "02A" || code == "02B" { return code }
        guard code.allSatisfy(\.isNumber) else { return nil }
        return String(repeating: "0", count: 3 - code.count) + code
    }

    /// The name of a known département, from its three-character code.
    public static func name(of code: String) -> String? {
        names[code]
    }

    /// How a page names it: « Gard (30) », « Corse-du-Sud (2A) », « Guadeloupe (971) », from the
    /// stored `030`; a code that is not a known département is shown as given rather than guessed.
    public static func label(of code: String) -> String {
        guard let normalized = normalize(code), let name = names[normalized] else { return code }
        let short = normalized.hasPrefix("0") ? String(normalized.dropFirst()) : normalized
        return "\(name) (\(short))"
    }

    public static func isKnown(_ code: String) -> Bool {
        names[code] != nil
    }

    // INSEE code officiel géographique: 96 départements of metropolitan France and 5 of outre-mer.
    static let names: [String: String] = [
        "001": "Ain", "002": "Aisne", "003": "Allier", "004": "Alpes-de-Haute-Provence",
        "005": "Hautes-Alpes", "006": "Alpes-Maritimes", "007": "Ardèche", "008": "Ardennes",
        "009": "Ariège", "010": "Aube", "011": "Aude", "012": "Aveyron", "013": "Bouches-du-Rhône",
        "014": "Calvados", "015": "Cantal", "016": "Charente", "017": "Charente-Maritime", "018": "Cher",
        "019": "Corrèze", "02A": "Corse-du-Sud", "02B": "Haute-Corse", "021": "Côte-d'Or",
        "022": "Côtes-d'Armor", "023": "Creuse", "024": "Dordogne", "025": "Doubs", "026": "Drôme",
        "027": "Eure", "028": "Eure-et-Loir", "029": "Finistère", "030": "Gard", "031": "Haute-Garonne",
        "032": "Gers", "033": "Gironde", "034": "Hérault", "035": "Ille-et-Vilaine", "036": "Indre",
        "037": "Indre-et-Loire", "038": "Isère", "039": "Jura", "040": "Landes", "041": "Loir-et-Cher",
        "042": "Loire", "043": "Haute-Loire", "044": "Loire-Atlantique", "045": "Loiret", "046": "Lot",
        "047": "Lot-et-Garonne", "048": "Lozère", "049": "Maine-et-Loire", "050": "Manche", "051": "Marne",
        "052": "Haute-Marne", "053": "Mayenne", "054": "Meurthe-et-Moselle", "055": "Meuse",
        "056": "Morbihan", "057": "Moselle", "058": "Nièvre", "059": "Nord", "060": "Oise", "061": "Orne",
        "062": "Pas-de-Calais", "063": "Puy-de-Dôme", "064": "Pyrénées-Atlantiques",
        "065": "Hautes-Pyrénées", "066": "Pyrénées-Orientales", "067": "Bas-Rhin", "068": "Haut-Rhin",
        "069": "Rhône", "070": "Haute-Saône", "071": "Saône-et-Loire", "072": "Sarthe", "073": "Savoie",
        "074": "Haute-Savoie", "075": "Paris", "076": "Seine-Maritime", "077": "Seine-et-Marne",
        "078": "Yvelines", "079": "Deux-Sèvres", "080": "Somme", "081": "Tarn", "082": "Tarn-et-Garonne",
        "083": "Var", "084": "Vaucluse", "085": "Vendée", "086": "Vienne", "087": "Haute-Vienne",
        "088": "Vosges", "089": "Yonne", "090": "Territoire de Belfort", "091": "Essonne",
        "092": "Hauts-de-Seine", "093": "Seine-Saint-Denis", "094": "Val-de-Marne", "095": "Val-d'Oise",
        "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte",
    ]
}
