import Foundation
import LogisCore
import LogisRulesCLI
import Testing

/// Runs `logis rules …` and parses its JSON output.
func rules(_ arguments: String...) throws -> (exitCode: Int32, json: [String: Any]) {
    let result = RulesCommandLine.execute(arguments)
    let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    return (result.exitCode, try #require(object as? [String: Any]))
}

/// The `error.code` of an error output.
func errorCode(_ json: [String: Any]) -> String? {
    (json["error"] as? [String: Any])?["code"] as? String
}

@Suite("logis rules … (JSON on stdout, exit 0 / 2)", .serialized)
struct RulesCommandLineTests {
    /// A data directory that exists nowhere: only bundled tables are used.
    let noData = "--data-dir=/nonexistent/logis-tests"

    @Test("eligibility: category, ceilings, eligible, margins, explanation")
    func eligibility() throws {
        let (code, json) = try rules(
            "eligibility", "--year", "2024", "--zone", "autres-regions", "--persons", "3", "--income", "30000", noData)
        #expect(code == 0)
        #expect(json["category"] as? Int == 3)
        #expect(json["categoryReason"] as? String == "3 personnes")
        #expect(json["ceilings"] as? [String: Int] == ["plai": 21_818, "plus": 36_362, "pls": 47_271])
        #expect(json["eligible"] as? [String: Bool] == ["plai": false, "plus": true, "pls": true])
        #expect(json["margins"] as? [String: Int] == ["plai": -8_182, "plus": 6_362, "pls": 17_271])
        #expect(json["missing"] as? [String] == [])
        #expect(json["year"] as? Int == 2024)
        #expect(json["zone"] as? String == "autres-regions")
        #expect((json["explanation"] as? String)?.isEmpty == false)
    }

    @Test("eligibility with a missing PLAI table: null in both maps and listed in missing")
    func eligibilityMissingPLAI() throws {
        let (code, json) = try rules(
            "eligibility", "--year", "2025", "--zone", "idf", "--persons", "2", "--couple-ages", "30,28",
            "--disabled", "1", "--dependents", "0", "--income", "40000", noData)
        #expect(code == 0)
        #expect(json["missing"] as? [String] == ["plai"])
        let ceilings = try #require(json["ceilings"] as? [String: Any])
        #expect(ceilings["plai"] is NSNull)
        #expect((json["eligible"] as? [String: Any])?["plai"] is NSNull)
        #expect(ceilings["plus"] as? Int == 47_944)
    }

    @Test("The CLI prints exactly the bytes the server will send")
    func sameBytesAsCore() throws {
        let parameters = ["year": "2026", "zone": "paris", "persons": "4", "dependents": "2", "income": "52000"]
        let report = try CeilingsCatalog.bundled.evaluate(try EligibilityQuery(parameters: parameters))
        let output = RulesCommandLine.execute(
            ["eligibility", noData] + parameters.sorted { $0.key < $1.key }.flatMap { ["--\($0.key)", $0.value] })
        #expect(output.output == RuleJSON.string(report) + "\n")
    }

    static let badInputs: [([String], String)] = [
        (["frobnicate"], "unknown_command"),
        (["eligibility", "--year", "2024", "--zone", "idf", "--persons", "1"], "missing_parameter"),
        (
            ["eligibility", "--year", "2024", "--zone", "idf", "--persons", "1", "--income", "beaucoup"],
            "invalid_parameter"
        ),
        (["eligibility", "--year", "2024", "--zone", "nord", "--persons", "1", "--income", "1"], "invalid_parameter"),
        (
            ["eligibility", "--year", "2024", "--zone", "idf", "--persons", "1", "--income", "1", "--colour", "red"],
            "unknown_option"
        ),
        (["eligibility", "--year", "2024", "--zone", "idf", "--persons", "1", "--income"], "missing_parameter"),
        (
            ["eligibility", "--year", "2027", "--zone", "autres-regions", "--persons", "1", "--income", "1"],
            "ceilings_unavailable"
        ),
        (["ceilings", "--year", "2021", "--zone", "idf"], "ceilings_unavailable"),
        (["typology", "--children", "2"], "missing_parameter"),
        (["typology", "--adults", "2", "--dwelling", "T9"], "invalid_parameter"),
        (["nud", "--validate", "1111023517879GDPU"], "invalid_nud"),
        (["nud"], "missing_parameter"),
        (["renewal", "--registered", "2025-02-30"], "invalid_parameter"),
        (["offer-deadline"], "missing_parameter"),
        (["cotation", "--grid", "nowhere", "--facts", "x.json"], "grid_unavailable"),
    ]

    @Test("Bad input: error JSON on stdout and exit code 2", arguments: badInputs)
    func badInput(_ arguments: [String], _ code: String) throws {
        let result = RulesCommandLine.execute(arguments)
        #expect(result.exitCode == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(errorCode(json) == code)
        #expect(((json["error"] as? [String: Any])?["message"] as? String)?.isEmpty == false)
    }

    @Test("The 2027 message names the year and the zone")
    func unavailableMessage() {
        let result = RulesCommandLine.execute(
            ["eligibility", "--year", "2027", "--zone", "autres-regions", "--persons", "1", "--income", "1"])
        #expect(
            result.output
                == #"{"error":{"code":"ceilings_unavailable","message":"Plafonds 2027 non disponibles pour la zone « autres régions »."}}"#
                + "\n")
    }

    @Test func ceilings() throws {
        let (code, json) = try rules("ceilings", "--year", "2026", "--zone", "idf", noData)
        #expect(code == 0)
        #expect(
            (json["plus"] as? [String: Any])?["categories"] as? [Int] == [
                26_920, 40_233, 48_362, 57_930, 68_577, 77_171,
            ])
        #expect(json["plai"] is NSNull)
        #expect((json["source"] as? String)?.contains("29 juillet 1987") == true)
    }

    @Test func typology() throws {
        let (code, json) = try rules("typology", "--adults", "2", "--children", "3", "--dwelling", "T3")
        #expect(code == 0)
        #expect(json["typologies"] as? [String] == ["T4", "T5", "T6"])
        #expect(json["occupancy"] as? String == "over_occupied")
    }

    @Test func nudValidation() throws {
        let (code, json) = try rules("nud", "--validate", "1111023517879GDPUB")
        #expect(code == 0)
        #expect(json["valid"] as? Bool == true)
        #expect(json["departement"] as? String == "111")
        #expect(json["month"] as? Int == 10)
        #expect(json["year"] as? Int == 2023)
        #expect(json["sequence"] as? Int == 517_879)
        #expect(json["deskCode"] as? String == "GDPUB")
    }

    @Test func nudGeneration() throws {
        let (code, json) = try rules(
            "nud", "--generate", "--departement", "62", "--date", "2026-01-05", "--sequence", "1", "--desk", "LIBER")
        #expect(code == 0)
        #expect(json["nud"] as? String == "0620126000001LIBER")
        #expect(json["departementName"] as? String == "Pas-de-Calais")
    }

    @Test("renewal prints exactly anniversary, reminder, radiation")
    func renewal() {
        let result = RulesCommandLine.execute(["renewal", "--registered", "2025-03-15"])
        #expect(result.exitCode == 0)
        #expect(
            result.output == #"{"anniversary":"2026-03-15","radiation":"2026-04-15","reminder":"2026-01-15"}"# + "\n")
    }

    @Test func offerDeadline() {
        let result = RulesCommandLine.execute(["offer-deadline", "--sent=2026-01-05"])
        #expect(result.output == #"{"deadline":"2026-01-15"}"# + "\n")
        #expect(
            RulesCommandLine.execute(["attestation-deadline", "--filed", "2026-01-31"]).output
                == #"{"deadline":"2026-02-28"}"# + "\n")
    }

    @Test("help and no arguments print the usage, exit 0; run(_:write:) hands the output to the sink")
    func help() {
        var captured = ""
        let code = RulesCommandLine.run([]) { captured += $0 }
        #expect(code == 0)
        #expect(captured.contains("eligibility --year"))
        #expect(RulesCommandLine.execute(["help"]).exitCode == 0)
    }

    @Test("import-ceilings validates, writes DIR/<year>-<zone>.json, and the next load uses it")
    func importCeilings() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("plafonds-2027.json")
        try ceilingsJSON().write(to: source)
        let target = directory.appendingPathComponent("data")
        let (code, json) = try rules("import-ceilings", source.path, "--data-dir", target.path)
        #expect(code == 0)
        let imported = try #require(json["imported"] as? [String: Any])
        #expect(imported["year"] as? Int == 2027)
        #expect(imported["replaced"] as? Bool == false)
        #expect(imported["missing"] as? [String] == ["plai"])
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("2027-autres-regions.json").path))
        let (eligibleCode, report) = try rules(
            "eligibility", "--year", "2027", "--zone", "autres-regions", "--persons", "1", "--income", "23600",
            "--data-dir", target.path)
        #expect(eligibleCode == 0)
        #expect((report["eligible"] as? [String: Any])?["plus"] as? Bool == true)
        let (againCode, again) = try rules("import-ceilings", source.path, "--data-dir", target.path)
        #expect(againCode == 0)
        #expect((again["imported"] as? [String: Any])?["replaced"] as? Bool == true)
    }

    @Test("import-ceilings refuses an invalid file (exit 2) and an unreadable one (exit 1)")
    func importErrors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("bad.json")
        try ceilingsJSON(source: "").write(to: source)
        let (code, json) = try rules("import-ceilings", source.path, "--data-dir", directory.path)
        #expect(code == 2)
        #expect(errorCode(json) == "invalid_ceilings_file")
        #expect(
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent("2027-autres-regions.json").path))
        let (missingCode, missing) = try rules("import-ceilings", directory.appendingPathComponent("none.json").path)
        #expect(missingCode == 1)
        #expect(errorCode(missing) == "io_error")
        #expect(RulesCommandLine.execute(["import-ceilings"]).exitCode == 2)
    }

    @Test("cotation scores a facts file with a bundled grid; grids lists them")
    func cotation() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let facts = directory.appendingPathComponent("facts.json")
        try Data(
            #"{"firstFiling":"2025-01-15","evaluationDate":"2026-01-15","flags":["expulsion"],"singleParent":true}"#
                .utf8
        )
        .write(to: facts)
        let (code, json) = try rules("cotation", "--grid", "exemple-lyon", "--facts", facts.path)
        #expect(code == 0)
        #expect(json["total"] as? Int == 20 + 5 + 12)
        let (gridsCode, grids) = try rules("grids")
        #expect(gridsCode == 0)
        #expect((grids["grids"] as? [[String: Any]])?.count == 2)
    }

    @Test("checklist derives the pieces from a situation file")
    func checklist() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let situation = directory.appendingPathComponent("situation.json")
        try Data(#"{"persons":[{"role":"demandeur","nationality":"other"}],"housingStatus":"heberge"}"#.utf8)
            .write(to: situation)
        let (code, json) = try rules("checklist", "--situation", situation.path)
        #expect(code == 0)
        let codes = (json["pieces"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["titre_sejour", "avis_imposition_n2", "attestation_hebergement"])
    }
}
