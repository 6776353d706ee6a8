import Foundation

/// Every ceilings table Logis knows: the files bundled with LogisCore, plus those an
/// administrator imported into a data directory (which win for the same year and zone).
public struct CeilingsCatalog: Sendable {
    private struct Key: Hashable {
        let year: Int
        let zone: Zone
    }

    private let schedules: [Key: CeilingSchedule]

    /// A catalog of the given schedules; a later one replaces an earlier one of the same year and zone.
    public init(_ schedules: [CeilingSchedule]) {
        var byKey: [Key: CeilingSchedule] = [:]
        for schedule in schedules { byKey[Key(year: schedule.year, zone: schedule.zone)] = schedule }
        self.schedules = byKey
    }

    /// The bundled tables, loaded once. Empty only if a bundled file is broken, which the test
    /// suite rules out; call `load(extraDirectory:)` to get the error itself.
    public static let bundled: CeilingsCatalog = (try? load(extraDirectory: nil)) ?? CeilingsCatalog([])

    /// The default data directory of imported tables, relative to the working directory.
    public static let defaultDataDirectory = "var/rules/ceilings"

    /// Loads the bundled tables, then the `*.json` tables of `extraDirectory` (if given and
    /// present), which replace bundled ones of the same year and zone.
    public static func load(extraDirectory: URL?) throws(RuleError) -> CeilingsCatalog {
        var schedules: [CeilingSchedule] = []
        guard let bundled = Bundle.module.url(forResource: "ceilings", withExtension: nil) else {
            throw RuleError(
                code: "ceilings_unavailable", message: "Les tables de plafonds intégrées sont introuvables.")
        }
        schedules += try loadDirectory(bundled)
        if let extraDirectory {
            schedules += try loadDirectory(extraDirectory)
        }
        return CeilingsCatalog(schedules)
    }

    /// Reads and validates every `*.json` table of a directory (none if it does not exist).
    static func loadDirectory(_ directory: URL) throws(RuleError) -> [CeilingSchedule] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return []
        }
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw RuleError(code: "io_error", message: "Lecture impossible du dossier \(directory.path).")
        }
        var schedules: [CeilingSchedule] = []
        var seen: [Key: String] = [:]
        for name in names.sorted() where name.hasSuffix(".json") {
            let url = directory.appendingPathComponent(name)
            let file: CeilingsFile
            do {
                file = try CeilingsFile.validated(from: try Data(contentsOf: url))
            } catch let error as RuleError {
                throw RuleError(code: error.code, message: "\(name) : \(error.message)")
            } catch {
                throw RuleError(code: "io_error", message: "Lecture impossible de \(url.path).")
            }
            let key = Key(year: file.year, zone: file.zone)
            if let other = seen[key] {
                throw RuleError(
                    code: "invalid_ceilings_file",
                    message:
                        "\(other) et \(name) donnent tous deux les plafonds \(file.year) de la zone « \(file.zone.label) »."
                )
            }
            seen[key] = name
            schedules.append(CeilingSchedule(file: file))
        }
        return schedules
    }

    /// The schedule of a year and zone, or `ceilings_unavailable` (never a neighbouring year).
    public func schedule(year: Int, zone: Zone) throws(RuleError) -> CeilingSchedule {
        guard let schedule = schedules[Key(year: year, zone: zone)] else {
            throw RuleError(
                code: "ceilings_unavailable",
                message: "Plafonds \(year) non disponibles pour la zone « \(zone.label) »."
            )
        }
        return schedule
    }

    /// All schedules, by year then zone.
    public var all: [CeilingSchedule] {
        schedules.values.sorted { ($0.year, $0.zone.rawValue) < ($1.year, $1.zone.rawValue) }
    }
}
