import Fluent
import XCTVapor

@testable import LogisServer

/// Throttling that slows guessers down without letting a stranger lock anyone out.
final class AttemptThrottleTests: XCTestCase {
    static let attacker = "203.0.113.7"
    static let owner = "198.51.100.2"

    func testAStrangerCannotLockSomeoneElsesAccount() async throws {
        try await withProxiedApp { app in
            for _ in 0..<5 {
                try await signIn(app, "admin@demo.logis.fr", "mauvais", from: Self.attacker) {
                    XCTAssertEqual($0.status, .unauthorized)
                }
            }
            try await signIn(app, "admin@demo.logis.fr", DemoData.password, from: Self.attacker) {
                XCTAssertEqual($0.status, .tooManyRequests, "the guesser's own address is slowed down")
            }
            try await signIn(app, "admin@demo.logis.fr", DemoData.password, from: Self.owner) {
                XCTAssertEqual($0.status, .created, "the owner, elsewhere, signs in: \($0.body.string)")
            }
        }
    }

    func testTheClientAddressIsTheHopAddedByTheTrustedProxy() async throws {
        try await withProxiedApp { app in
            // A client that writes a new address at the left each time is still one address.
            for attempt in 0..<20 {
                try await signIn(
                    app, "user\(attempt)@exemple.fr", "mauvais", from: "10.9.\(attempt).1, \(Self.attacker)"
                ) { XCTAssertEqual($0.status, .unauthorized) }
            }
            try await signIn(app, "caleol@demo.logis.fr", DemoData.password, from: "10.1.1.1, \(Self.attacker)") {
                XCTAssertEqual($0.status, .tooManyRequests, "20 failures from one address, whatever the left part")
            }
            try await signIn(app, "caleol@demo.logis.fr", DemoData.password, from: Self.owner) {
                XCTAssertEqual($0.status, .created)
            }
        }
    }

    func testForwardedForIsIgnoredWhenNoProxyIsTrusted() {
        let none = TrustedProxies.none
        XCTAssertEqual(none.clientAddress(peer: "192.0.2.1", forwardedFor: ["1.2.3.4"]), "192.0.2.1")
        let proxies = try? TrustedProxies(parsing: "127.0.0.1, 10.0.0.0/8")
        XCTAssertEqual(
            proxies?.clientAddress(peer: "10.2.3.4", forwardedFor: ["6.6.6.6, 192.0.2.9, 10.0.0.5"]), "192.0.2.9",
            "rightmost address that is not a proxy")
        XCTAssertEqual(proxies?.clientAddress(peer: "192.0.2.1", forwardedFor: ["6.6.6.6"]), "192.0.2.1")
        XCTAssertThrowsError(try TrustedProxies(parsing: "10.0.0.0/40"))
        XCTAssertThrowsError(try TrustedProxies(parsing: "proxy.local"))
    }

    func testDelaysGrowPastTheLimit() async throws {
        try await withApp { app in
            let start = Date()
            let counter = AttemptThrottle.Counter.signIn(email: "x@exemple.fr", address: "192.0.2.1")
            func attempt(after seconds: TimeInterval) async throws -> Bool {
                let throttle = AttemptThrottle(database: app.db, now: start.addingTimeInterval(seconds))
                do {
                    _ = try await throttle.admit([counter])
                    return true
                } catch let error as LogisError where error == .tooManyAttempts {
                    return false
                }
            }
            for second in 0..<5 {
                let admitted = try await attempt(after: TimeInterval(second))
                XCTAssertTrue(admitted, "attempt \(second + 1) of 5")
            }
            let tooSoon = try await attempt(after: 20)
            XCTAssertFalse(tooSoon, "past the limit, 30 s must separate two attempts")
            let sixth = try await attempt(after: 81)
            XCTAssertTrue(sixth, "a refused try counts too, so the next one waits 60 s after it")
            let seventhTooSoon = try await attempt(after: 150)
            XCTAssertFalse(seventhTooSoon, "then 2 minutes")
            let later = try await attempt(after: 150 + 4 * 60 + 1)
            XCTAssertTrue(later, "then 4 minutes after the refused try")
        }
    }

    func testSignUpsFromOneAddressAreLimited() async throws {
        try await withProxiedApp { app in
            for index in 0..<10 {
                try await signUp(app, "nouveau\(index)@exemple.fr", from: Self.attacker) {
                    XCTAssertEqual($0.status, .accepted)
                }
            }
            try await signUp(app, "nouveau10@exemple.fr", from: Self.attacker) {
                XCTAssertEqual($0.status, .tooManyRequests)
            }
            try await signUp(app, "voisin@exemple.fr", from: Self.owner) { XCTAssertEqual($0.status, .accepted) }
        }
    }

    func testClaimCodesAreCountedOnTheNormalisedNUD() async throws {
        try await withApp(demo: true) { app in
            _ = try await app.newApplicantToken(email: "papier2@exemple.fr")
            let session = try await Browser.signIn(app, email: "papier2@exemple.fr", password: "Logement-Test-2026")
            let nud = "030221125000000042"
            for dash in 1...10 {
                var typed = nud
                typed.insert("-", at: typed.index(typed.startIndex, offsetBy: dash))
                try await app.send(
                    .POST, "mon-espace/rattacher",
                    beforeRequest: { Browser.post(&$0, form: ["nud": typed, "code": "AAAAAAAA"], session: session) },
                    afterResponse: { XCTAssertEqual($0.status, .unprocessableEntity, typed) })
            }
            try await app.send(
                .POST, "mon-espace/rattacher",
                beforeRequest: {
                    Browser.post(&$0, form: ["nud": "0302 2112 5000 0000 42", "code": "AAAAAAAA"], session: session)
                },
                afterResponse: { XCTAssertEqual($0.status, .tooManyRequests, "one NUD, however it is typed") })
        }
    }

    // MARK: - Helpers

    private func signIn(
        _ app: Application, _ email: String, _ password: String, from address: String,
        check: (XCTHTTPResponse) throws -> Void
    ) async throws {
        try await app.testable(method: .running(port: 0)).test(
            .POST, "api/v1/session",
            beforeRequest: { (req: inout XCTHTTPRequest) async throws in
                req.headers.replaceOrAdd(name: .xForwardedFor, value: address)
                try req.content.encode(["email": email, "password": password])
            },
            afterResponse: { (res: XCTHTTPResponse) async throws in try check(res) })
    }

    private func signUp(
        _ app: Application, _ email: String, from address: String, check: (XCTHTTPResponse) throws -> Void
    ) async throws {
        try await app.testable(method: .running(port: 0)).test(
            .POST, "api/v1/accounts",
            beforeRequest: { (req: inout XCTHTTPRequest) async throws in
                req.headers.replaceOrAdd(name: .xForwardedFor, value: address)
                try req.content.encode(["email": email, "password": "Logement-Test-2026", "displayName": "Test"])
            },
            afterResponse: { (res: XCTHTTPResponse) async throws in try check(res) })
    }

    /// The demo behind a proxy on 127.0.0.1, which is where the test's connections come from.
    private func withProxiedApp(_ body: (Application) async throws -> Void) async throws {
        var settings = TestApp.settings()
        settings.trustedProxies = try TrustedProxies(parsing: "127.0.0.1,::1")
        let app = try await TestApp.make(settings)
        do {
            try await app.loadDemoData()
            try await body(app)
        } catch {
            try? await app.asyncShutdown()
            TestApp.removeFiles(of: settings)
            throw error
        }
        try await app.asyncShutdown()
        TestApp.removeFiles(of: settings)
    }
}
