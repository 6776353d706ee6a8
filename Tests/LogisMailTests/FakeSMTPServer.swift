import LogisMail
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// An SMTP server on 127.0.0.1 for the tests: it answers from a script and records what it got.
final class FakeSMTPServer: Sendable {
    struct Script: Sendable {
        var greeting: String? = "220 fake.test ESMTP ready"
        var extensions = ["AUTH PLAIN LOGIN", "SIZE 10485760", "8BITMIME"]
        /// Offered (and accepted) when set; the context holds the server's certificate.
        var startTLS: NIOSSLContext?
        /// TLS from the first byte, as on port 465.
        var implicitTLS: NIOSSLContext?
        var authReply = "235 2.7.0 Authentication successful"
        var rcptReply: @Sendable (String) -> String = { _ in "250 2.1.5 Recipient ok" }
    }

    struct Command: Sendable, Equatable {
        let line: String
        let overTLS: Bool
    }

    struct Transcript: Sendable {
        var commands: [Command] = []
        /// Each DATA payload as received, dot-stuffing and terminator included.
        var payloads: [String] = []
    }

    let port: Int
    private let channel: any Channel
    private let transcript: NIOLockedValueBox<Transcript>

    var commands: [String] { transcript.withLockedValue { $0.commands.map(\.line) } }
    var commandsOverTLS: [String] { transcript.withLockedValue { $0.commands.filter(\.overTLS).map(\.line) } }
    var payloads: [String] { transcript.withLockedValue { $0.payloads } }

    private init(channel: any Channel, transcript: NIOLockedValueBox<Transcript>) {
        self.channel = channel
        self.transcript = transcript
        self.port = channel.localAddress?.port ?? 0
    }

    static func start(_ script: Script = Script()) async throws -> FakeSMTPServer {
        let transcript = NIOLockedValueBox(Transcript())
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS = script.implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: implicitTLS))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        FakeSMTPSession(script: script, transcript: transcript, overTLS: script.implicitTLS != nil))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FakeSMTPServer(channel: channel, transcript: transcript)
    }

    func stop() async {
        try? await channel.close()
    }

    /// A configuration for this server, in clear unless a test says otherwise.
    func configuration(
        security: SMTPConfiguration.Security = .plain, username: String? = "agent", password: String? = "s3cret=é",
        host: String = "127.0.0.1", trustRoots: NIOSSLTrustRoots = .default
    ) throws -> SMTPConfiguration {
        SMTPConfiguration(
            host: host, port: port, username: username, password: password,
            from: try MailAddress("ne-pas-repondre@logis.test", displayName: "Logis"), security: security,
            connectTimeout: .seconds(5), commandTimeout: .seconds(5), trustRoots: trustRoots)
    }
}
