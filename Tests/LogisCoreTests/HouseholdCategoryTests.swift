import LogisCore
import Testing

struct CategoryCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let persons: Int
    let dependents: Int
    let coupleAges: (Int, Int)?
    let disabled: Int
    let category: Int
    let extraPersons: Int
    let reason: String

    var testDescription: String { rule }
}

@Suite("Household category (arrêté du 29 juillet 1987, seed 003 table)")
struct HouseholdCategoryTests {
    static let cases: [CategoryCase] = [
        .init(
            rule: "cat. 1: personne seule", persons: 1, dependents: 0, coupleAges: nil, disabled: 0,
            category: 1, extraPersons: 0, reason: "personne seule"),
        .init(
            rule: "cat. 2: 2 personnes sans personne à charge", persons: 2, dependents: 0, coupleAges: nil,
            disabled: 0, category: 2, extraPersons: 0, reason: "2 personnes sans personne à charge"),
        .init(
            rule: "cat. 2: couple whose ages sum to 56 is not a jeune ménage", persons: 2, dependents: 0,
            coupleAges: (30, 26), disabled: 0, category: 2, extraPersons: 0,
            reason: "2 personnes sans personne à charge"),
        .init(
            rule: "cat. 2: une personne seule en situation de handicap", persons: 1, dependents: 0,
            coupleAges: nil, disabled: 1, category: 2, extraPersons: 0,
            reason: "personne seule en situation de handicap"),
        .init(
            rule: "cat. 3: 3 personnes", persons: 3, dependents: 0, coupleAges: nil, disabled: 0,
            category: 3, extraPersons: 0, reason: "3 personnes"),
        .init(
            rule: "cat. 3: couple with one child is 3 personnes", persons: 3, dependents: 1,
            coupleAges: (40, 38), disabled: 0, category: 3, extraPersons: 0, reason: "3 personnes"),
        .init(
            rule: "cat. 3: 1 personne seule avec 1 personne à charge", persons: 2, dependents: 1,
            coupleAges: nil, disabled: 0, category: 3, extraPersons: 0,
            reason: "personne seule avec 1 personne à charge"),
        .init(
            rule: "cat. 3: jeune ménage, sum of ages exactly 55", persons: 2, dependents: 0,
            coupleAges: (30, 25), disabled: 0, category: 3, extraPersons: 0, reason: "jeune ménage"),
        .init(
            rule: "cat. 3: 2 personnes dont au moins une en situation de handicap", persons: 2,
            dependents: 0, coupleAges: nil, disabled: 1, category: 3, extraPersons: 0,
            reason: "2 personnes dont au moins une en situation de handicap"),
        .init(
            rule: "cat. 4: 4 personnes", persons: 4, dependents: 2, coupleAges: (35, 33), disabled: 0,
            category: 4, extraPersons: 0, reason: "4 personnes"),
        .init(
            rule: "cat. 4: 1 personne seule avec 2 personnes à charge", persons: 3, dependents: 2,
            coupleAges: nil, disabled: 0, category: 4, extraPersons: 0,
            reason: "personne seule avec 2 personnes à charge"),
        .init(
            rule: "cat. 4: 3 personnes dont au moins une en situation de handicap", persons: 3,
            dependents: 1, coupleAges: nil, disabled: 1, category: 4, extraPersons: 0,
            reason: "3 personnes dont au moins une en situation de handicap"),
        .init(
            rule: "cat. 5: 5 personnes", persons: 5, dependents: 3, coupleAges: nil, disabled: 0,
            category: 5, extraPersons: 0, reason: "5 personnes"),
        .init(
            rule: "cat. 5: 1 personne seule avec 3 personnes à charge", persons: 4, dependents: 3,
            coupleAges: nil, disabled: 0, category: 5, extraPersons: 0,
            reason: "personne seule avec 3 personnes à charge"),
        .init(
            rule: "cat. 5: 4 personnes dont au moins une en situation de handicap", persons: 4,
            dependents: 0, coupleAges: nil, disabled: 2, category: 5, extraPersons: 0,
            reason: "4 personnes dont au moins une en situation de handicap"),
        .init(
            rule: "cat. 6: 6 personnes", persons: 6, dependents: 4, coupleAges: nil, disabled: 0,
            category: 6, extraPersons: 0, reason: "6 personnes"),
        .init(
            rule: "cat. 6: 1 personne seule avec 4 personnes à charge", persons: 5, dependents: 4,
            coupleAges: nil, disabled: 0, category: 6, extraPersons: 0,
            reason: "personne seule avec 4 personnes à charge"),
        .init(
            rule: "cat. 6: 5 personnes dont au moins une en situation de handicap", persons: 5,
            dependents: 3, coupleAges: nil, disabled: 1, category: 6, extraPersons: 0,
            reason: "5 personnes dont au moins une en situation de handicap"),
        .init(
            rule: "par personne supplémentaire: 7 personnes", persons: 7, dependents: 5, coupleAges: nil,
            disabled: 0, category: 6, extraPersons: 1,
            reason: "7 personnes : catégorie 6 + 1 personne supplémentaire"),
        .init(
            rule: "par personne supplémentaire: 6 personnes incl. one with a disability", persons: 6,
            dependents: 4, coupleAges: nil, disabled: 1, category: 6, extraPersons: 1,
            reason: "6 personnes dont au moins une en situation de handicap : catégorie 6 + 1 personne supplémentaire"),
        .init(
            rule: "par personne supplémentaire: personne seule avec 6 personnes à charge", persons: 7,
            dependents: 6, coupleAges: nil, disabled: 0, category: 6, extraPersons: 2,
            reason: "personne seule avec 6 personnes à charge : catégorie 6 + 2 personnes supplémentaires"),
        .init(
            rule: "reading: single parent with a disability is one rank up, not two", persons: 2,
            dependents: 1, coupleAges: nil, disabled: 1, category: 3, extraPersons: 0,
            reason: "personne seule avec 1 personne à charge"),
        .init(
            rule: "reading: jeune ménage with a child is 3 personnes, not a jeune ménage", persons: 3,
            dependents: 1, coupleAges: (22, 21), disabled: 0, category: 3, extraPersons: 0,
            reason: "3 personnes"),
    ]

