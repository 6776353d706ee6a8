@testable import LogisServer

/// The INSEE code of a demo commune, by its name: tests read « Vauvert » where the form sends 30341.
enum DemoCommune {
    static func code(_ name: String) -> String {
        guard let entry = CommuneCodes.known.first(where: { $0.key.hasPrefix("\(name)|") }) else {
            preconditionFailure("\(name) is not a demo commune")
        }
        return entry.value
    }
}
