import XCTVapor

@testable import LogisServer

/// The anonymous denial-of-service holes: bodies read before the form token was checked, and
/// connections that were never closed. Each test talks to the real server over a socket.
final class RequestBodyLimitsTests: XCTestCase {
    static let sixMegabytes = 6_000_000

    func testAnonymousUploadIsRefusedBeforeItsBodyArrives() async throws {
        try await withRunningApp { _, port in
            let socket = try RawSocket(port: port)
            socket.send(
                multipartHead(path: "/connexion", length: Self.sixMegabytes, cookies: "logis_csrf=\(Browser.csrfNonce)")
                    + "--\(Multipart.boundary)\r\nContent-Disposition: form-data; name=\"junk\"\r\n\r\n")
            let answer = await socket.receive(within: .seconds(3))
            XCTAssertEqual(answer.status, 403, "refused at once, not after six megabytes: \(answer)")
        }
    }

    func testOversizedAnonymousFormIsRefusedFromItsDeclaredLength() async throws {
        try await withRunningApp { _, port in
            let socket = try RawSocket(port: port)
            socket.send(
                "POST /connexion HTTP/1.1\r\nHost: logis\r\nCookie: logis_csrf=\(Browser.csrfNonce)\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nemail=")
            let answer = await socket.receive(within: .seconds(3))
            XCTAssertEqual(answer.status, 413, "\(answer)")
        }
    }

    func testForgedUploadOfASignedInAccountIsRefusedOnItsFirstPart() async throws {
        try await withRunningApp(demo: true) { app, port in
            let session = try await Browser.signIn(app, email: "demandeur@demo.logis.fr", password: DemoData.password)
            let cookies = "logis_csrf=\(Browser.csrfNonce); logis_session=\(session)"
            let forged = try RawSocket(port: port)
            forged.send(
                multipartHead(path: "/mon-espace/pieces", length: Self.sixMegabytes, cookies: cookies)
                    + firstPart(name: "_csrf", value: String(repeating: "b", count: 43)))
            let refused = await forged.receive(within: .seconds(3))
            XCTAssertEqual(refused.status, 403, "\(refused)")

            let honest = try RawSocket(port: port)
            honest.send(
                multipartHead(path: "/mon-espace/pieces", length: Self.sixMegabytes, cookies: cookies)
                    + firstPart(name: "_csrf", value: Browser.csrfToken(session: session)))
            let waiting = await honest.receive(within: .milliseconds(800))
            XCTAssertEqual(waiting, .silent, "a form with the right token is read to its end")
        }
    }

    func testUploadSentInPiecesIsReceivedWhole() async throws {
        try await withRunningApp(demo: true) { app, port in
            let (token, id) = try await app.registeredApplicantRequest()
            let body = Array(
                Multipart.body(fields: ["piece": "piece_identite@0"], file: ("file", "cni.pdf", DocumentsTests.pdf)))
            let socket = try RawSocket(port: port)
            socket.send(
                "POST /api/v1/requests/\(id)/documents HTTP/1.1\r\nHost: logis\r\nAuthorization: Bearer \(token)\r\n"
                    + "Content-Type: \(Multipart.contentType)\r\nContent-Length: \(body.count)\r\n\r\n")
            socket.send(Array(body[..<40]))
            try await Task.sleep(for: .milliseconds(300))
            socket.send(Array(body[40...]))
            let answer = await socket.receive(within: .seconds(5))
            XCTAssertEqual(answer.status, 201, "\(answer)")
            let stored = try await RequestDocument.query(on: app.db).count()
            XCTAssertEqual(stored, 1)
        }
    }

    func testBodyTricklingPastTheDeadlineIsCutOff() async throws {
        var limits = RequestLimits()
        limits.formDeadline = .seconds(1)
        try await withRunningApp(limits: limits) { _, port in
            let socket = try RawSocket(port: port)
            socket.send(
                "POST /connexion HTTP/1.1\r\nHost: logis\r\nCookie: logis_csrf=\(Browser.csrfNonce)\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000\r\n\r\n")
            var answer = RawSocket.Received.silent
            for _ in 0..<10 where answer == .silent {
                socket.send("emailxxxxx")
                answer = await socket.receive(within: .milliseconds(300))
            }
            XCTAssertEqual(answer.status, 408, "\(answer)")
        }
    }

    func testHalfSentRequestIsClosedWhenIdle() async throws {
        var limits = RequestLimits()
        limits.idleTimeout = .seconds(1)
        try await withRunningApp(limits: limits) { _, port in
            let socket = try RawSocket(port: port)
            socket.send("POST /connexion HTTP/1.1\r\nHost: logis\r\n")
            let answer = await socket.receive(within: .seconds(4))
            XCTAssertEqual(answer, .closed)
        }
    }

