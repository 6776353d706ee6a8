import NIOCore
import Vapor

/// Reads a request body as it arrives, with a size cap, a deadline and an optional early verdict,
/// then leaves it collected on the request so routes and `req.content` read it as usual.
///
/// Why not `req.body.collect(max:)`: it holds the connection until the whole body is in, however
/// slowly it comes, and cannot refuse a forged form before its six megabytes have been read.
enum StreamedBody {
    /// What the inspector says of the bytes received so far.
    enum Verdict: Sendable {
        /// Not enough bytes yet to decide.
        case undecided
        /// Keep reading to the end.
        case accept
        /// Stop here: the answer is this error, whatever follows.
        case reject(LogisError)
    }

    typealias Inspector = @Sendable (ByteBuffer) -> Verdict

    /// Collects the body, refusing it as soon as it passes `limit` bytes, takes longer than
    /// `deadline`, or the inspector rejects its beginning.
    static func collect(
        _ request: Request, limit: Int, deadline: TimeAmount, inspect: Inspector? = nil
    ) async throws {
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > limit {
            throw LogisError.payloadTooLarge
        }
        if let collected = request.body.data {
            guard collected.readableBytes <= limit else { throw LogisError.payloadTooLarge }
            if let inspect, case .reject(let error) = inspect(collected) { throw error }
            return
        }
        let reading = Reading(eventLoop: request.eventLoop, limit: limit, inspect: inspect)
        let timeout = request.eventLoop.scheduleTask(in: deadline) { reading.finish(.failure(LogisError.bodyTooSlow)) }
        request.body.drain { part in reading.receive(part) }
        let body: ByteBuffer
        do {
            body = try await reading.result.get()
        } catch {
            timeout.cancel()
            throw error
        }
        timeout.cancel()
        try request.content.encode(RawBody(buffer: body), using: RawBodyEncoder())
    }

    /// The state of one read, touched only on the request's event loop.
    private final class Reading: @unchecked Sendable {
        let eventLoop: any EventLoop
        let limit: Int
        let inspect: Inspector?
        let promise: EventLoopPromise<ByteBuffer>
        var buffer = ByteBuffer()
        var decided = false
        var finished = false

        init(eventLoop: any EventLoop, limit: Int, inspect: Inspector?) {
            self.eventLoop = eventLoop
            self.limit = limit
            self.inspect = inspect
            self.promise = eventLoop.makePromise()
            self.decided = inspect == nil
        }

        var result: EventLoopFuture<ByteBuffer> { promise.futureResult }

        func receive(_ part: BodyStreamResult) -> EventLoopFuture<Void> {
            // A request without a body is "drained" at once, on the caller's task, not on the loop.
            guard eventLoop.inEventLoop else {
                return eventLoop.flatSubmit { self.receive(part) }
            }
            // Once answered, the rest of the body is read and dropped so the connection can go on.
            guard !finished else { return eventLoop.makeSucceededVoidFuture() }
            switch part {
            case .buffer(var chunk):
                guard buffer.readableBytes + chunk.readableBytes <= limit else {
                    finish(.failure(LogisError.payloadTooLarge))
                    break
                }
                buffer.writeBuffer(&chunk)
                if !decided, let inspect {
                    switch inspect(buffer) {
                    case .undecided: break
                    case .accept: decided = true
                    case .reject(let error): finish(.failure(error))
                    }
                }
            case .end:
                if !decided, let inspect, case .reject(let error) = inspect(buffer) {
                    finish(.failure(error))
                } else {
                    finish(.success(buffer))
                }
            case .error(let error):
                finish(.failure(error))
            }
            return eventLoop.makeSucceededVoidFuture()
        }

        func finish(_ outcome: Result<ByteBuffer, any Error>) {
            guard eventLoop.inEventLoop else {
                eventLoop.execute { self.finish(outcome) }
                return
            }
            guard !finished else { return }
            finished = true
            buffer = ByteBuffer()
            promise.completeWith(outcome)
        }
    }
}

/// The bytes of a body that was read by hand, put back on the request unchanged.
private struct RawBody: Encodable {
    let buffer: ByteBuffer
    func encode(to encoder: any Encoder) throws {}
}

/// Writes a `RawBody` as it is and leaves the headers (the multipart boundary) alone.
private struct RawBodyEncoder: ContentEncoder {
    func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders) throws {
        guard var raw = (encodable as? RawBody)?.buffer else { throw LogisError.internalError }
        body.writeBuffer(&raw)
    }
}
