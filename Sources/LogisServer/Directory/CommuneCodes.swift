/// INSEE codes (code officiel géographique) of the communes Logis ships as demo data. A commune
/// is referenced by this code in the stock and the ranking table, never by its name, which two
/// territories may share.
enum CommuneCodes {
    /// Keyed by « name|postal code ». Source: INSEE, code officiel géographique 2025.
    static let known: [String: String] = [
        "Libercourt|62820": "62907",
        "Aimargues|30470": "30006",
        "Aubord|30620": "30020",
        "Beauvoisin|30640": "30033",
        "Le Cailar|30740": "30059",
        "Vauvert|30600": "30341",
    ]

    static func code(name: String, postalCode: String) -> String? {
        known["\(name)|\(postalCode)"]
    }
}
