import NIOCore

/// A command to write (none for the greeting) and the promise its reply completes.
struct SMTPRequest: Sendable {
    let bytes: ByteBuffer?
    let reply: EventLoopPromise<SMTPReply>
}

/// Pairs replies with commands in order (we never pipeline, so there is at most one waiting).
/// A reply that comes before anyone waits for it (the greeting, or a 421 as the server shuts
/// down) is kept for the next command.
final class SMTPReplyRouter: ChannelDuplexHandler {
    typealias InboundIn = SMTPReply
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private var waiting = CircularBuffer<EventLoopPromise<SMTPReply>>()
    private var unclaimed = CircularBuffer<SMTPReply>()
    private var failure: SMTPError?
    private let firstFailure: SMTPFirstFailure

    init(firstFailure: SMTPFirstFailure) {
        self.firstFailure = firstFailure
    }

    var hasUnclaimedReplies: Bool { !unclaimed.isEmpty }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if let promise = waiting.popFirst() {
            promise.succeed(reply)
        } else {
            unclaimed.append(reply)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let failure {
            request.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        if let reply = unclaimed.popFirst() {
            request.reply.succeed(reply)
        } else {
            waiting.append(request.reply)
        }
        guard let bytes = request.bytes else {
            promise?.succeed(())
            return
        }
        context.write(wrapOutboundOut(bytes), promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(SMTPError(wrapping: error))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(.connectionFailed("connection closed by the server"))
        context.fireChannelInactive()
    }

    private func failAll(_ error: SMTPError) {
        if failure == nil { failure = error }
        firstFailure.record(error)
        while let promise = waiting.popFirst() {
            promise.fail(failure ?? error)
        }
    }
}
