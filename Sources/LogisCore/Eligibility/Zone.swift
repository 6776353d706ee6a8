/// The geographic zones of the ceilings (arrêté du 29 juillet 1987).
public enum Zone: Int, CodedEnum {
    /// Paris et communes limitrophes.
    case paris
    /// Île-de-France hors Paris et communes limitrophes.
    case idf
    /// Autres régions (both seed territories: Gard and Pas-de-Calais).
    case autresRegions

    public var code: String {
        switch self {
        case .paris: "paris"
        case .idf: "idf"
        case .autresRegions: "autres-regions"
        }
    }

    public var label: String {
        switch self {
        case .paris: "Paris et communes limitrophes"
        case .idf: "Île-de-France hors Paris"
        case .autresRegions: "autres régions"
        }
    }
}