    @Test("Category", arguments: cases)
    func category(_ example: CategoryCase) throws {
        let ages = try example.coupleAges.map { try CoupleAges($0.0, $0.1) }
        let household = try Household(
            persons: example.persons, dependents: example.dependents, coupleAges: ages,
            disabledPersons: example.disabled)
        let category = HouseholdCategory(of: household)
        #expect(category.category == example.category)
        #expect(category.extraPersons == example.extraPersons)
        #expect(category.reason == example.reason)
    }

    @Test("Jeune ménage: couple, sum of ages ≤ 55, no dependant (seed 003)")
    func jeuneMenageBoundary() throws {
        let at55 = try Household(persons: 2, coupleAges: try CoupleAges(28, 27))
        let at56 = try Household(persons: 2, coupleAges: try CoupleAges(28, 28))
        #expect(HouseholdCategory.isJeuneMenage(at55))
        #expect(!HouseholdCategory.isJeuneMenage(at56))
    }

    @Test("Impossible households are refused with invalid_household")
    func invalidHouseholds() throws {
        #expect(throws: RuleError.self) { try Household(persons: 0) }
        #expect(throws: RuleError.self) { try Household(persons: 2, dependents: 2) }
        #expect(throws: RuleError.self) { try Household(persons: 2, dependents: 1, coupleAges: try CoupleAges(30, 30)) }
        #expect(throws: RuleError.self) { try Household(persons: 2, disabledPersons: 3) }
        #expect(throws: RuleError.self) { try CoupleAges(30, 200) }
        do {
            _ = try Household(persons: 31)
            Issue.record("31 persons accepted")
        } catch {
            #expect(error.code == "invalid_household")
        }
    }
}
