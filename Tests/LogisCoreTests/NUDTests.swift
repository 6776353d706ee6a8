import LogisCore
import Testing

@Suite("NUD (DOMAIN.md §3: 3 + MMYY + 6-digit sequence + 5-character desk code)")
struct NUDTests {
    @Test("The public example 1111023517879GDPUB is valid, with territory code 111")
    func publicExample() throws {
        let nud = try NUD(validating: "1111023517879GDPUB")
        #expect(nud.departement == "111")
        #expect(nud.month == 10)
        #expect(nud.year == 2023)
        #expect(nud.sequence == 517_879)
        #expect(nud.deskCode == "GDPUB")
        #expect(!nud.isKnownDepartement)
        #expect(NUDValidation(nud).warnings.count == 1)
    }

    @Test func typedWithSpacesAndLowercase() throws {
        let nud = try NUD(validating: " 0300325 000042 gdpub ")
        #expect(nud.value == "0300325000042GDPUB")
        #expect(nud.departementName == "Gard")
        #expect(NUDValidation(nud).warnings.isEmpty)
    }

    static let invalid: [(String, String)] = [
        ("111102351787GDPUB", "18 caractères"),
        ("1111023517879GDPUBX", "18 caractères"),
        ("2A01025000001GDPUB", "3 premiers caractères"),
        ("ABC1025000001GDPUB", "3 premiers caractères"),
        ("0301325000001GDPUB", "MMAA"),
        ("0300025000001GDPUB", "MMAA"),
        ("03010250000A1GDPUB", "6 chiffres"),
        ("0301025000001GD-UB", "18 caractères"),
        ("0301025000001GDPU!", "code du guichet"),
        ("0301025000001GDPUé", "18 caractères"),
    ]

    @Test("Invalid NUDs give invalid_nud with the faulty part", arguments: invalid)
    func invalidNUD(_ text: String, _ mentioned: String) {
        do {
            _ = try NUD(validating: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == "invalid_nud")
            #expect(error.message.contains(mentioned))
        }
    }

    @Test("Corsica is 02A / 02B")
    func corsica() throws {
        let nud = try NUD.generate(
            departement: "2a", registeredOn: try CalendarDate(iso: "2025-11-03"), sequence: 7, deskCode: "ajacc")
        #expect(nud.value == "02A1125000007AJACC")
        #expect(try NUD(validating: nud.value).departementName == "Corse-du-Sud")
    }

    @Test("Generation: département, MMYY, zero-padded sequence, desk code")
    func generation() throws {
        let gard = try NUD.generate(
            departement: "30", registeredOn: try CalendarDate(iso: "2025-03-15"), sequence: 42, deskCode: "GDPUB")
        #expect(gard.value == "0300325000042GDPUB")
        let guadeloupe = try NUD.generate(
            departement: "971", registeredOn: try CalendarDate(iso: "2026-12-31"), sequence: 999_999, deskCode: "GP001")
        #expect(guadeloupe.value == "9711226999999GP001")
        #expect(try NUD(validating: guadeloupe.value) == guadeloupe)
    }

    @Test func generationErrors() throws {
        let date = try CalendarDate(iso: "2025-03-15")
        #expect(throws: RuleError.self) {
            try NUD.generate(departement: "111", registeredOn: date, sequence: 1, deskCode: "GDPUB")
        }
        #expect(throws: RuleError.self) {
            try NUD.generate(departement: "096", registeredOn: date, sequence: 1, deskCode: "GDPUB")
        }
        #expect(throws: RuleError.self) {
            try NUD.generate(departement: "030", registeredOn: date, sequence: 1, deskCode: "GD")
        }
        do {
            _ = try NUD.generate(departement: "030", registeredOn: date, sequence: 1_000_000, deskCode: "GDPUB")
            Issue.record("sequence 1 000 000 accepted")
        } catch {
            #expect(error.code == "nud_sequence_exhausted")
        }
    }

    @Test("A desk can require its own département")
    func expectedDepartement() throws {
        #expect(try NUD(validating: "0300325000042GDPUB", expectedDepartement: "30").departement == "030")
        do {
            _ = try NUD(validating: "0620325000042GDPUB", expectedDepartement: "030")
            Issue.record("other département accepted")
        } catch {
            #expect(error.code == "nud_other_departement")
        }
    }

    @Test func orderIsByValue() throws {
        let first = try NUD(validating: "0300325000001GDPUB")
        let second = try NUD(validating: "0300325000002GDPUB")
        #expect(first < second)
    }

    @Test func departementNormalisation() {
        #expect(Departement.normalize("30") == "030")
        #expect(Departement.normalize("2B") == "02B")
        #expect(Departement.normalize("974") == "974")
        #expect(Departement.normalize("3A") == nil)
        #expect(Departement.isKnown("062"))
        #expect(!Departement.isKnown("020"))
    }
}
