import Vapor
import XCTVapor

extension Application {
    /// XCTVapor's `test` with closures typed as async, so the async overload is always chosen.
    func send(
        _ method: HTTPMethod, _ path: String,
        beforeRequest: (inout XCTHTTPRequest) async throws -> Void,
        afterResponse: (XCTHTTPResponse) async throws -> Void
    ) async throws {
        try await testable().test(method, path, beforeRequest: beforeRequest, afterResponse: afterResponse)
    }

    func send(
        _ method: HTTPMethod, _ path: String, afterResponse: (XCTHTTPResponse) async throws -> Void
    ) async throws {
        try await testable().test(method, path, beforeRequest: { _ in }, afterResponse: afterResponse)
    }
}
