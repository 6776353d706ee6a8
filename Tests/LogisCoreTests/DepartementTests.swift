import LogisCore
import Testing

/// Pages name a département as people know it, « Gard (30) », where the data holds « 030 ».
@Suite("Département names")
struct DepartementTests {
    static let cases: [(String, String)] = [
        ("030", "Gard (30)"),
        ("062", "Pas-de-Calais (62)"),
        ("30", "Gard (30)"),
        ("001", "Ain (01)"),
        ("2A", "Corse-du-Sud (2A)"),
        ("02B", "Haute-Corse (2B)"),
        ("971", "Guadeloupe (971)"),
        ("976", "Mayotte (976)"),
        ("975", "975"),
        ("", ""),
    ]

    @Test("Table", arguments: cases)
    func label(_ code: String, _ expected: String) {
        #expect(Departement.label(of: code) == expected)
    }
}
