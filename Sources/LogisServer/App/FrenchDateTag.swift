import Leaf

/// `#frenchDate(vacancy.availableOn)`: a stored `YYYY-MM-DD` shown to people as `05/01/2026`.
/// Dates are kept in ISO in the database and the API; pages speak French.
struct FrenchDateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let text = ctx.parameters.first?.string else { return .string("") }
        return .string(RequestSummary.display(text))
    }
}
