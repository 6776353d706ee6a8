import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// One connection of `FakeSMTPServer`: reads lines, answers from the script.
final class FakeSMTPSession: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        case command
        case data(String)
        case authLoginUsername
        case authLoginPassword
    }

    private let script: FakeSMTPServer.Script
    private let transcript: NIOLockedValueBox<FakeSMTPServer.Transcript>
    private var overTLS: Bool
    private var state = State.command
    private var pending: [UInt8] = []

    init(script: FakeSMTPServer.Script, transcript: NIOLockedValueBox<FakeSMTPServer.Transcript>, overTLS: Bool) {
        self.script = script
        self.transcript = transcript
        self.overTLS = overTLS
    }

    func channelActive(context: ChannelHandlerContext) {
        if let greeting = script.greeting { reply(context, greeting) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")), end > 0, pending[end - 1] == UInt8(ascii: "\r") {
            let line = String(decoding: pending[..<(end - 1)], as: UTF8.self)
            pending.removeSubrange(...end)
            handle(line, context)
        }
    }

    private func handle(_ line: String, _ context: ChannelHandlerContext) {
        switch state {
        case .data(let received):
            guard line == "." else {
                state = .data(received + line + "\r\n")
                return
            }
            transcript.withLockedValue { $0.payloads.append(received + ".\r\n") }
            state = .command
            reply(context, "250 2.0.0 Queued as FAKE1")
        case .authLoginUsername:
            record(line)
            state = .authLoginPassword
            reply(context, "334 UGFzc3dvcmQ6")
        case .authLoginPassword:
            record(line)
            state = .command
            reply(context, script.authReply)
        case .command:
            record(line)
            command(line, context)
        }
    }

    private func command(_ line: String, _ context: ChannelHandlerContext) {
        let verb = line.uppercased()
        if verb.hasPrefix("EHLO") {
            var extensions = script.extensions
            if script.startTLS != nil, !overTLS { extensions.insert("STARTTLS", at: 0) }
            let lines = ["fake.test greets you"] + extensions
            let reply = lines.enumerated().map { index, text in
                (index == lines.count - 1 ? "250 " : "250-") + text
            }
            self.reply(context, reply.joined(separator: "\r\n"))
        } else if verb == "STARTTLS", let tls = script.startTLS, !overTLS {
            reply(context, "220 2.0.0 Ready to start TLS")
            // Added after the 220 went down the pipeline, so the 220 itself goes in clear.
            let handler = NIOSSLServerHandler(context: tls)
            try? context.pipeline.syncOperations.addHandler(handler, position: .first)
            overTLS = true
        } else if verb.hasPrefix("AUTH PLAIN") {
            reply(context, script.authReply)
        } else if verb == "AUTH LOGIN" {
            state = .authLoginUsername
            reply(context, "334 VXNlcm5hbWU6")
        } else if verb.hasPrefix("MAIL FROM:") {
            reply(context, "250 2.1.0 Sender ok")
        } else if verb.hasPrefix("RCPT TO:") {
            reply(context, script.rcptReply(line))
        } else if verb == "DATA" {
            state = .data("")
            reply(context, "354 End data with <CR><LF>.<CR><LF>")
        } else if verb == "QUIT" {
            reply(context, "221 2.0.0 Bye")
        } else {
            reply(context, "500 5.5.1 Unknown command")
        }
    }

    private func record(_ line: String) {
        let overTLS = self.overTLS
        transcript.withLockedValue { $0.commands.append(.init(line: line, overTLS: overTLS)) }
    }

    private func reply(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text + "\r\n")), promise: nil)
    }
}