    func testUploadsBeyondTheMemoryBudgetAreAnsweredBusy() async throws {
        var limits = RequestLimits()
        limits.uploadsInFlight = 100_000
        try await withRunningApp(demo: true, limits: limits) { app, port in
            let session = try await Browser.signIn(app, email: "demandeur@demo.logis.fr", password: DemoData.password)
            let cookies = "logis_csrf=\(Browser.csrfNonce); logis_session=\(session)"
            let first = try RawSocket(port: port)
            let firstPartSent = firstPart(name: "_csrf", value: Browser.csrfToken(session: session))
            first.send(multipartHead(path: "/mon-espace/pieces", length: 80_000, cookies: cookies) + firstPartSent)
            let firstAnswer = await first.receive(within: .milliseconds(500))
            XCTAssertEqual(firstAnswer, .silent, "the first upload holds 80 kB of the budget")
            let second = try RawSocket(port: port)
            second.send(
                multipartHead(path: "/mon-espace/pieces", length: 80_000, cookies: cookies)
                    + firstPart(name: "_csrf", value: Browser.csrfToken(session: session)))
            let busy = await second.receive(within: .seconds(3))
            XCTAssertEqual(busy.status, 503, "\(busy)")
            guard case .bytes(let text) = busy else { return }
            XCTAssertTrue(text.lowercased().contains("retry-after: 60"), text)
            // The first upload ends (a malformed body) and is answered before the app shuts down:
            // a request still running at shutdown would render its page after the views are gone.
            first.send(String(repeating: "x", count: 80_000 - firstPartSent.utf8.count))
            let firstEnd = await first.receive(within: .seconds(10))
            XCTAssertNotNil(firstEnd.status, "\(firstEnd)")
        }
    }

    func testEmptyBodiesAreAnsweredAndTheServerStaysUp() async throws {
        try await withRunningApp(demo: true) { app, port in
            let token = try await app.demoToken("demandeur@demo.logis.fr")
            let empties = [
                "POST /api/v1/session HTTP/1.1\r\nHost: logis\r\nContent-Length: 0\r\n\r\n",
                "POST /connexion HTTP/1.1\r\nHost: logis\r\nContent-Length: 0\r\n\r\n",
                "POST /api/v1/session HTTP/1.1\r\nHost: logis\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST /api/v1/requests HTTP/1.1\r\nHost: logis\r\nAuthorization: Bearer \(token)\r\n"
                    + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 0\r\n\r\n",
            ]
            for head in empties {
                let socket = try RawSocket(port: port)
                socket.send(head)
                let answer = await socket.receive(within: .seconds(3))
                XCTAssertNotNil(answer.status, "an answer, not a dead server: \(head)")
                XCTAssertLessThan(answer.status ?? 500, 500, head)
            }
            let health = try RawSocket(port: port)
            health.send("GET /healthz HTTP/1.1\r\nHost: logis\r\n\r\n")
            let alive = await health.receive(within: .seconds(3))
            XCTAssertEqual(alive.status, 200)
        }
    }

    func testAMalformedMultipartUploadIsABadRequest() async throws {
        try await withRunningApp(demo: true) { app, port in
            let (token, id) = try await app.registeredApplicantRequest()
            let body = "--X--\r\n"
            let socket = try RawSocket(port: port)
            socket.send(
                "POST /api/v1/requests/\(id)/documents HTTP/1.1\r\nHost: logis\r\nAuthorization: Bearer \(token)\r\n"
                    + "Content-Type: multipart/form-data; boundary=X\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
                    + body)
            let answer = await socket.receive(within: .seconds(3))
            XCTAssertEqual(answer.status, 400, "\(answer)")
        }
    }

    // MARK: - Helpers

    private func multipartHead(path: String, length: Int, cookies: String) -> String {
        "POST \(path) HTTP/1.1\r\nHost: logis\r\nCookie: \(cookies)\r\n"
            + "Content-Type: \(Multipart.contentType)\r\nContent-Length: \(length)\r\n\r\n"
    }

    private func firstPart(name: String, value: String) -> String {
        "--\(Multipart.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            + "--\(Multipart.boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n"
    }

    private func withRunningApp(
        demo: Bool = false, limits: RequestLimits = RequestLimits(), _ body: (Application, Int) async throws -> Void
    ) async throws {
        var settings = TestApp.settings()
        settings.limits = limits
        let app = try await TestApp.make(settings)
        do {
            if demo { try await app.loadDemoData() }
            let port = try await app.startServer()
            try await body(app, port)
        } catch {
            await app.server.shutdown()
            try? await app.asyncShutdown()
            TestApp.removeFiles(of: settings)
            throw error
        }
        await app.server.shutdown()
        try await app.asyncShutdown()
        TestApp.removeFiles(of: settings)
    }
}
