/// CNIL recommendation (délibération 2022-100): at least 12 characters mixing at least
/// 3 of the 4 kinds (lower case, upper case, digits, other characters).
enum PasswordPolicy {
    static let minimumLength = 12
    static let requiredKinds = 3

    static let ruleText =
        "Au moins 12 caractères, avec au moins 3 types parmi : minuscules, majuscules, chiffres, caractères spéciaux."

    static func check(_ password: String) -> LogisError? {
        guard password.count >= minimumLength, kinds(in: password) >= requiredKinds else {
            return .validation("Mot de passe trop faible. " + ruleText, code: .weakPassword)
        }
        // Bcrypt reads at most 72 bytes; a longer password would be silently cut.
        guard password.utf8.count <= 72 else {
            return .validation(
                "Le mot de passe ne peut pas dépasser 72 octets (environ 64 caractères).", code: .passwordTooLong)
        }
        return nil
    }

    static func kinds(in password: String) -> Int {
        var lower = false
        var upper = false
        var digit = false
        var other = false
        for character in password {
            if character.isLowercase {
                lower = true
            } else if character.isUppercase {
                upper = true
            } else if character.isNumber {
                digit = true
            } else {
                other = true
            }
        }
        return [lower, upper, digit, other].filter { $0 }.count
    }
}
