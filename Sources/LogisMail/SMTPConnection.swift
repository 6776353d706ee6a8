import NIOCore
import NIOPosix
import NIOSSL

/// One TCP (or TLS) connection to the server: writes a command, waits for its reply, and turns
/// every network-level failure into an `SMTPError`.
struct SMTPConnection: Sendable {
    private let channel: any Channel
    private let host: String
    private let commandTimeout: TimeAmount
    private let firstFailure: SMTPFirstFailure

    static func open(
        host: String, port: Int, implicitTLS: NIOSSLContext?, configuration: SMTPConfiguration,
        group: any EventLoopGroup
    ) async throws(SMTPError) -> SMTPConnection {
        let serverName = Self.serverName(for: host)
        let firstFailure = SMTPFirstFailure()
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let implicitTLS {
                        try pipeline.addHandler(NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName))
                    }
                    try pipeline.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try pipeline.addHandler(SMTPReplyRouter(firstFailure: firstFailure))
                }
            }
        do {
            let channel = try await bootstrap.connect(host: host, port: port).get()
            return SMTPConnection(
                channel: channel, host: host, commandTimeout: TimeAmount(configuration.commandTimeout),
                firstFailure: firstFailure)
        } catch ChannelError.connectTimeout {
            throw .timedOut(waitingFor: "connection to \(host):\(port)")
        } catch {
            throw SMTPError(wrapping: error)
        }
    }

    /// Waits for the reply to `command` (nil: the greeting) and checks its code. `label` names the
    /// command in errors, so that AUTH's base64 credentials never reach a log.
    @discardableResult
    func send(_ command: String?, label: String, expecting codes: Set<Int>) async throws(SMTPError) -> SMTPReply {
        let bytes = command.map { channel.allocator.buffer(string: $0 + "\r\n") }
        return try await exchange(bytes, label: label, expecting: codes)
    }

    func sendPayload(_ payload: [UInt8], label: String, expecting codes: Set<Int>) async throws(SMTPError) {
        try await exchange(channel.allocator.buffer(bytes: payload), label: label, expecting: codes)
    }

    /// STARTTLS (RFC 3207): TLS starts right after the server's 220, under the reply decoder.
    func upgradeToTLS(_ context: NIOSSLContext) async throws(SMTPError) {
        let channel = self.channel
        let serverName = Self.serverName(for: host)
        do {
            try await channel.eventLoop.submit {
                // A reply already queued arrived in clear after the 220: a man in the middle could
                // have written it, and it must not pass for one of the TLS session's.
                let router = try channel.pipeline.syncOperations.handler(type: SMTPReplyRouter.self)
                guard !router.hasUnclaimedReplies else {
                    throw SMTPError.malformedReply("data after the STARTTLS reply")
                }
                let tls = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                try channel.pipeline.syncOperations.addHandler(tls, position: .first)
            }.get()
        } catch {
            throw firstFailure.cause(of: SMTPError(wrapping: error))
        }
    }

    func close() async {
        try? await channel.close()
    }

    @discardableResult
    private func exchange(
        _ bytes: ByteBuffer?, label: String, expecting codes: Set<Int>
    ) async throws(SMTPError) -> SMTPReply {
        let channel = self.channel
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let firstFailure = self.firstFailure
        let timeout = channel.eventLoop.scheduleTask(in: commandTimeout) {
            let error = SMTPError.timedOut(waitingFor: "the reply to \(label)")
            firstFailure.record(error)
            promise.fail(error)
            // The reply may still come: after a timeout the dialogue is out of step, so it ends here.
            channel.close(promise: nil)
        }
        promise.futureResult.whenComplete { _ in timeout.cancel() }
        channel.writeAndFlush(SMTPRequest(bytes: bytes, reply: promise)).whenFailure { error in
            promise.fail(error)
        }
        let reply: SMTPReply
        do {
            reply = try await promise.futureResult.get()
        } catch {
            throw firstFailure.cause(of: SMTPError(wrapping: error))
        }
        guard codes.contains(reply.code) else {
            throw .rejected(command: label, code: reply.code, text: reply.text)
        }
        return reply
    }

    /// SNI carries names only (RFC 6066 §3); for an address, NIOSSL checks the certificate against
    /// the connected IP instead.
    private static func serverName(for host: String) -> String? {
        let isIPv4 = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        return isIPv4 || host.contains(":") ? nil : host
    }
}

extension SMTPError {
    init(wrapping error: any Error) {
        switch error {
        case let error as SMTPError: self = error
        case let error as NIOSSLError: self = .tlsFailed(String(describing: error))
        case let error as NIOSSLExtraError: self = .tlsFailed(String(describing: error))
        case let error as BoringSSLError: self = .tlsFailed(String(describing: error))
        case ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.eof:
            self = .connectionFailed("connection closed")
        default: self = .connectionFailed(String(describing: error))
        }
    }
}
