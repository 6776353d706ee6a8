import Foundation
import LogisCore

/// The day the desk received a paper form, typed on the entry's last page (docs/rules/calendars.md).
enum PaperReceipt {
    /// How far back a receipt date may go: a form kept longer than this at a desk is a typing slip.
    static let oldestMonths = 12

    /// `nil` or empty (an older client, the API) means today; a date in the future or more than a
    /// year old is refused with a message the agent can act on.
    static func date(_ text: String?, today: CalendarDate) throws -> CalendarDate {
        let raw = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !raw.isEmpty else { return today }
        guard let date = FormFields.parseDate(raw) else {
            throw LogisError(
                .unprocessableEntity, code: .invalidDate,
                message: "Date de réception invalide : écrivez-la sous la forme JJ/MM/AAAA.")
        }
        if date > today {
            throw LogisError(
                .unprocessableEntity, code: .invalidDate,
                message: "La date de réception du formulaire papier ne peut pas être dans le futur.")
        }
        if date < today.adding(months: -oldestMonths) {
            throw LogisError(
                .unprocessableEntity, code: .invalidDate,
                message: "La date de réception ne peut pas remonter à plus d’un an : vérifiez l’année.")
        }
        return date
    }
}
