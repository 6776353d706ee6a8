import Crypto
import Fluent
import LogisCore
import Vapor

/// How a person who filed on paper follows the request online: the desk hands over a one-time
/// code (on the attestation); with the NUD and that code the applicant attaches the request to
/// their account. Only a hash of the code is stored.
enum RequestClaim {
    /// Eight characters without look-alikes (no 0/O, 1/I/L).
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    static func newCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    static func normalise(_ code: String) -> String {
        code.uppercased().filter { $0.isLetter || $0.isNumber }
    }

    static let refused = LogisError(
        .unprocessableEntity, code: .claimRefused,
        message: "Numéro unique ou code de rattachement incorrect. Vérifiez votre attestation d’enregistrement.")

    /// Attaches the request with this NUD and code to the applicant's account.
    static func claim(nud: String, code: String, by account: Account, on req: Request) async throws -> HousingRequest {
        if try await RequestLookup.live(of: account, on: req.db) != nil {
            throw LogisError(
                .conflict, code: .requestAlreadyExists, message: "Votre compte suit déjà une demande en cours.")
        }
        let compact = nud.uppercased().filter { $0.isLetter || $0.isNumber }
        // Counted before the code is compared, on the NUD as stored: « 030-…» and « 030… » share a count.
        let throttle = AttemptThrottle(database: req.db, now: req.now)
        let counters: [AttemptThrottle.Counter] = [.claim(nud: compact), .claimFrom(address: req.clientAddress)]
        let attempt = try await throttle.admit(counters)
        guard let request = try await HousingRequest.query(on: req.db).filter(\.$nud == compact).first(),
            request.$account.id == nil, request.status.isRegistered, let hash = request.claimCodeHash,
            HexDigest.sha256(normalise(code)) == hash
        else {
            throw refused
        }
        try await throttle.forget(attempt)
        request.$account.id = try account.requireID()
        request.claimCodeHash = nil
        try await req.db.transaction { db in
            try await RequestLookup.saveOwned(request, on: db)
            try await RequestEvent(
                requestID: try request.requireID(), kind: .updated,
                label: "Demande rattachée à votre espace personnel.", actor: account
            ).create(on: db)
        }
        return request
    }
}
